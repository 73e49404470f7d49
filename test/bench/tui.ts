// The big-prefix case in a real terminal: the TUI runs in tmux (test/support/tmux.ts), keys go in with
// send-keys, the screen is read with capture-pane (polled back to back, no sleep), key → frame latency
// comes from the app's own S3PEEK_FRAME_LOG, memory from /proc/<pid>/status of the node process.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startTmux, type Tui } from '../support/tmux.js';
import { sleep } from '../support/util.js';

export interface ProcMem {
  rssBytes: number;
  hwmBytes: number;
}

export function procMem(pid: number): ProcMem {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s*(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') };
}

/** The node process under the tmux pane's sh wrapper. */
export function tuiPid(tui: Tui): number {
  const panePid = Number(
    execFileSync('tmux', ['-L', tui.socket, 'display-message', '-p', '-t', 's3peek:0.0', '#{pane_pid}'], { encoding: 'utf8' }).trim(),
  );
  for (let i = 0; i < 200; i++) {
    const children = readFileSync(`/proc/${panePid}/task/${panePid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const c of children) {
      try {
        if (readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'node') return c;
      } catch {
        // gone
      }
    }
    execFileSync('sleep', ['0.01']);
  }
  throw new Error('bench: could not find the node process of the TUI');
}

/** Capture the pane back to back until `match`; returns ms since `t0` (performance.now()). */
export async function pollScreen(tui: Tui, match: (screen: string) => boolean, t0: number, timeoutMs: number, intervalMs = 0): Promise<{ ms: number; screen: string }> {
  const deadline = performance.now() + timeoutMs;
  let screen = '';
  for (;;) {
    screen = await tui.screen();
    if (match(screen)) return { ms: performance.now() - t0, screen };
    if (performance.now() > deadline) throw new Error(`bench: timeout after ${timeoutMs} ms; screen:\n${screen}`);
    if (await tui.exited()) throw new Error(`bench: the TUI exited; screen:\n${screen}`);
    if (intervalMs) await sleep(intervalMs);
  }
}

export class FrameLog {
  private seen = 0;
  constructor(readonly file: string) {
    writeFileSync(file, '');
  }
  private lines(): number[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8').split('\n').filter(Boolean).map(Number);
  }
  /** Forget everything logged so far. */
  mark(): void {
    this.seen = this.lines().length;
  }
  /** The first frame logged after the last mark(), or null if none within timeoutMs. */
  async next(timeoutMs: number): Promise<number | null> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const l = this.lines();
      if (l.length > this.seen) {
        const v = l[this.seen]!;
        this.seen = l.length;
        return v;
      }
      if (performance.now() > deadline) return null;
      await sleep(2);
    }
  }
  remove(): void {
    rmSync(this.file, { force: true });
  }
}

export interface KeyPlan {
  label: string;
  send: (tui: Tui) => Promise<void>;
  /** record the latency under this label (null: a set-up key, measured but not reported) */
  record: boolean;
}

export interface KeyResults {
  latencies: Record<string, number[]>;
  /** key presses that produced no frame within the timeout */
  noFrame: Record<string, number>;
}

/** Deterministic jitter, so key presses do not phase-lock with the app's 1 s clock tick. */
function jitter(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Press each key, wait for its frame (or timeoutMs), then pause gapMs (+0..20 ms) like a person would. */
export async function pressKeys(tui: Tui, log: FrameLog, plan: KeyPlan[], opts: { gapMs: number; timeoutMs: number }, into: KeyResults): Promise<void> {
  const r = jitter(42);
  for (const k of plan) {
    log.mark();
    await k.send(tui);
    const v = await log.next(opts.timeoutMs);
    if (k.record) {
      if (v === null) into.noFrame[k.label] = (into.noFrame[k.label] ?? 0) + 1;
      else (into.latencies[k.label] ??= []).push(v);
    }
    await sleep(opts.gapMs + Math.floor(r() * 20));
  }
}

export function frameLogPath(dir: string): string {
  return path.join(dir, `frames-${process.pid}.log`);
}

export { startTmux };
