// `npm run bench`: s3peek against its comparisons, on data it makes itself on local servers, every case side
// by side with its comparison in alternating order; writes test/bench/BENCHMARKS.md.
//
//   npm run bench                       # full: >= 10 runs per side, 100,000-object prefix
//   node dist/bench.js --quick          # smoke: 3 runs, 10,000 objects; report to .bench-data/BENCHMARKS.quick.md
//   node dist/bench.js --only 1,5       # some cases only (1 cold start … 6 listing cost)
//   node dist/bench.js --runs 20        # runs per side
//   node dist/bench.js --out FILE       # report elsewhere
//
// Servers (all on 127.0.0.1, started and stopped here): s3rver (its own child process, data written once
// into .bench-data/), moto_server (test/support/moto.ts), a moto seeded with the big prefix through
// moto's own API (test/bench/moto_big.py), a counting proxy and a replay of moto's recorded listing pages.
// Benchmarks are not pass/fail: the exit status is 0 unless the bench itself could not run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BIG_BUCKET, BIG_PREFIX, PRESIGN_BUCKET, PRESIGN_KEY, SMALL_BUCKETS, bigKey, ensureBenchData } from '../bench/data.js';
import { BENCH_CREDENTIALS, serveS3rver } from '../bench/serve.js';
import { awsBinary, clientEnv, machineInfo, python } from '../bench/env.js';
import { alternate, alternateCpu, timeOnce, type Cmd } from '../bench/runner.js';
import { startCountingProxy, type SeenRequest } from '../bench/proxy.js';
import { loadOrRecord, startReplay } from '../bench/replay.js';
import { FrameLog, pollScreen, pressKeys, procMem, startTmux, tuiPid, type KeyPlan, type KeyResults, type ProcMem } from '../bench/tui.js';
import { median, percentile, summary } from '../bench/stats.js';
import { buildProfilingBundle, formatSummary, newestProfile, summarizeProfile } from '../bench/profile.js';
import { keptAnalysis, writeReport, type CaseResult, type Report } from '../bench/report.js';
import { startMoto, type Moto } from '../support/moto.js';
import { childEnv } from '../support/tmux.js';
import { freePort, killGroupSync, onProcessExit, stopProcessGroup } from '../support/util.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_BENCH = fileURLToPath(import.meta.url);
// The binary under test: a snapshot of bin/ + dist/ taken when the bench starts (see snapshotApp).
let BIN = path.join(ROOT, 'bin', 's3peek.js');
const BENCH_DATA = path.join(ROOT, '.bench-data');
const NODE = process.execPath;
const log = (s: string) => process.stderr.write(`${s}\n`);
// The SDK used here (pre-signing a ListBuckets URL) would print its Node 20 deprecation notice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// ---------------------------------------------------------------------------------------------
// child mode: the s3rver process

// (dispatched at the end of the file, once every declaration is initialised)

// ---------------------------------------------------------------------------------------------

interface Options {
  quick: boolean;
  only: Set<number>;
  runs: number;
  warmup: number;
  count: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  };
  const only = new Set((value('--only') ?? '1,2,3,4,5,6').split(',').map(Number));
  return {
    quick,
    only,
    runs: Number(value('--runs') ?? (quick ? 3 : 12)),
    warmup: quick ? 1 : 2,
    count: Number(value('--count') ?? (quick ? 10_000 : 100_000)),
    out: path.resolve(value('--out') ?? (quick ? path.join(BENCH_DATA, 'BENCHMARKS.quick.md') : path.join(ROOT, 'test', 'bench', 'BENCHMARKS.md'))),
  };
}

/**
 * bin/build.mjs only watches src/, test/support/ and test/tools/ — not test/bench/. When a helper there is
 * newer than this bundle, rebuild and run the new bundle instead.
 */
async function rebuildIfStale(): Promise<boolean> {
  const newest = (dir: string): number =>
    readdirSync(dir).reduce((m, f) => {
      const p = path.join(dir, f);
      const st = statSync(p);
      return Math.max(m, st.isDirectory() ? newest(p) : st.mtimeMs);
    }, 0);
  const helpers = path.join(ROOT, 'test', 'bench');
  if (!existsSync(helpers) || newest(helpers) <= statSync(DIST_BENCH).mtimeMs) return false;
  log('bench: test/bench/ changed since dist/bench.js was built: rebuilding');
  const r = spawn(NODE, [path.join(ROOT, 'bin', 'build.mjs'), '--force'], { stdio: 'inherit' });
  return new Promise<boolean>((resolve, reject) => {
    r.on('close', (code) => (code === 0 ? resolve(true) : reject(new Error('bench: rebuild failed'))));
  });
}

