// A private X display (Xvfb) and its CLIPBOARD selection, read and written with xsel.
// Start one per test file; pass `DISPLAY: xvfb.display` in the app's env.
import { spawn } from 'node:child_process';
import { childExited, killGroupSync, onProcessExit, run, stopProcessGroup } from './util.js';

export interface Xvfb {
  /** e.g. ":99" */
  display: string;
  stop(): Promise<void>;
}

/**
 * Start Xvfb on a free display number (picked by Xvfb itself through -displayfd, so there is no race),
 * listening on its unix socket only (-nolisten tcp).
 */
export async function startXvfb(opts: { timeoutMs?: number } = {}): Promise<Xvfb> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const unregister = onProcessExit(() => killGroupSync(child.pid));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });

  let display: string;
  try {
    display = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('timeout waiting for Xvfb')), opts.timeoutMs ?? 10_000);
      const fd3 = child.stdio[3] as NodeJS.ReadableStream;
      fd3.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^(\d+)\n/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(`:${m[1]}`);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, sig) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited early (${code ?? sig})`));
      });
    });
  } catch (err) {
    await stopProcessGroup(child, 500);
    unregister();
    throw new Error(`startXvfb failed: ${(err as Error).message}\n--- Xvfb stderr ---\n${stderr}`);
  }
  // nothing reads these any more: let the pipes go so they cannot keep the event loop alive
  (child.stdio[3] as NodeJS.ReadableStream & { destroy(): void }).destroy();
  child.unref();

  let stopped: Promise<void> | undefined;
  return {
    display,
    stop() {
      stopped ??= (async () => {
        await stopProcessGroup(child, 2000);
        await childExited(child);
        unregister();
      })();
      return stopped;
    },
  };
}

const xenv = (display: string): NodeJS.ProcessEnv => ({ ...process.env, DISPLAY: display });

/** The CLIPBOARD selection's text ('' when nobody owns it). */
export async function readClipboard(display: string): Promise<string> {
  const { stdout } = await run('xsel', ['--clipboard', '--output'], { env: xenv(display), timeoutMs: 5000 });
  return stdout;
}

/** Empty the CLIPBOARD selection. */
export async function clearClipboard(display: string): Promise<void> {
  await run('xsel', ['--clipboard', '--clear'], { env: xenv(display), timeoutMs: 5000 });
}

/**
 * Put text on the CLIPBOARD (xsel forks a small owner process that serves it until the selection is
 * taken over or the display goes away).
 */
export async function writeClipboard(display: string, text: string): Promise<void> {
  // wait for 'exit', not for the pipes to close: the forked owner process may keep them open
  const child = spawn('xsel', ['--clipboard', '--input'], { env: xenv(display), stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  child.stdin!.end(text);
  const code = await exited;
  if (code !== 0) throw new Error(`xsel --clipboard --input exited with ${code}`);
}
