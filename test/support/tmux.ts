// Drive a terminal program in a detached tmux session, the way a person would: keys in, screen out.
// Every Tui gets its own tmux server (`tmux -L <unique socket> -f /dev/null`), so tests never touch a
// user's tmux and can run in parallel.
//
//   const tui = await startTui(['--profile', 'demo'], { env: { AWS_REGION: 'us-east-1' } });
//   await tui.waitFor('Buckets');
//   await tui.send('Down', 'Enter');
//   await tui.type('reports');
//   expect(await tui.screen()).toContain('q3/');
//   await tui.kill();
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, onProcessExit, run, runSync, sleep } from './util.js';
import { recordOutput } from './cli.js';

/** The built binary the e2e tests drive. */
export const S3PEEK_BIN = path.join(REPO_ROOT, 'bin', 's3peek.js');

export interface TuiOptions {
  /** Extra environment for the program (on top of the cleaned inherited one, see childEnv). */
  env?: Record<string, string>;
  /** Terminal width in columns (default 120). */
  width?: number;
  /** Terminal height in rows (default 40). */
  height?: number;
  /** Working directory (default: the repo root). */
  cwd?: string;
  /** TERM inside the pane (default tmux-256color). */
  term?: string;
  /** Inherit AWS_* variables from the test process (default false: tests state what they need). */
  inheritAws?: boolean;
}

export interface Tui {
  /** tmux socket name (`tmux -L <socket>`), for debugging. */
  readonly socket: string;
  /** Key names as tmux send-keys understands them: 'Enter', 'Escape', 'Down', 'C-c', 'q', 'BSpace', ... */
  send(...keys: string[]): Promise<void>;
  /** Literal text (send-keys -l): no key-name lookup, so 'Enter' types E-n-t-e-r. */
  type(text: string): Promise<void>;
  /**
   * The visible screen (capture-pane -p); color: true keeps SGR escapes (-e); scrollback: true
   * prepends the lines that scrolled off the top (-S -).
   */
  screen(opts?: { color?: boolean; scrollback?: boolean }): Promise<string>;
  /**
   * Poll the screen every ~50 ms until it matches; resolves with that screen. On deadline (default
   * 5000 ms), or when the program has exited and the final screen does not match, throws with the
   * last screen in the message.
   */
  waitFor(match: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Like waitFor, until the screen no longer matches. */
  waitForGone(match: string | RegExp, timeoutMs?: number): Promise<string>;
  /** True once the program has exited (the pane stays, showing the final screen). */
  exited(): Promise<boolean>;
  /** The program's exit status, or null while it runs. */
  exitStatus(): Promise<number | null>;
  /** Wait for the program to exit; resolves with its exit status. */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Resize the terminal (the program gets SIGWINCH). */
  resize(width: number, height: number): Promise<void>;
  /** Kill the tmux server (and with it the program). Idempotent. */
  kill(): Promise<void>;
}

const TARGET = 's3peek:0.0';

/**
 * The environment the program sees: the test process's environment without tmux, vitest and AWS
 * variables (unless inheritAws), plus CI=false (Ink renders nothing live when it thinks it is in CI),
 * plus opts.env.
 */
export function childEnv(opts: Pick<TuiOptions, 'env' | 'inheritAws'> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k === 'TMUX' || k === 'TMUX_PANE') continue;
    if (k.startsWith('VITEST') || k === 'NODE_ENV' || k === 'TEST') continue;
    if (!opts.inheritAws && k.startsWith('AWS_')) continue;
    env[k] = v;
  }
  env.CI = 'false';
  env.CONTINUOUS_INTEGRATION = 'false';
  return { ...env, ...opts.env };
}

function describeMatch(m: string | RegExp) {
  return typeof m === 'string' ? JSON.stringify(m) : String(m);
}

function matches(screen: string, m: string | RegExp) {
  if (typeof m === 'string') return screen.includes(m);
  m.lastIndex = 0; // a /g or /y regex keeps state between calls
  return m.test(screen);
}

/**
 * The pane runs a tiny sh wrapper around the program instead of the program itself: when the program
 * exits, the wrapper writes its exit status to a file and then idles, so the pane stays alive with the
 * program's final screen untouched. (tmux's own remain-on-exit - still set, as a fallback - scrolls the
 * screen up by one line to print "Pane is dead ...", which would shift or hide the final frame.)
 * `trap : INT` keeps the wrapper alive through a C-c meant for the program (a handler, not an ignore:
 * the program still gets the default SIGINT behaviour). After the exit, echo is turned off so stray
 * keys cannot draw over the final screen. Exit status is 128+N when the program died of signal N.
 */
const WRAPPER = 'trap : INT; f=$1; shift; "$@"; s=$?; stty -echo 2>/dev/null; printf %s "$s" >"$f.tmp" && mv "$f.tmp" "$f"; exec sleep infinity';

