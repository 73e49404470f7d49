// Timed runs of whole programs, always side by side with their comparison in alternating order
// (A B, B A, A B, ...), so drift on a shared machine (CPU frequency, noisy neighbours, page cache) hits
// both sides alike. hyperfine is not used for the figures: it runs all of one command, then all of the
// other.
import { spawn } from 'node:child_process';
import { python } from './env.js';

export interface Cmd {
  /** Short name in the report. */
  label: string;
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The command line as a person would type it (shown in the report). */
  display: string;
}

export interface RunResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn → exit, wall milliseconds. stdout/stderr are collected (small outputs) or dropped. */
export function timeOnce(cmd: Cmd, opts: { capture?: boolean } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd.file, cmd.args, {
      env: cmd.env,
      stdio: ['ignore', opts.capture ? 'pipe' : 'ignore', opts.capture ? 'pipe' : 'ignore'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

export interface Paired {
  a: number[];
  b: number[];
  failures: string[];
}

/** `warmup` + `runs` rounds; round i runs A then B when i is even, B then A when odd. */
export async function alternate(a: Cmd, b: Cmd, opts: { runs: number; warmup: number; log?: (s: string) => void }): Promise<Paired> {
  const out: Paired = { a: [], b: [], failures: [] };
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const order: ['a' | 'b', Cmd][] = i % 2 === 0 ? [['a', a], ['b', b]] : [['b', b], ['a', a]];
    for (const [side, cmd] of order) {
      const r = await timeOnce(cmd);
      if (r.code !== 0) out.failures.push(`${cmd.label} round ${i}: exit ${r.code}`);
      if (i >= opts.warmup) out[side].push(r.ms);
    }
  }
  return out;
}

export interface CpuResult {
  wallMs: number;
  userMs: number;
  sysMs: number;
  maxRssKb: number;
  code: number;
}

// fork + exec + wait4 in Python: the rusage of the client process alone (and anything it waited for),
// to the microsecond; the wrapper's own start-up is not in it. The client's stdout goes to /dev/null.
const CPU_WRAPPER = `
import json, os, sys, time
devnull = os.open(os.devnull, os.O_WRONLY)
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = (time.perf_counter() - t0) * 1000
print(json.dumps({"wallMs": wall, "userMs": ru.ru_utime * 1000, "sysMs": ru.ru_stime * 1000,
                  "maxRssKb": ru.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}))
`;

export async function cpuOnce(cmd: Cmd): Promise<CpuResult> {
  const r = await timeOnce({ ...cmd, file: python(), args: ['-c', CPU_WRAPPER, cmd.file, ...cmd.args] }, { capture: true });
  if (r.code !== 0) throw new Error(`cpu wrapper failed for ${cmd.display}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim()) as CpuResult;
}

export interface PairedCpu {
  a: CpuResult[];
  b: CpuResult[];
  failures: string[];
}

export async function alternateCpu(a: Cmd, b: Cmd, opts: { runs: number; warmup: number; log?: (s: string) => void }): Promise<PairedCpu> {
  const out: PairedCpu = { a: [], b: [], failures: [] };
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const order: ['a' | 'b', Cmd][] = i % 2 === 0 ? [['a', a], ['b', b]] : [['b', b], ['a', a]];
    for (const [side, cmd] of order) {
      const r = await cpuOnce(cmd);
      if (r.code !== 0) out.failures.push(`${cmd.label} round ${i}: exit ${r.code}`);
      if (i >= opts.warmup) out[side].push(r);
      opts.log?.(`bench:   ${cmd.label} round ${i + 1}/${opts.warmup + opts.runs}: ${(r.userMs + r.sysMs).toFixed(0)} ms CPU, ${r.wallMs.toFixed(0)} ms wall`);
    }
  }
  return out;
}
