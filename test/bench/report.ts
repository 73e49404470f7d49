// BENCHMARKS.md from the bench's results: date, machine, versions, then one section per case with each
// figure and the command that produced it. The analysis of missed targets is kept in a hand-written part
// of the file (between the analysis markers), which a new run keeps.
import { existsSync, readFileSync } from 'node:fs';
import type { MachineInfo } from './env.js';

export interface CaseResult {
  id: number;
  title: string;
  server: string;
  /** one line: the main figure */
  headline: string;
  target: string;
  /** null: no target */
  met: boolean | null;
  /** table rows: [what, figure, command] */
  rows: [string, string, string][];
  /** extra notes (breakdowns, checks, failures) */
  details: string[];
}

export interface Report {
  /** which build was measured */
  app: string;
  quick: boolean;
  runs: number;
  warmup: number;
  count: number;
  machine: MachineInfo;
  cases: CaseResult[];
  notes: string[];
  seconds: number;
}

const START = '<!-- analysis:start -->';
const END = '<!-- analysis:end -->';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The hand-written analysis of an existing report at `file`, to carry over. */
export function keptAnalysis(file: string): string | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  return a >= 0 && b > a ? text.slice(a, b + END.length) : null;
}

export function writeReport(r: Report, analysis: string | null = null): string {
  const m = r.machine;
  const out: string[] = [];
  out.push('# s3peek benchmarks', '');
  out.push(`Written by \`npm run bench\`${r.quick ? ' --quick (smoke run: few runs, small data — not for conclusions)' : ''} (test/tools/bench.ts, helpers in test/bench/). Benchmarks, not tests: nothing here fails a build.`, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| date | ${m.date} |`);
  out.push(`| machine | ${cell(m.cpu)}, ${m.cores} cores, ${m.memory} RAM, ${cell(m.os)} |`);
  out.push(`| s3peek | ${cell(r.app)} |`);
  out.push(`| Node.js | ${m.node} |`);
  out.push(`| AWS CLI | ${cell(m.aws)} |`);
  out.push(`| moto | ${cell(m.moto)} |`);
  out.push(`| tmux | ${cell(m.tmux)} |`);
  out.push(`| runs | ${r.runs} measured per side after ${r.warmup} warm-up, sides alternating (A B, B A, …) |`);
  out.push(`| big prefix | ${r.count.toLocaleString('en-US')} objects |`);
  out.push(`| bench wall time | ${r.seconds} s |`);
  out.push('');
  out.push('All clients get the same long-term credentials (`AWS_ACCESS_KEY_ID=AKIAS3PEEKBENCH00001`, secret in test/bench/serve.ts), `AWS_DEFAULT_REGION=us-east-1`, `AWS_EC2_METADATA_DISABLED=true`, and empty `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`. `aws` is the AWS CLI\'s real entry point (not the pyenv shim). Servers listen on 127.0.0.1 with ports picked at run time (the ports in the commands below are that run\'s).');
  out.push('');
  out.push('## Summary', '');
  out.push('| # | case | figure | target | | server |', '| --- | --- | --- | --- | --- | --- |');
  for (const c of r.cases) {
    out.push(`| ${c.id} | ${cell(c.title)} | ${cell(c.headline)} | ${cell(c.target)} | ${c.met === null ? '' : c.met ? 'met' : '**missed**'} | ${cell(c.server)} |`);
  }
  out.push('');
  if (analysis) out.push(analysis, '');
  for (const c of r.cases) {
    out.push(`## ${c.id}. ${c.title}`, '');
    out.push(`Server: ${c.server}. Target: ${c.target} — ${c.met === null ? 'no target' : c.met ? 'met' : '**missed**'}.`, '');
    out.push('| what | figure | command |', '| --- | --- | --- |');
    for (const [w, f, cmd] of c.rows) out.push(`| ${cell(w)} | ${cell(f)} | ${cell(cmd)} |`);
    out.push('');
    for (const d of c.details) out.push(`- ${d}`);
    out.push('');
  }
  if (r.notes.length) {
    out.push('## Notes', '');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}