async function main(): Promise<void> {
  const rebuilt = await rebuildIfStale();
  if (rebuilt) {
    const again = spawn(NODE, [DIST_BENCH, ...process.argv.slice(2)], { stdio: 'inherit' });
    again.on('close', (code) => process.exit(code ?? 1));
    return;
  }
  const opts = parseOptions(process.argv.slice(2));
  const cleanups: (() => Promise<void>)[] = [];
  const t0 = performance.now();
  const report: Report = {
    app: '',
    quick: opts.quick,
    runs: opts.runs,
    warmup: opts.warmup,
    count: opts.count,
    machine: machineInfo(),
    cases: [],
    notes: [],
    seconds: 0,
  };
  log(`bench: ${opts.quick ? 'quick' : 'full'} run, ${opts.runs} runs per side (+${opts.warmup} warm-up), ${opts.count.toLocaleString('en-US')} objects`);
  try {
    report.app = snapshotApp();
    const data = ensureBenchData(BENCH_DATA, opts.count, log);
    report.notes.push(
      `s3rver data: ${data.directory.replace(`${ROOT}/`, '')} (${data.generated ? `generated in ${(data.ms / 1000).toFixed(1)} s this run` : 'reused from an earlier run'}).`,
    );
    const env = clientEnv(BENCH_DATA);
    const aws = awsBinary();

    let s3rver: { endpoint: string } | undefined;
    const needS3rver = [2, 4].some((c) => opts.only.has(c));
    if (needS3rver) {
      s3rver = await startS3rverChild(data.directory, cleanups);
      log(`bench: s3rver on ${s3rver.endpoint}`);
    }
    let moto: Moto | undefined;
    if (opts.only.has(3)) {
      moto = await startMoto();
      cleanups.push(() => moto!.stop());
      log(`bench: moto_server on ${moto.endpoint}`);
    }

    const run = async (id: number, title: string, fn: () => Promise<CaseResult>) => {
      if (!opts.only.has(id)) return;
      const load0 = loadavg();
      try {
        const c = await fn();
        c.details.push(`Load average (1 min) at the start and end of this case: ${load0} → ${loadavg()}.`);
        report.cases.push(c);
      } catch (err) {
        log(`bench: case ${id} could not run: ${(err as Error).stack ?? err}`);
        report.cases.push({ id, title, server: '', headline: `could not run: ${(err as Error).message.split('\n')[0]}`, target: '', met: null, rows: [], details: [(err as Error).message] });
      }
    };
    await run(1, 'Cold start', () => caseColdStart(opts, env));
    await run(2, 'One-shot pre-sign', () => casePresign(opts, env, aws, s3rver!.endpoint));
    await run(3, 'Identity', () => caseWhoami(opts, env, aws, moto!.endpoint));
    await run(4, 'First frame', () => caseFirstFrame(opts, env, s3rver!.endpoint));

    // moto with the big prefix: case 5 lists through it; case 6 replays its recorded pages.
    let motoBig: { endpoint: string; seedMs: number } | undefined;
    const getMotoBig = async () => {
      motoBig ??= await startMotoBig(opts.count, cleanups);
      return motoBig.endpoint;
    };
    await run(5, 'Big prefix', async () => caseBigPrefix(opts, env, (await getMotoBig(), motoBig!)));
    await run(6, 'Listing cost', async () => {
      const file = path.join(BENCH_DATA, `moto-pages-${opts.count}.json`);
      const rec = await loadOrRecord(file, opts.count, getMotoBig, log);
      return caseListingCost(opts, env, aws, rec);
    });
  } finally {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => log(`bench: cleanup: ${(err as Error).message}`));
  }
  report.seconds = Math.round((performance.now() - t0) / 1000);
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, writeReport(report, keptAnalysis(opts.out)));
  log(`bench: wrote ${path.relative(process.cwd(), opts.out)} (${report.seconds} s)`);
  process.stdout.write(`${summaryLines(report)}\n`);
}

/**
 * Copy bin/s3peek.js and the built dist/ (entry + chunks) to .bench-data/app/ and run that: `npm test` or a
 * developer's edit rebuilds dist/ (rm -rf, then esbuild) whenever sources change, which would pull the
 * binary out from under a running bench or change it half-way. Same bytes, same relative layout;
 * clipboardy still resolves from the repo's node_modules. Returns a description for the report.
 */
function snapshotApp(): string {
  const dir = path.join(BENCH_DATA, 'app');
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'bin', 's3peek.js'), path.join(dir, 'bin', 's3peek.js'));
  cpSync(path.join(ROOT, 'dist', 's3peek.js'), path.join(dir, 'dist', 's3peek.js'));
  cpSync(path.join(ROOT, 'dist', 'chunks'), path.join(dir, 'dist', 'chunks'), { recursive: true });
  BIN = path.join(dir, 'bin', 's3peek.js');
  const hash = createHash('sha256');
  const files = [path.join(dir, 'dist', 's3peek.js'), ...readdirSync(path.join(dir, 'dist', 'chunks')).sort().map((f) => path.join(dir, 'dist', 'chunks', f))];
  for (const f of files) hash.update(readFileSync(f));
  let git = 'unknown commit';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin', 'package.json', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' }).trim();
    git = `commit ${head}${dirty ? ` + uncommitted changes (${dirty.split('\n').map((l) => l.trim()).join(', ')})` : ''}`;
  } catch {
    // not a git checkout
  }
  return `${git}; bundle sha256 ${hash.digest('hex').slice(0, 16)} (${files.length} files), run from the snapshot .bench-data/app/ (commands below say bin/s3peek.js: same bytes)`;
}

function loadavg(): string {
  return os.loadavg()[0]!.toFixed(2);
}

/** The check run before the timed runs: the command must really do its job, or the case is not measured. */
function verify(ok: boolean, what: string): void {
  if (!ok) throw new Error(`check failed: ${what}`);
}

