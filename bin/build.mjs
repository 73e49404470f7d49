#!/usr/bin/env node
// Builds dist/ with esbuild when the sources are newer than the last build (or with --force).
// npm test / demo / screenshots / bench call this first, so a fresh clone needs no extra step.
import { readdirSync, statSync, writeFileSync, existsSync, rmSync, renameSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.stamp');
const inputs = ['src', 'test/support', 'test/tools', 'test/bench', 'bin/build.mjs', 'bin/build-options.mjs', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(path)) max = Math.max(max, newest(join(path, e)));
  return max;
}

const force = process.argv.includes('--force');
const srcTime = Math.max(...inputs.map((p) => newest(join(root, p))));
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= srcTime) process.exit(0);

const { build } = await import('esbuild');
const { appBuildOptions } = await import('./build-options.mjs');
const t0 = performance.now();
// Build beside dist/ and swap it in at the end, so a running test never sees a half-built dist/.
const out = join(root, `.dist-build-${process.pid}`);
rmSync(out, { recursive: true, force: true });

await build(appBuildOptions(root, out));

// Developer tools (demo, screenshots, bench): bundled from TypeScript, packages left in node_modules.
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(
    ['demo', 'screenshots', 'bench']
      .map((name) => [name, `test/tools/${name}.ts`])
      .filter(([, file]) => existsSync(join(root, file))),
  ),
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

writeFileSync(join(out, '.stamp'), '');
const old = join(root, `.dist-old-${process.pid}`);
if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
renameSync(out, join(root, 'dist'));
rmSync(old, { recursive: true, force: true });
if (!process.argv.includes('--quiet')) {
  process.stderr.write(`s3peek: built dist/ in ${Math.round(performance.now() - t0)} ms\n`);
}
