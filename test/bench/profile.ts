// `node dist/bench.js --profile`: where the time goes, for the analysis in BENCHMARKS.md.
// The shipped bundle is minified (names like `Ae`), so this builds the SAME entry with the same esbuild
// options but unminified and with source maps into .bench-data/prof-dist/, runs the commands there with
// `node --cpu-prof`, and folds each .cpuprofile back onto the original files (src/..., node_modules/<pkg>)
// through the source maps: self time per file, self and inclusive time per function.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function buildProfilingBundle(root: string, outdir: string): Promise<string> {
  const { build } = await import('esbuild');
  // The shipped options (bin/build-options.mjs: same plugins, defines, externals), unminified with maps.
  const { appBuildOptions } = (await import(pathToFileURL(path.join(root, 'bin', 'build-options.mjs')).href)) as {
    appBuildOptions: (root: string, outdir: string) => Record<string, unknown>;
  };
  rmSync(outdir, { recursive: true, force: true });
  await build({ ...appBuildOptions(root, outdir), minify: false, sourcemap: 'linked' });
  return path.join(outdir, 's3peek.js');
}

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let sm: SourceMap | null = null;
  try {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (existsSync(`${file}.map`)) sm = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  } catch {
    sm = null;
  }
  maps.set(url, sm);
  return sm;
}

/** "src/ui/app.tsx", "node_modules/ink", "node:internal/…", "(garbage collector)" … */
function where(cf: CallFrame, root: string): { file: string; line: number } {
  if (!cf.url) return { file: cf.functionName || '(native)', line: 0 };
  const sm = sourceMapFor(cf.url);
  if (sm) {
    const e = sm.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number };
    if (e && e.originalSource) {
      let f = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : e.originalSource;
      f = path.isAbsolute(f) ? path.relative(root, f) : path.normalize(path.join('.bench-data/prof-dist', f)).replace(/^(\.bench-data\/prof-dist\/)?(\.\.\/)+/, '');
      const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
      return { file: nm ? `node_modules/${nm[1]}` : f, line: (e.originalLine ?? 0) + 1 };
    }
  }
  if (cf.url.startsWith('node:')) return { file: 'node: (built-in modules)', line: 0 };
  const rel = cf.url.startsWith('file://') ? path.relative(root, fileURLToPath(cf.url)) : cf.url;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
  return { file: nm ? `node_modules/${nm[1]}` : rel, line: cf.lineNumber + 1 };
}

export interface ProfileSummary {
  totalMs: number;
  windowMs: number;
  byFile: [string, number][];
  selfByFunction: [string, number][];
  inclusiveByFunction: [string, number][];
}

/** Fold a .cpuprofile; `lastMs` keeps only the samples of the profile's last `lastMs` ms. */
export function summarizeProfile(file: string, root: string, opts: { lastMs?: number; top?: number } = {}): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = new Map<number, { fn: string; file: string }>();
  for (const n of p.nodes) {
    const w = where(n.callFrame, root);
    label.set(n.id, { fn: `${n.callFrame.functionName || '(anonymous)'} ${w.file}${w.line ? `:${w.line}` : ''}`, file: w.file });
  }
  const byFile = new Map<string, number>();
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let t = p.startTime;
  const from = opts.lastMs ? p.endTime - opts.lastMs * 1000 : -Infinity;
  let windowUs = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from) continue;
    const id = p.samples[i]!;
    const l = label.get(id)!;
    const fnName = byId.get(id)!.callFrame.functionName;
    if (fnName === '(idle)') continue;
    windowUs += dt;
    byFile.set(l.file, (byFile.get(l.file) ?? 0) + dt);
    self.set(l.fn, (self.get(l.fn) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = label.get(cur)!.fn;
      if (seen.has(f)) continue;
      seen.add(f);
      incl.set(f, (incl.get(f) ?? 0) + dt);
    }
  }
  const top = opts.top ?? 25;
  const sortTop = (m: Map<string, number>): [string, number][] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, v / 1000]);
  return {
    totalMs: (p.endTime - p.startTime) / 1000,
    windowMs: windowUs / 1000,
    byFile: sortTop(byFile),
    selfByFunction: sortTop(self),
    inclusiveByFunction: sortTop(incl),
  };
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const out = [`### ${title}`, '', `profile ${s.totalMs.toFixed(0)} ms, non-idle samples in window ${s.windowMs.toFixed(0)} ms`, ''];
  const table = (head: string, rows: [string, number][]) => {
    out.push(`| ${head} | ms | % |`, '| --- | --- | --- |');
    for (const [k, v] of rows) out.push(`| ${k.replace(/\|/g, '\\|')} | ${v.toFixed(1)} | ${((v / s.windowMs) * 100).toFixed(1)} |`);
    out.push('');
  };
  table('self time by file', s.byFile);
  table('self time by function', s.selfByFunction);
  table('inclusive time by function', s.inclusiveByFunction);
  return out.join('\n');
}

export function newestProfile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (!files.length) throw new Error(`no .cpuprofile in ${dir}`);
  return path.join(dir, files.at(-1)!);
}
