// The bench data set, written straight into s3rver's FilesystemStore layout (node_modules/s3rver/lib/
// stores/filesystem.js): per object `<key>._S3rver_object`, `<key>._S3rver_object.md5` (hex md5) and
// `<key>._S3rver_metadata.json`; one directory per bucket. Generated once per object count and reused
// from `.bench-data/` (gitignored); a `.complete` marker is written last, so an interrupted generation is
// redone, never reused half-made.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Bump when the layout or contents change: old caches are then regenerated. */
const DATA_VERSION = 1;

export const BIG_BUCKET = 'bench-big';
export const BIG_PREFIX = 'logs/2026/';
/** Buckets of the bucket list (first-frame case); the first holds the object the presign case signs. */
export const SMALL_BUCKETS = ['bench-archive', 'bench-media', 'bench-reports', 'bench-scratch', 'bench-team'];
export const PRESIGN_BUCKET = 'bench-reports';
export const PRESIGN_KEY = 'q3/summary.pdf';

export function bigKey(i: number): string {
  return `${BIG_PREFIX}event-${String(i).padStart(6, '0')}.json`;
}

export interface BenchData {
  /** s3rver root directory (one sub-directory per bucket). */
  directory: string;
  count: number;
  /** true when this call generated the data, false when the cache was reused. */
  generated: boolean;
  ms: number;
}

const madeDirs = new Set<string>();

function writeObject(root: string, bucket: string, key: string, body: Buffer, contentType: string): void {
  const parts = key.split('/');
  const name = parts.pop()!;
  const dir = path.join(root, bucket, ...parts);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const base = path.join(dir, `${name}._S3rver_`);
  writeFileSync(`${base}object`, body);
  writeFileSync(`${base}object.md5`, createHash('md5').update(body).digest('hex'));
  writeFileSync(`${base}metadata.json`, JSON.stringify({ 'content-type': contentType }, null, 2));
}

/** `.bench-data/s3rver-<count>/`, generated when missing or stale. */
export function ensureBenchData(benchDataDir: string, count: number, log: (s: string) => void): BenchData {
  const t0 = performance.now();
  const directory = path.join(benchDataDir, `s3rver-${count}`);
  const marker = path.join(directory, '.complete');
  const want = JSON.stringify({ version: DATA_VERSION, count });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) {
    return { directory, count, generated: false, ms: Math.round(performance.now() - t0) };
  }
  log(`bench: generating ${count.toLocaleString('en-US')} objects in ${directory} (once; reused later)`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(path.join(directory, BIG_BUCKET, ...BIG_PREFIX.split('/').filter(Boolean)), { recursive: true });
  for (const b of SMALL_BUCKETS) mkdirSync(path.join(directory, b), { recursive: true });
  writeObject(directory, PRESIGN_BUCKET, PRESIGN_KEY, Buffer.from('%PDF-1.4\n% s3peek bench\n'), 'application/pdf');
  for (let i = 1; i <= count; i++) {
    // 60..~250 bytes of JSON, deterministic
    const body = Buffer.from(`${JSON.stringify({ id: i, level: ['info', 'warn', 'error'][i % 3], msg: 'x'.repeat(i % 190) })}\n`);
    writeObject(directory, BIG_BUCKET, bigKey(i), body, 'application/json');
    if (i % 20_000 === 0) log(`bench:   ${i.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
  }
  writeFileSync(marker, want);
  return { directory, count, generated: true, ms: Math.round(performance.now() - t0) };
}
