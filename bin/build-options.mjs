// The esbuild options of the app bundle, shared by bin/build.mjs (the shipped, minified bundle) and the
// benchmark's profiling build (test/bench/profile.ts: the same bundle unminified, with source maps), so
// what is profiled is what ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Ink builds a fresh Output (and fresh tokenizer caches) for every frame, so every visible line is
// re-tokenized on every key press: 42% of the CPU of moving through a 100,000-row prefix, and most of its
// garbage (profile: node dist/bench.js --profile). The caches are pure (line → styled chars, text →
// width; nothing mutates the cached values), so the bundle shares one bounded set across frames.
export const inkSharedOutputCaches = {
  name: 'ink-shared-output-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const before = 'caches = new OutputCaches();';
      if (!src.includes(before) || !src.includes('class OutputCaches')) {
        throw new Error(`ink's output.js changed: revisit the ink-shared-output-caches patch in bin/build.mjs (${args.path})`);
      }
      // Plain printable ASCII (most rows: no colour, no wide characters) needs no tokenizer at all; the
      // result has the tokenizer's shape: one unstyled, narrow char per character. Those char objects are
      // shared (one per ASCII character): Ink places them in its grid by reference and never changes them,
      // as the cached arrays themselves were already shared across frames.
      const tokenizeCall = 'cached = styledCharsFromTokens(tokenize(line));';
      if (!src.includes(tokenizeCall)) throw new Error(`ink's output.js changed: revisit the ASCII fast path in bin/build.mjs`);
      // Bounded by lines, not bytes: a cached colour line costs ~8 KB (an object per character), so
      // 2,000 lines (50 screens of scrolling) stay under ~16 MB; past that the cache starts again, and the
      // next frame tokenizes its ~40 lines once.
      const contents = src
        .replace(tokenizeCall, "cached = /^[\\x20-\\x7e]*$/.test(line) ? Array.from(line, asciiChar) : styledCharsFromTokens(tokenize(line));")
        .replace(before, 'caches = sharedOutputCaches();') +
        '\nconst asciiChars = new Map();\n' +
        "function asciiChar(value) {\n  let c = asciiChars.get(value);\n  if (c === undefined) asciiChars.set(value, (c = { type: 'char', value, fullWidth: false, styles: [] }));\n  return c;\n}\n" +
        '\nlet sharedCaches;\nfunction sharedOutputCaches() {\n' +
        '  if (!sharedCaches || sharedCaches.styledChars.size > 2000 || sharedCaches.widths.size > 20000) sharedCaches = new OutputCaches();\n' +
        '  return sharedCaches;\n}\n';
      return { contents, loader: 'js' };
    });
  },
};

/** The app: one ESM entry plus lazily imported chunks (Ink, the SDK) so `--version` loads almost nothing. */
export function appBuildOptions(root, outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { s3peek: 'src/cli/main.ts' },
    outdir,
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
  };
}
