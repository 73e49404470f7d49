#!/usr/bin/env node
// Builds dist/ with esbuild when the sources are newer than the last build (or with --force).
// npm test / demo / screenshots / bench call this first, so a fresh clone needs no extra step.
import { readdirSync, statSync, writeFileSync, existsSync, rmSync, readFileSync, renameSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.stamp');
const inputs = ['src', 'test/support', 'test/tools', 'bin/build.mjs', 'package-lock.json'];

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
const t0 = performance.now();
// Build beside dist/ and swap it in at the end, so a running test never sees a half-built dist/.
const out = join(root, `.dist-build-${process.pid}`);
rmSync(out, { recursive: true, force: true });

// Ink builds a fresh Output (and fresh tokenizer caches) for every frame, so every visible line is
// re-tokenized on every key press: 42% of the CPU of moving through a 100,000-row prefix, and most of its
// garbage (profile: node dist/bench.js --profile). The caches are pure (line → styled chars, text →
// width; nothing mutates the cached values), so the bundle shares one bounded set across frames.
const inkSharedOutputCaches = {
  name: 'ink-shared-output-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const before = 'caches = new OutputCaches();';
      if (!src.includes(before) || !src.includes('class OutputCaches')) {
        throw new Error(`ink's output.js changed: revisit the ink-shared-output-caches patch in bin/build.mjs (${args.path})`);
      }
      // Plain printable ASCII (most rows: no colour, no wide characters) needs no tokenizer at all; the
      // result has the tokenizer's shape: one unstyled, narrow char per character.
      const tokenizeCall = 'cached = styledCharsFromTokens(tokenize(line));';
      if (!src.includes(tokenizeCall)) throw new Error(`ink's output.js changed: revisit the ASCII fast path in bin/build.mjs`);
      const contents = src
        .replace(tokenizeCall, "cached = /^[\\x20-\\x7e]*$/.test(line) ? Array.from(line, (value) => ({ type: 'char', value, fullWidth: false, styles: [] })) : styledCharsFromTokens(tokenize(line));")
        .replace(before, 'caches = sharedOutputCaches();') +
        '\nlet sharedCaches;\nfunction sharedOutputCaches() {\n' +
        '  if (!sharedCaches || sharedCaches.styledChars.size + sharedCaches.widths.size > 50000) sharedCaches = new OutputCaches();\n' +
        '  return sharedCaches;\n}\n';
      return { contents, loader: 'js' };
    });
  },
};

// The app: one ESM entry plus lazily imported chunks (Ink, the SDK) so `--version` loads almost nothing.
await build({
  absWorkingDir: root,
  entryPoints: { s3peek: 'src/cli/main.ts' },
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // clipboardy finds its bundled xsel fallback relative to its own files: keep it in node_modules.
  // react-devtools-core is an optional dev-only import of Ink.
  external: ['clipboardy', 'react-devtools-core'],
  plugins: [inkSharedOutputCaches],
  define: {
    'process.env.NODE_ENV': '"production"',
    __S3PEEK_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
  },
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});

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