function summaryLines(r: Report): string {
  return r.cases.map((c) => `${c.id}. ${c.title}: ${c.headline} (target ${c.target}) ${c.met === null ? '' : c.met ? 'MET' : 'MISSED'}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// --profile: CPU profiles of every s3peek side, folded onto the sources (test/bench/profile.ts)

async function profileMain(): Promise<void> {
  if (await rebuildIfStale()) {
    const again = spawn(NODE, [DIST_BENCH, ...process.argv.slice(2)], { stdio: 'inherit' });
    again.on('close', (code) => process.exit(code ?? 1));
    return;
  }
  const opts = parseOptions(process.argv.slice(2));
  const cleanups: (() => Promise<void>)[] = [];
  const profDir = path.join(BENCH_DATA, 'profiles');
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const sections: string[] = [];
  try {
    const bin = await buildProfilingBundle(ROOT, path.join(BENCH_DATA, 'prof-dist'));
    log(`bench: profiling an unminified build of the current sources (${bin})`);
    const data = ensureBenchData(BENCH_DATA, opts.count, log);
    const env = clientEnv(BENCH_DATA);
    const s3rver = await startS3rverChild(data.directory, cleanups);
    const moto = await startMoto();
    cleanups.push(() => moto.stop());
    const rec = await loadOrRecord(path.join(BENCH_DATA, `moto-pages-${opts.count}.json`), opts.count, async () => (await startMotoBig(opts.count, cleanups)).endpoint, log);
    const replay = await startReplay(rec, { lenientDelimiter: true });
    cleanups.push(() => replay.close());
    const prof = (name: string) => ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', path.join(profDir, name)];
    const uri = `s3://${BIG_BUCKET}/${BIG_PREFIX}`;
    const oneShots: [string, string[]][] = [
      ['version', ['--version']],
      ['presign', ['--endpoint-url', s3rver.endpoint, 'presign', `s3://${PRESIGN_BUCKET}/${PRESIGN_KEY}`, '--expires', '1h']],
      ['whoami', ['--endpoint-url', moto.endpoint, 'whoami']],
      ['ls-recursive', ['--endpoint-url', replay.endpoint, 'ls', '--recursive', uri]],
    ];
    for (const [name, args] of oneShots) {
      log(`bench: profiling ${name}`);
      const r = await timeOnce({ label: name, file: NODE, args: [...prof(name), bin, ...args], env, display: '' }, { capture: true });
      if (r.code !== 0) throw new Error(`${name}: exit ${r.code}: ${r.stderr}`);
      sections.push(formatSummary(`${name}: \`node --cpu-prof <unminified bundle> ${args.join(' ')}\``, summarizeProfile(newestProfile(path.join(profDir, name)), ROOT)));
    }
    const tuiEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (k.startsWith('AWS_') && v !== undefined) tuiEnv[k] = v;
    // TUI start → bucket list, then q
    {
      log('bench: profiling the TUI start');
      const tui = await startTmux([NODE, ...prof('tui-start'), bin, '--endpoint-url', s3rver.endpoint], { env: tuiEnv, width: 120, height: 40, cwd: ROOT });
      try {
        await pollScreen(tui, (s) => s.includes('bench-team'), performance.now(), 60_000, 5);
        await tui.send('q');
        await tui.waitForExit(20_000);
      } finally {
        await tui.kill();
      }
      sections.push(formatSummary('TUI start until the bucket list shows (then q)', summarizeProfile(newestProfile(path.join(profDir, 'tui-start')), ROOT)));
    }
    // TUI on the big prefix: G, then key presses; two runs (navigation keys / filter typing) so each
    // profile's key phase holds one kind of key only
    const key = (label: string, k: string): KeyPlan => ({ label, send: (t) => t.send(k), record: true });
    const nav: KeyPlan[] = [key('g', 'g')];
    for (let i = 0; i < 60; i++) nav.push(key('j', 'j'));
    for (let i = 0; i < 30; i++) nav.push(key('PgDn', 'NPage'));
    for (let i = 0; i < 15; i++) nav.push(key('g', 'g'), key('G', 'G'));
    const filter: KeyPlan[] = [];
    for (let i = 0; i < 3; i++) {
      filter.push({ label: '/', send: (t) => t.type('/'), record: true });
      for (const ch of 'event-0999') filter.push({ label: 'filter char', send: (t) => t.type(ch), record: true });
      filter.push(key('Esc', 'Escape'));
    }
    for (const [name, plan] of [['tui-nav', nav], ['tui-filter', filter]] as const) {
      log(`bench: profiling the TUI on the big prefix (${name})`);
      const frames = new FrameLog(path.join(BENCH_DATA, `frames-prof-${process.pid}.log`));
      const tui = await startTmux([NODE, ...prof(name), bin, '--endpoint-url', replay.endpoint, uri], { env: { ...tuiEnv, S3PEEK_FRAME_LOG: frames.file }, width: 120, height: 40, cwd: ROOT });
      let keyMs = 0;
      const results: KeyResults = { latencies: {}, noFrame: {} };
      try {
        await pollScreen(tui, (s) => s.includes('event-000001.json'), performance.now(), 60_000, 5);
        await tui.send('G');
        const fmt = (n: number) => n.toLocaleString('en-US');
        await pollScreen(tui, (s) => new RegExp(`\\d[\\d,]* / ${fmt(opts.count)}(?!\\+)`).test(s) && !s.includes('Loading'), performance.now(), 10 * 60_000, 100);
        await new Promise((r) => setTimeout(r, 300));
        const k0 = performance.now();
        await pressKeys(tui, frames, plan, { gapMs: 40, timeoutMs: 1000 }, results);
        await tui.send('q');
        keyMs = performance.now() - k0;
        await tui.waitForExit(30_000);
      } finally {
        await tui.kill();
        frames.remove();
      }
      const lat = Object.entries(results.latencies).map(([k, xs]) => `${k}: p50 ${median(xs).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms (n=${xs.length})`).join('; ');
      sections.push(formatSummary(`${name}: TUI with all ${opts.count.toLocaleString('en-US')} rows loaded, key presses only (last ${(keyMs / 1000).toFixed(1)} s of the profile). Frame latencies under the profiler: ${lat}`, summarizeProfile(newestProfile(path.join(profDir, name)), ROOT, { lastMs: keyMs, top: 40 })));
    }
    // TUI start, phase by phase: launch → first request at the proxy → bucket list on screen
    {
      log('bench: TUI start phases');
      const proxy = await startCountingProxy(s3rver.endpoint);
      const phases: string[] = [];
      try {
        for (let i = 0; i < 5; i++) {
          proxy.reset();
          const t0 = performance.now();
          const tui = await startTmux([NODE, BIN, '--endpoint-url', proxy.endpoint], { env: tuiEnv, width: 120, height: 40, cwd: ROOT });
          try {
            const shown = await pollScreen(tui, (s) => s.includes('bench-team'), t0, 60_000);
            phases.push(`run ${i + 1}: ${proxy.log.map((r) => `${r.op} request at ${(r.at - t0).toFixed(0)} ms`).join(', ')}; bucket list on screen at ${shown.ms.toFixed(0)} ms`);
          } finally {
            await tui.kill();
          }
        }
      } finally {
        await proxy.close();
      }
      sections.push(`### TUI start phases (tmux, the shipped bundle, through the counting proxy; clock starts before tmux starts)\n\n${phases.map((p) => `- ${p}`).join('\n')}\n`);
    }
    // heap of the loaded rows alone
    {
      log('bench: rows memory');
      const { build } = await import('esbuild');
      const out = path.join(BENCH_DATA, 'rows-memory.js');
      await build({ absWorkingDir: ROOT, entryPoints: ['test/bench/rows-memory.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
      const r = await timeOnce({ label: 'rows', file: NODE, args: ['--expose-gc', out, String(opts.count)], env, display: '' }, { capture: true });
      sections.push(`### Heap of ${opts.count.toLocaleString('en-US')} loaded rows alone (test/bench/rows-memory.ts, --expose-gc)\n\n\`${r.stdout.trim() || r.stderr.trim()}\`\n`);
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => log(`bench: cleanup: ${(err as Error).message}`));
  }
  const out = path.join(profDir, 'SUMMARY.md');
  writeFileSync(out, `# CPU profiles (node --cpu-prof, unminified bundle, folded onto sources)\n\n${sections.join('\n')}`);
  log(`bench: wrote ${path.relative(process.cwd(), out)}`);
}

// ---------------------------------------------------------------------------------------------
// servers

function readFirstLine(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: ${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => {
      clearTimeout(timer);
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: ${what} exited early (${code})`));
    });
  });
}

async function startS3rverChild(directory: string, cleanups: (() => Promise<void>)[]): Promise<{ endpoint: string }> {
  const child = spawn(NODE, [DIST_BENCH, '--serve-s3rver', directory], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  const unregister = onProcessExit(() => killGroupSync(child.pid));
  cleanups.push(async () => {
    await stopProcessGroup(child, 3000);
    unregister();
  });
  return JSON.parse(await readFirstLine(child, 's3rver', 30_000)) as { endpoint: string };
}

async function startMotoBig(count: number, cleanups: (() => Promise<void>)[]): Promise<{ endpoint: string; seedMs: number }> {
  const port = await freePort();
  log(`bench: starting moto with ${count.toLocaleString('en-US')} objects (seeded through moto's backend API)`);
  const child = spawn(python(), [path.join(ROOT, 'test', 'bench', 'moto_big.py'), String(count), String(port)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  const unregister = onProcessExit(() => killGroupSync(child.pid));
  cleanups.push(async () => {
    await stopProcessGroup(child, 3000);
    unregister();
  });
  const info = JSON.parse(await readFirstLine(child, 'moto_big.py', 300_000)) as { endpoint: string; seedMs: number };
  log(`bench: moto (big prefix) on ${info.endpoint}, seeded in ${(info.seedMs / 1000).toFixed(1)} s`);
  return info;
}

// ---------------------------------------------------------------------------------------------
// cases

const s3peek = (args: string[], env: NodeJS.ProcessEnv, label = 's3peek'): Cmd => ({
  label,
  file: NODE,
  args: [BIN, ...args],
  env,
  display: `node bin/s3peek.js ${args.join(' ')}`,
});

function fmtMs(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a';
}

function pairRows(a: Cmd, b: Cmd, pa: number[], pb: number[]): [string, string, string][] {
  const sa = summary(pa);
  const sb = summary(pb);
  return [
    [`${a.label}: median (p25–p75, n)`, `${fmtMs(sa.median)} (${sa.p25.toFixed(1)}–${sa.p75.toFixed(1)}, n=${sa.n})`, `\`${a.display}\``],
    [`${b.label}: median (p25–p75, n)`, `${fmtMs(sb.median)} (${sb.p25.toFixed(1)}–${sb.p75.toFixed(1)}, n=${sb.n})`, `\`${b.display}\``],
  ];
}

async function caseColdStart(opts: Options, env: NodeJS.ProcessEnv): Promise<CaseResult> {
  log('bench: 1. cold start');
  const a = s3peek(['--version'], env);
  const b: Cmd = { label: 'node -e 0', file: NODE, args: ['-e', '0'], env, display: 'node -e 0' };
  const check = await timeOnce(a, { capture: true });
  verify(check.code === 0 && /^s3peek \S+\n$/.test(check.stdout), `s3peek --version printed ${JSON.stringify(check.stdout)} (exit ${check.code})`);
  const p = await alternate(a, b, opts);
  const r = median(p.a) / median(p.b);
  return {
    id: 1,
    title: 'Cold start',
    server: 'none',
    headline: `${r.toFixed(2)}× node -e 0 (${fmtMs(median(p.a))} vs ${fmtMs(median(p.b))})`,
    target: '≤ 1.6×',
    met: r <= 1.6,
    rows: [...pairRows(a, b, p.a, p.b), ['ratio of medians', `${r.toFixed(2)}×`, '']],
    details: [`Output checked: \`${check.stdout.trim()}\`.`, ...p.failures],
  };
}

async function countRequests(cmd: Cmd, endpoint: string): Promise<SeenRequest[]> {
  const proxy = await startCountingProxy(endpoint);
  try {
    const args = cmd.args.map((x) => (x === endpoint ? proxy.endpoint : x));
    await timeOnce({ ...cmd, args });
    return [...proxy.log];
  } finally {
    await proxy.close();
  }
}

function describeRequests(reqs: SeenRequest[]): string {
  if (reqs.length === 0) return 'none';
  return reqs.map((r) => `${r.op} (${r.method} ${r.url.length > 60 ? `${r.url.slice(0, 57)}…` : r.url} → ${r.status ?? '?'})`).join('; ');
}

async function casePresign(opts: Options, env: NodeJS.ProcessEnv, aws: string, endpoint: string): Promise<CaseResult> {
  log('bench: 2. one-shot pre-sign');
  const uri = `s3://${PRESIGN_BUCKET}/${PRESIGN_KEY}`;
  const a = s3peek(['--endpoint-url', endpoint, 'presign', uri, '--expires', '1h'], env);
  const b: Cmd = {
    label: 'aws s3 presign',
    file: aws,
    args: ['--endpoint-url', endpoint, 's3', 'presign', uri, '--expires-in', '3600'],
    env,
    display: `aws --endpoint-url ${endpoint} s3 presign ${uri} --expires-in 3600`,
  };
  const details: string[] = [];
  for (const c of [a, b]) {
    const r = await timeOnce(c, { capture: true });
    const url = r.stdout.trim();
    const status = url.startsWith('http') ? (await fetch(url)).status : 'no URL';
    verify(r.code === 0 && status === 200, `${c.display}: exit ${r.code}, URL answered ${status}; stderr: ${r.stderr.slice(0, 300)}`);
    details.push(`\`${c.label}\` exit ${r.code}; its URL fetched from s3rver: HTTP ${status}.`);
  }
  const seen = await countRequests(a, endpoint);
  details.push(`Requests s3peek presign sends (counting proxy): ${seen.length} — ${describeRequests(seen)}. \`aws s3 presign\` sends none.`);
  const p = await alternate(a, b, opts);
  const r = median(p.a) / median(p.b);
  return {
    id: 2,
    title: 'One-shot pre-sign',
    server: `s3rver ${'3.7.1'} (own process)`,
    headline: `${r.toFixed(2)}× aws s3 presign (${fmtMs(median(p.a))} vs ${fmtMs(median(p.b))})`,
    target: '≤ 0.25×',
    met: r <= 0.25,
    rows: [...pairRows(a, b, p.a, p.b), ['ratio of medians', `${r.toFixed(2)}×`, '']],
    details: [...details, ...p.failures],
  };
}

async function caseWhoami(opts: Options, env: NodeJS.ProcessEnv, aws: string, endpoint: string): Promise<CaseResult> {
  log('bench: 3. identity');
  const a = s3peek(['--endpoint-url', endpoint, 'whoami'], env);
  const b: Cmd = {
    label: 'aws sts get-caller-identity',
    file: aws,
    args: ['--endpoint-url', endpoint, 'sts', 'get-caller-identity'],
    env,
    display: `aws --endpoint-url ${endpoint} sts get-caller-identity`,
  };
  const details: string[] = [];
  for (const c of [a, b]) {
    const r = await timeOnce(c, { capture: true });
    const arn = /arn:aws:[^\s"]+/.exec(r.stdout)?.[0] ?? 'no ARN';
    verify(r.code === 0 && arn !== 'no ARN', `${c.display}: exit ${r.code}, ${arn}; stderr: ${r.stderr.slice(0, 300)}`);
    details.push(`\`${c.label}\` exit ${r.code}, reports ${arn}.`);
  }
  const seen = await countRequests(a, endpoint);
  details.push(`Requests s3peek whoami sends (counting proxy): ${seen.length} — ${describeRequests(seen)}.`);
  const p = await alternate(a, b, opts);
  const r = median(p.a) / median(p.b);
  return {
    id: 3,
    title: 'Identity',
    server: 'moto_server (test/support/moto.ts)',
    headline: `${r.toFixed(2)}× aws sts get-caller-identity (${fmtMs(median(p.a))} vs ${fmtMs(median(p.b))})`,
    target: '≤ 0.4×',
    met: r <= 0.4,
    rows: [...pairRows(a, b, p.a, p.b), ['ratio of medians', `${r.toFixed(2)}×`, '']],
    details: [...details, ...p.failures],
  };
}

/** Server-side ListBuckets: a pre-signed ListBuckets URL fetched by curl on a fresh connection (time_total). */
async function serverListBucketsMs(endpoint: string, runs: number): Promise<{ samples: number[]; how: string }> {
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...BENCH_CREDENTIALS } });
  const url = await getSignedUrl(s3, new ListBucketsCommand({}), { expiresIn: 3600 });
  s3.destroy();
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const r = await timeOnce({ label: 'curl', file: 'curl', args: ['-s', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', url], env: process.env, display: '' }, { capture: true });
    const [code, secs] = r.stdout.trim().split(' ');
    if (code !== '200') throw new Error(`bench: ListBuckets via curl answered ${code}`);
    if (i >= 2) samples.push(Number(secs) * 1000);
  }
  return { samples, how: `curl -s -o /dev/null -w '%{time_total}' '<pre-signed ListBuckets URL>' (new connection each run)` };
}

async function caseFirstFrame(opts: Options, env: NodeJS.ProcessEnv, endpoint: string): Promise<CaseResult> {
  log('bench: 4. first frame');
  const ttyEnv = { ...childEnv({ env: {} }), ...env, TERM: 'xterm-256color', CI: 'false', CONTINUOUS_INTEGRATION: 'false' } as Record<string, string>;
  const lastBucket = [...SMALL_BUCKETS, BIG_BUCKET].sort().at(-1)!;
  const cfg = {
    runs: opts.runs,
    warmup: opts.warmup,
    width: 120,
    height: 40,
    timeoutS: 30,
    cases: [
      { name: 's3peek', argv: [NODE, BIN, '--endpoint-url', endpoint], env: ttyEnv, until: lastBucket, quit: 'q' },
      { name: 'node', argv: [NODE, '-e', '0'], env: ttyEnv, until: null },
    ],
  };
  const cfgFile = path.join(BENCH_DATA, `pty-${process.pid}.json`);
  writeFileSync(cfgFile, JSON.stringify(cfg));
  const r = await timeOnce({ label: 'pty', file: python(), args: [path.join(ROOT, 'test', 'bench', 'pty_first_frame.py'), cfgFile], env: process.env, display: '' }, { capture: true });
  if (r.code !== 0) throw new Error(`bench: pty_first_frame.py failed: ${r.stderr}`);
  const res = JSON.parse(r.stdout) as { s3peek: number[]; node: number[]; _errors: string[] };
  const server = await serverListBucketsMs(endpoint, opts.runs);
  const ms3 = median(res.s3peek);
  const mnode = median(res.node);
  const mserver = median(server.samples);
  const budget = 2.5 * mnode + mserver;
  // requests the TUI sends before the bucket list is up (one extra run through the counting proxy)
  const proxy = await startCountingProxy(endpoint);
  let seen: SeenRequest[] = [];
  try {
    const cfg2 = { ...cfg, runs: 1, warmup: 0, cases: [{ ...cfg.cases[0]!, argv: [NODE, BIN, '--endpoint-url', proxy.endpoint] }] };
    writeFileSync(cfgFile, JSON.stringify(cfg2));
    await timeOnce({ label: 'pty', file: python(), args: [path.join(ROOT, 'test', 'bench', 'pty_first_frame.py'), cfgFile], env: process.env, display: '' }, { capture: true });
    seen = [...proxy.log];
  } finally {
    await proxy.close();
  }
  const ss = summary(res.s3peek);
  const sn = summary(res.node);
  const sv = summary(server.samples);
  return {
    id: 4,
    title: 'First frame (bucket list on screen)',
    server: 's3rver 3.7.1 (own process), 6 buckets',
    headline: `${fmtMs(ms3)} vs budget ${fmtMs(budget)} = 2.5 × ${fmtMs(mnode)} (node -e 0) + ${fmtMs(mserver)} (server ListBuckets); ${(ms3 / mnode).toFixed(2)}× node -e 0`,
    target: '≤ 2.5× node -e 0 + server time',
    met: ms3 <= budget,
    rows: [
      ['s3peek: start → bucket list on the pty, median (p25–p75, n)', `${fmtMs(ss.median)} (${ss.p25.toFixed(1)}–${ss.p75.toFixed(1)}, n=${ss.n})`, `\`node bin/s3peek.js --endpoint-url ${endpoint}\` in a 120×40 pty until "${lastBucket}" is written`],
      ['node -e 0: start → exit on the same pty, median (p25–p75, n)', `${fmtMs(sn.median)} (${sn.p25.toFixed(1)}–${sn.p75.toFixed(1)}, n=${sn.n})`, '`node -e 0` in the same pty harness'],
      ['server ListBuckets response, median (p25–p75, n)', `${fmtMs(sv.median)} (${sv.p25.toFixed(1)}–${sv.p75.toFixed(1)}, n=${sv.n})`, `\`${server.how}\``],
      ['budget: 2.5 × node -e 0 + server', fmtMs(budget), ''],
      ['s3peek / node -e 0', `${(ms3 / mnode).toFixed(2)}×`, ''],
    ],
    details: [
      'Measured with test/bench/pty_first_frame.py: fork on a fresh pseudo-terminal (120×40, TERM=xterm-256color), clock from just before fork() to the moment the bytes the TUI writes contain the last bucket\'s name (i.e. the frame with the bucket list is on the terminal); cases alternate.',
      `Requests the TUI sent during one run (counting proxy): ${seen.length} — ${describeRequests(seen)}.`,
      ...res._errors,
    ],
  };
}

async function caseBigPrefix(opts: Options, env: NodeJS.ProcessEnv, moto: { endpoint: string; seedMs: number }): Promise<CaseResult> {
  log('bench: 5. big prefix (TUI in tmux)');
  const count = opts.count;
  const proxy = await startCountingProxy(moto.endpoint);
  const frames = new FrameLog(path.join(BENCH_DATA, `frames-${process.pid}.log`));
  const fmt = (n: number) => n.toLocaleString('en-US');
  const uri = `s3://${BIG_BUCKET}/${BIG_PREFIX}`;
  const display = `S3PEEK_FRAME_LOG=FILE node bin/s3peek.js --endpoint-url ${moto.endpoint} ${uri}`;
  const tuiEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('AWS_') && v !== undefined) tuiEnv[k] = v;
  tuiEnv.S3PEEK_FRAME_LOG = frames.file;
  const t0 = performance.now();
  const tui = await startTmux([NODE, BIN, '--endpoint-url', proxy.endpoint, uri], { env: tuiEnv, width: 120, height: 40, cwd: ROOT });
  const rows: [string, string, string][] = [];
  const details: string[] = [];
  let met = true;
  try {
    const pid = tuiPid(tui);
    // 1. first rows
    const first = await pollScreen(tui, (s) => s.includes(bigKey(1).slice(BIG_PREFIX.length)), t0, 60_000);
    const before = proxy.log.filter((r) => r.at <= t0 + first.ms);
    await new Promise((r) => setTimeout(r, 1000));
    const after1s = proxy.log.filter((r) => r.at > t0 + first.ms);
    const lists = before.filter((r) => r.op === 'ListObjectsV2').length;
    met &&= before.length === 1;
    rows.push(['requests before the first rows show', `${before.length} (ListObjectsV2: ${lists})`, `\`${display}\` (through the counting proxy), screen polled until "${bigKey(1).slice(BIG_PREFIX.length)}" shows`]);
    details.push(`Requests before the first rows (${fmtMs(first.ms)} after start, in arrival order, ms after start): ${before.map((r) => `${r.op} @ ${(r.at - t0).toFixed(0)}`).join(', ') || 'none'}.`);
    details.push(`In the second after the first rows: ${after1s.length} more request(s)${after1s.length ? `: ${after1s.map((r) => r.op).join(', ')}` : ''}.`);
    // 2. G: load everything
    proxy.reset();
    const tG = performance.now();
    await tui.send('G');
    const done = new RegExp(`\\d[\\d,]* / ${fmt(count)}(?!\\+)`);
    const all = await pollScreen(tui, (s) => done.test(s) && !s.includes('Loading'), tG, 30 * 60_000, 100);
    const listCalls = proxy.log.filter((r) => r.op === 'ListObjectsV2').length;
    rows.push([`G: load all ${fmt(count)} rows`, `${(all.ms / 1000).toFixed(1)} s, ${listCalls} ListObjectsV2 requests`, 'key `G`, screen polled until the counter reads ' + `"${count} / ${fmt(count)}"`]);
    await new Promise((r) => setTimeout(r, 500));
    const memLoaded: ProcMem = procMem(pid);
    // 3. key → frame, everything loaded
    const n = opts.quick ? { j: 30, pg: 20, G: 10, filter: 2 } : { j: 200, pg: 100, G: 50, filter: 10 };
    const key = (label: string, k: string, record = true): KeyPlan => ({ label, send: (t) => t.send(k), record });
    const lit = (label: string, ch: string, record = true): KeyPlan => ({ label, send: (t) => t.type(ch), record });
    const plan: KeyPlan[] = [key('g', 'g', false)];
    for (let i = 0; i < n.j; i++) plan.push(key('j', 'j'));
    plan.push(key('g', 'g', false));
    for (let i = 0; i < n.pg; i++) plan.push(key('PgDn', 'NPage'));
    for (let i = 0; i < n.G; i++) plan.push(key('g', 'g', false), key('G', 'G'));
    const needle = 'event-0999';
    for (let i = 0; i < n.filter; i++) {
      plan.push(lit('/', '/', false));
      for (const ch of needle) plan.push(lit('filter: type a character', ch));
      plan.push(key('filter: Esc (clear)', 'Escape'));
    }
    const results: KeyResults = { latencies: {}, noFrame: {} };
    await pressKeys(tui, frames, plan, { gapMs: 40, timeoutMs: 1000 }, results);
    const memAfter = procMem(pid);
    for (const [label, xs] of Object.entries(results.latencies)) {
      const s = summary(xs);
      const p99 = percentile(xs, 99);
      if (label !== 'filter: Esc (clear)') met &&= p99 <= 16;
      rows.push([`key → frame: ${label} (all rows loaded)`, `p50 ${fmtMs(s.median)}, p99 ${fmtMs(p99)}, max ${fmtMs(s.max)} (n=${s.n}${results.noFrame[label] ? `, ${results.noFrame[label]} without a frame` : ''})`, label.startsWith('filter: type') ? `\`/\` then "${needle}" one key at a time, Esc; ${n.filter}×` : '']);
    }
    // The target holds both right after loading and after all the key presses (Ink's caches, the filter index).
    const rssLimit = 200 * 1024 * 1024;
    met &&= memLoaded.rssBytes <= rssLimit && memAfter.rssBytes <= rssLimit;
    rows.push(['VmRSS of the node process, all rows loaded', `${(memLoaded.rssBytes / 1048576).toFixed(1)} MB (peak VmHWM ${(memLoaded.hwmBytes / 1048576).toFixed(1)} MB)`, `/proc/${'<pid>'}/status`]);
    rows.push(['VmRSS after the key presses', `${(memAfter.rssBytes / 1048576).toFixed(1)} MB (peak ${(memAfter.hwmBytes / 1048576).toFixed(1)} MB)`, '']);
    details.push(`Key presses are sent one at a time with tmux send-keys; after each, the harness waits for the frame the app logs (S3PEEK_FRAME_LOG: stdin data event → next Ink render), then pauses 40–60 ms. "filter: Esc (clear)" is shown for information, not held to the 16 ms target.`);
    details.push(`moto held ${fmt(count)} objects, seeded in ${(moto.seedMs / 1000).toFixed(1)} s through moto's backend API; moto answers one 1,000-key page in roughly ${((all.ms / Math.max(1, listCalls)) / 1000).toFixed(2)} s here, which is most of the G time.`);
    return {
      id: 5,
      title: `Big prefix (${fmt(count)} objects)`,
      server: 'moto 5 (test/bench/moto_big.py) behind the counting proxy',
      headline: rows.filter((r) => /requests before|p99|VmRSS/.test(r[0] + r[1])).map((r) => `${r[0]}: ${r[1]}`).join('; '),
      target: '1 request; p99 ≤ 16 ms; RSS ≤ 200 MB (loaded, and after the key presses)',
      met,
      rows,
      details,
    };
  } finally {
    await tui.send('q').catch(() => undefined);
    await tui.kill();
    await proxy.close();
    frames.remove();
  }
}

async function caseListingCost(opts: Options, env: NodeJS.ProcessEnv, aws: string, rec: Awaited<ReturnType<typeof loadOrRecord>>): Promise<CaseResult> {
  log('bench: 6. listing cost (client CPU)');
  const replay = await startReplay(rec);
  try {
    const uri = `s3://${BIG_BUCKET}/${BIG_PREFIX}`;
    const a = s3peek(['--endpoint-url', replay.endpoint, 'ls', '--recursive', uri], env);
    const b: Cmd = {
      label: 'aws s3 ls --recursive',
      file: aws,
      args: ['--endpoint-url', replay.endpoint, 's3', 'ls', '--recursive', uri],
      env,
      display: `aws --endpoint-url ${replay.endpoint} s3 ls --recursive ${uri}`,
    };
    const details: string[] = [];
    for (const c of [a, b]) {
      const r = await timeOnce(c, { capture: true });
      const lines = r.stdout.split('\n').filter(Boolean).length;
      verify(r.code === 0 && lines === opts.count, `${c.display}: exit ${r.code}, ${lines} lines; stderr: ${r.stderr.slice(0, 300)}`);
      details.push(`\`${c.label}\` exit ${r.code}, ${lines.toLocaleString('en-US')} lines.`);
    }
    const runs = opts.quick ? opts.runs : Math.max(10, opts.runs);
    const p = await alternateCpu(a, b, { runs, warmup: 1, log });
    const cpu = (x: { userMs: number; sysMs: number }) => x.userMs + x.sysMs;
    const ca = p.a.map(cpu);
    const cb = p.b.map(cpu);
    const r = median(ca) / median(cb);
    const row = (c: Cmd, xs: typeof p.a): [string, string, string] => {
      const s = summary(xs.map(cpu));
      return [
        `${c.label}: user+sys CPU, median (p25–p75, n)`,
        `${fmtMs(s.median)} (${s.p25.toFixed(0)}–${s.p75.toFixed(0)}, n=${s.n}); user ${fmtMs(median(xs.map((x) => x.userMs)))}, sys ${fmtMs(median(xs.map((x) => x.sysMs)))}, wall ${fmtMs(median(xs.map((x) => x.wallMs)))}, max RSS ${(median(xs.map((x) => x.maxRssKb)) / 1024).toFixed(0)} MB`,
        `\`${c.display} > /dev/null\``,
      ];
    };
    if (replay.rejected.length) details.push(`Replay rejected ${replay.rejected.length} request(s): ${replay.rejected.slice(0, 3).join('; ')}`);
    details.push(`CPU is the rusage of the client process alone (fork + exec + wait4 in a Python wrapper, test/bench/runner.ts), stdout to /dev/null. moto took a median ${fmtMs(median(rec.pageMs))} per page when the pages were recorded.`);
    return {
      id: 6,
      title: `Listing cost (${opts.count.toLocaleString('en-US')} keys, client CPU)`,
      server: `replay of moto 5's recorded ListObjectsV2 pages (test/bench/replay.ts; ${Object.keys(rec.pages).length} pages)`,
      headline: `${r.toFixed(2)}× aws s3 ls (${fmtMs(median(ca))} vs ${fmtMs(median(cb))} CPU)`,
      target: '≤ 0.5×',
      met: r <= 0.5,
      rows: [row(a, p.a), row(b, p.b), ['ratio of CPU medians', `${r.toFixed(2)}×`, '']],
      details: [...details, ...p.failures],
    };
  } finally {
    await replay.close();
  }
}

// ---------------------------------------------------------------------------------------------

if (process.argv[2] === '--serve-s3rver') {
  await serveS3rver(process.argv[3]!);
} else if (process.argv.includes('--profile')) {
  await profileMain();
} else {
  await main();
}