/** Run an arbitrary command (argv, no shell) in a fresh detached tmux session. */
export async function startTmux(command: readonly string[], opts: TuiOptions = {}): Promise<Tui> {
  if (command.length === 0) throw new Error('startTmux: empty command');
  const socket = `s3peek-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const width = opts.width ?? 120;
  const height = opts.height ?? 40;
  const env = childEnv(opts);
  const tmuxEnv = { ...env, TERM: env.TERM && env.TERM !== 'dumb' ? env.TERM : 'xterm-256color' };
  const tmux = (args: readonly string[]) =>
    run('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: tmuxEnv, timeoutMs: 10_000 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 's3peek-tmux-'));
  const statusFile = path.join(dir, 'exit-status');
  let socketPath: string | undefined;
  let killed = false;
  const unregister = onProcessExit(() => {
    try {
      runSync('tmux', ['-L', socket, 'kill-server']);
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
    if (socketPath) rmSync(socketPath, { force: true });
  });

  const cleanup = async () => {
    await tmux(['kill-server']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    if (socketPath) await rm(socketPath, { force: true });
    unregister();
  };

  try {
    // one client invocation, so the options are in place before the program can possibly exit
    await tmux([
      'start-server',
      ';', 'set-option', '-g', 'remain-on-exit', 'on',
      ';', 'set-option', '-g', 'default-terminal', opts.term ?? 'tmux-256color',
      ';', 'set-option', '-g', 'status', 'off',
      ';', 'new-session', '-d', '-s', 's3peek', '-x', String(width), '-y', String(height),
      '-c', opts.cwd ?? REPO_ROOT,
      'sh', '-c', WRAPPER, 's3peek-pane', statusFile, ...command,
    ]);
    socketPath = (await tmux(['display-message', '-p', '-t', TARGET, '#{socket_path}'])).stdout.trim() || undefined;
  } catch (err) {
    await cleanup();
    throw err;
  }

  const display = async (format: string) => (await tmux(['display-message', '-p', '-t', TARGET, format])).stdout.trim();

  // Every distinct screen goes to the output log that the secret scan reads (test/secrets/scan.test.ts).
  let lastRecorded = '';
  const screen = async (o: { color?: boolean; scrollback?: boolean } = {}) => {
    const text = (await tmux(['capture-pane', '-p', ...(o.color ? ['-e'] : []), ...(o.scrollback ? ['-S', '-'] : []), '-t', TARGET]))
      .stdout;
    if (text !== lastRecorded) {
      lastRecorded = text;
      recordOutput({ args: command, screen: text });
    }
    return text;
  };

  const exitStatus = async (): Promise<number | null> => {
    try {
      return Number(await readFile(statusFile, 'utf8'));
    } catch {
      // still running, or the wrapper itself died: then tmux knows
      if (killed) return null;
      const [dead, status] = (await display('#{pane_dead} #{pane_dead_status}')).split(' ');
      return dead === '1' ? Number(status) : null;
    }
  };

  const exited = async () => (await exitStatus()) !== null;

  const poll = async (match: string | RegExp, wantMatch: boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const status = await exitStatus();
      last = await screen();
      if (matches(last, match) === wantMatch) return last;
      if (status !== null) {
        throw new Error(
          `tmux: program exited (status ${status}) and the screen ${wantMatch ? 'never showed' : 'still shows'} ` +
            `${describeMatch(match)}; final screen:\n${last}`,
        );
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `tmux: timeout after ${timeoutMs} ms waiting for ${wantMatch ? '' : 'the end of '}${describeMatch(match)}; ` +
            `last screen:\n${last}`,
        );
      }
      await sleep(50);
    }
  };

  return {
    socket,
    async send(...keys) {
      if (keys.length) await tmux(['send-keys', '-t', TARGET, ...keys]);
    },
    async type(text) {
      if (text) await tmux(['send-keys', '-t', TARGET, '-l', '--', text]);
    },
    screen,
    waitFor: (match, timeoutMs = 5000) => poll(match, true, timeoutMs),
    waitForGone: (match, timeoutMs = 5000) => poll(match, false, timeoutMs),
    exited,
    exitStatus,
    async waitForExit(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await exitStatus();
        if (status !== null) return status;
        if (Date.now() >= deadline) {
          throw new Error(`tmux: program still running after ${timeoutMs} ms; screen:\n${await screen()}`);
        }
        await sleep(50);
      }
    },
    async resize(w, h) {
      await tmux(['resize-window', '-t', 's3peek:0', '-x', String(w), '-y', String(h)]);
    },
    async kill() {
      if (killed) return;
      killed = true;
      await cleanup();
    },
  };
}

/** Run the BUILT app (`node bin/s3peek.js ...args`) in tmux. Build first (npm run build). */
export function startTui(args: readonly string[], opts: TuiOptions = {}): Promise<Tui> {
  return startTmux([process.execPath, S3PEEK_BIN, ...args], opts);
}
