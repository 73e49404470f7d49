// vitest 4 config for s3peek. Run from the repo root:
//   npx vitest run --config test/vitest.config.ts [--project unit|component|integration|e2e]
// Projects:
//   unit         test/unit/**/*.test.ts                 pure src/core, fast
//   component    test/component/**/*.test.ts(x)         ink-testing-library
//   integration  test/integration/**/*.test.ts          real servers; globalSetup starts ONE Ceph RGW + moto
//   e2e          test/e2e/**/*.test.ts                  the built binary in tmux; files run one at a time
// S3PEEK_REQUIRE_SERVERS=1 turns "server not installed -> skipped" into a failure (see test/support/servers.ts).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const projects = {
  unit: { dir: 'test/unit', include: ['test/unit/**/*.test.ts'], re: /\.test\.ts$/ },
  component: { dir: 'test/component', include: ['test/component/**/*.test.{ts,tsx}'], re: /\.test\.tsx?$/ },
  integration: { dir: 'test/integration', include: ['test/integration/**/*.test.ts'], re: /\.test\.ts$/ },
  e2e: { dir: 'test/e2e', include: ['test/e2e/**/*.test.ts'], re: /\.test\.ts$/ },
  secrets: { dir: 'test/secrets', include: ['test/secrets/**/*.test.ts'], re: /\.test\.ts$/ },
} as const;
type ProjectName = keyof typeof projects;

function hasTests(name: ProjectName): boolean {
  const { dir, re } = projects[name];
  const walk = (d: string): boolean => {
    if (!existsSync(d)) return false;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() ? walk(path.join(d, e.name)) : re.test(e.name)) return true;
    }
    return false;
  };
  return walk(path.join(root, dir));
}

/** Projects picked with --project (vitest's own filter); all when none. Wildcards: treated as "all". */
function selectedProjects(): ProjectName[] {
  const names: string[] = [];
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--project' && argv[i + 1]) names.push(argv[++i]!);
    else if (a.startsWith('--project=')) names.push(a.slice('--project='.length));
  }
  const all = Object.keys(projects) as ProjectName[];
  if (names.length === 0 || names.some((n) => !(n in projects))) return all;
  return names as ProjectName[];
}

// "No test files found" must stay an error (a typo in a file filter, a misnamed file) - EXCEPT when
// every selected project has no test file on disk at all yet (e.g. `--project component` before the
// first component test exists). vitest 4 only reports "no files" when the whole run has none, so a
// full run with some empty projects passes anyway.
const passWithNoTests = selectedProjects().every((p) => !hasTests(p));

const SERVERS_SETUP = './test/support/global-setup.ts';

// Every byte the binary prints in this run (CLI output and TUI screens) is appended here; the `secrets`
// project runs last (sequence.groupOrder) and scans it. A fresh file per `vitest run`.
const OUTPUT_LOG = path.join(os.tmpdir(), `s3peek-test-output-${process.pid}.jsonl`);
writeFileSync(OUTPUT_LOG, '');

export default defineConfig({
  root,
  test: {
    passWithNoTests,
    allowOnly: false, // a stray .only fails the run instead of silently narrowing it
    env: {
      // Ink (is-in-ci) renders no live frames when CI is set to anything but 'false'/'0'
      CI: 'false',
      CONTINUOUS_INTEGRATION: 'false',
      // the AWS SDK's Node 20 deprecation notice on stderr
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      S3PEEK_OUTPUT_LOG: OUTPUT_LOG,
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: [...projects.unit.include], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'component', include: [...projects.component.include], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [...projects.integration.include],
          sequence: { groupOrder: 0 },
          environment: 'node',
          globalSetup: [SERVERS_SETUP],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [...projects.e2e.include],
          // its own group, after the parallel tiers (vitest would otherwise run a maxWorkers-1 project last)
          sequence: { groupOrder: 1 },
          environment: 'node',
          globalSetup: [SERVERS_SETUP],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // one file at a time: each drives node + tmux (+ servers) on a 2-core machine
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'secrets',
          include: [...projects.secrets.include],
          environment: 'node',
          testTimeout: 30_000,
          // after every other project: it scans what they printed
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
