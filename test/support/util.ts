// Small process / network helpers shared by the server harnesses (rgw, moto, xvfb, tmux).
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Repository root: the nearest directory above this module holding s3peek's package.json. Found by
 * walking up rather than by a fixed '../..', so it is also right when this file is bundled into
 * dist/ (npm run demo / screenshots / bench).
 */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 's3peek') return dir;
    } catch {
      // no package.json here
    }
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(from, '..', '..'); // test/support -> repo root
}

/**
 * Base directory for throw-away server data: /dev/shm (tmpfs) when usable - creating the demo's
 * 15,000 small s3rver files there takes ~0.3 s instead of ~2.5 s on this machine's ext4 /tmp -
 * else os.tmpdir(). Override with S3PEEK_TEST_TMPDIR.
 */
export function fastTmpDir(): string {
  const override = process.env.S3PEEK_TEST_TMPDIR;
  if (override) return override;
  try {
    accessSync('/dev/shm', constants.W_OK | constants.X_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Absolute path of an executable on PATH, or null. */
export function which(bin: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, bin);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Binaries from `bins` that are not on PATH. */
export function missingBinaries(bins: readonly string[]): string[] {
  return bins.filter((b) => which(b) === null);
}

function ephemeralRange(): [number, number] {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo && hi) return [lo, hi];
  } catch {
    // not Linux
  }
  return [32768, 60999];
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

const handedOut = new Set<number>();

/**
 * A free TCP port on 127.0.0.1 for a server started by another process.
 * Picked at random BELOW the kernel's ephemeral range, so that outgoing connections made meanwhile
 * (e.g. the ceph CLI talking to the mon) cannot grab it between this check and the server's bind.
 * Never returns the same port twice in one process.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const low = 10000;
  const high = Math.max(low + 1000, ephemeralLow - 1);
  for (let i = 0; i < 200; i++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if (await canBind(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: no free port found in 200 attempts');
}

/** Poll `check` every `intervalMs` until it returns true; throws `describe()` on deadline. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  opts: { timeoutMs: number; intervalMs?: number; describe: () => string },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(opts.describe());
    await sleep(opts.intervalMs ?? 50);
  }
}

/** True when an HTTP server answers (any status) on `url`. */
export async function httpAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves when the child exits (immediately if it already has). */
export function childExited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stop a child started with `detached: true` (its own process group): SIGTERM to the group,
 * SIGKILL after `graceMs`. Resolves once the child has exited.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = childExited(child);
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // whatever else is left in the group
}

/** Synchronous last-resort kill of a process group, for process 'exit' hooks. */
export function killGroupSync(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const exitHooks = new Set<() => void>();
let exitHooksInstalled = false;

function runExitHooks(): void {
  for (const fn of [...exitHooks]) {
    exitHooks.delete(fn);
    try {
      fn();
    } catch {
      // best effort
    }
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', runExitHooks);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      runExitHooks();
      // keep the default behaviour (terminate) unless someone else (e.g. vitest) handles the signal
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

/**
 * Run `fn` when this Node process exits (normal exit, process.exit, or SIGINT/SIGTERM/SIGHUP),
 * so that an interrupted test run leaves no server behind. `fn` must be synchronous. One set of
 * process listeners serves every hook. Returns an unregister function (call it after a clean stop).
 */
export function onProcessExit(fn: () => void): () => void {
  installExitHooks();
  const hook = () => fn();
  exitHooks.add(hook);
  return () => {
    exitHooks.delete(hook);
  };
}

export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** execFile as a promise; the error message carries stderr/stdout. */
export function run(
  file: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 0, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const e = new Error(
            `${path.basename(file)} ${args.join(' ')} failed: ${err.message.trim()}` +
              (stderr.trim() ? `\n--- stderr ---\n${stderr.trim()}` : '') +
              (stdout.trim() ? `\n--- stdout ---\n${stdout.trim()}` : ''),
          );
          (e as Error & { stdout?: string; stderr?: string }).stdout = stdout;
          (e as Error & { stdout?: string; stderr?: string }).stderr = stderr;
          reject(e);
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

export function runSync(file: string, args: readonly string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync(file, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
