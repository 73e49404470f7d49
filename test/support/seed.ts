// The demo data set (product requirement for `npm run demo`), written to any S3-compatible endpoint.
// - 4 buckets (one empty), prefixes 3+ levels deep, one prefix with 5,000 objects
// - awkward names: spaces, '+', '#', '?', 'ü', 日本, an emoji
// - content types text/plain, text/csv, application/json, application/pdf, image/png, video/mp4
// - sizes from 0 bytes to 12 MiB; user metadata on a few objects
// Everything goes through HTTP PUTs except, when an s3rver store is passed, the 5,000 small log files:
// those are written straight into s3rver's FilesystemStore layout, the three files its PUT handler
// (store.putObject + putMetadata) writes per object - <key>._S3rver_object, <key>._S3rver_object.md5
// (hex MD5 = the ETag) and <key>._S3rver_metadata.json ({"content-type": ...}) - with paths from the
// store's own getResourcePath. So the HTTP listing (keys, sizes, ETags, content types, dates) is what
// real PUTs would give, ~10x faster than store.putObject (~3 s) and ~30x faster than 5,000 PUTs.
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

export interface SeedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SeedObject {
  bucket: string;
  key: string;
  size: number;
  contentType: string;
  /** User metadata (x-amz-meta-*), keys without the prefix. */
  metadata?: Record<string, string>;
}

export interface ObjectRef {
  bucket: string;
  key: string;
}

export interface SeedSummary {
  /** All buckets created, sorted; includes one empty bucket (`emptyBucket`). */
  buckets: string[];
  emptyBucket: string;
  /** The prefix holding `count` objects (5,000 by default), for pagination tests. */
  bigPrefix: { bucket: string; prefix: string; count: number; contentType: string };
  /** A prefix 4 levels deep (bucket root → reports/2026/q3/data/). */
  deepPrefix: { bucket: string; prefix: string };
  /** Notable objects, so tests need not hard-code names. */
  keys: {
    /** 'reports/2026/q3/Q3 summary + notes #1.pdf': spaces, '+', '#'; has user metadata. */
    awkward: ObjectRef;
    /** 'misc/a b+ü #?.txt': also '?' and a non-ASCII letter. */
    awkwardQuery: ObjectRef;
    umlaut: ObjectRef;
    japanese: ObjectRef;
    emoji: ObjectRef;
    /** 0 bytes. */
    empty: ObjectRef;
    /** 12 MiB video/mp4. */
    large: ObjectRef;
    withMetadata: ObjectRef;
  };
  /** Every object written one by one (everything except the big prefix's `count` log files). */
  objects: SeedObject[];
  totalObjects: number;
  totalBytes: number;
  /** How the big prefix was written. */
  bigPrefixVia: 'store' | 'http';
  /** Wall time of the whole seed, ms. */
  ms: number;
}

/** The part of s3rver's FilesystemStore that seeding uses. */
export interface SeedStore {
  /** Where FilesystemStore keeps `resource` ('object', 'object.md5', 'metadata.json') of a key. */
  getResourcePath(bucket: string, key: string, resource: string): string;
}

export interface SeedOptions {
  /** s3rver's store (server.store): write the big prefix through it instead of 5,000 PUTs. */
  store?: SeedStore;
  /** Objects in the big prefix (default 5,000). */
  bigPrefixCount?: number;
  /** Parallel PUTs (default 16). */
  concurrency?: number;
  region?: string;
}

// ---------------------------------------------------------------------------------------------
// deterministic content

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real, decodable RGB PNG with a gradient. */
export function makePng(width: number, height: number, hue = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3;
      raw[o] = (x * 255) / width + hue;
      raw[o + 1] = (y * 255) / height;
      raw[o + 2] = 255 - (x * 255) / width;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small valid one-page PDF, padded with a comment to about `size` bytes. */
function makePdf(title: string, size: number): Buffer {
  const text = title.replace(/[()\\]/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const pad = Math.max(0, size - body.length);
  // padding as PDF comment lines before the header would break it; append after %%EOF (readers ignore it)
  const filler = pad > 0 ? `%${'s3peek demo padding '.repeat(Math.ceil(pad / 20)).slice(0, pad - 2)}\n` : '';
  return Buffer.from(body + filler, 'latin1');
}

/** An MP4-looking file: an ftyp box and one mdat box filling `size` bytes. */
function makeMp4(size: number): Buffer {
  const buf = Buffer.alloc(size);
  buf.writeUInt32BE(24, 0);
  buf.write('ftypisom', 4, 'ascii');
  buf.writeUInt32BE(0x200, 12);
  buf.write('isomiso2', 16, 'ascii');
  buf.writeUInt32BE(size - 24, 24);
  buf.write('mdat', 28, 'ascii');
  const r = rng(42);
  for (let i = 32; i < size; i += 4096) buf[i] = Math.floor(r() * 256); // not all zeros, cheap
  return buf;
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const PATHS = ['/api/items', '/api/users', '/health', '/api/orders', '/login', '/api/search?q=s3'];

function logFile(day: number, index: number, r: () => number): Buffer {
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const sec = (index * 17 + i * 3) % 86400;
    const hh = String(Math.floor(sec / 3600)).padStart(2, '0');
    const mm = String(Math.floor((sec % 3600) / 60)).padStart(2, '0');
    const ss = String(sec % 60).padStart(2, '0');
    const level = LEVELS[Math.floor(r() * LEVELS.length)]!;
    const p = PATHS[Math.floor(r() * PATHS.length)]!;
    const status = level === 'ERROR' ? 500 : level === 'WARN' ? 429 : 200;
    lines.push(
      `2026-11-${String(day).padStart(2, '0')}T${hh}:${mm}:${ss}Z ${level} app[web-${1 + (index % 4)}] GET ${p} ${status} ${Math.floor(r() * 900)}ms`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// ---------------------------------------------------------------------------------------------

interface PlannedObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType: string;
  metadata?: Record<string, string>;
}

const TEAM = 'team-reports';
const MEDIA = 'media-assets';
const LOGS = 'logs-archive';
const EMPTY = 'scratch-empty';
const BIG_PREFIX = 'app/2026/11/';
const LOG_TYPE = 'text/plain';

function plan(): { objects: PlannedObject[]; keys: SeedSummary['keys'] } {
  const t = (s: string) => Buffer.from(s, 'utf8');
  const r = rng(7);
  const csvRows = ['region,quarter,revenue_eur'];
  for (const region of ['EMEA', 'AMER', 'APAC', 'LATAM']) {
    for (const q of ['Q1', 'Q2', 'Q3']) csvRows.push(`${region},${q},${Math.floor(100000 + r() * 900000)}`);
  }
  const keys = {
    awkward: { bucket: TEAM, key: 'reports/2026/q3/Q3 summary + notes #1.pdf' },
    awkwardQuery: { bucket: TEAM, key: 'misc/a b+ü #?.txt' },
    umlaut: { bucket: TEAM, key: 'docs/Übersicht.txt' },
    japanese: { bucket: TEAM, key: '日本/資料.txt' },
    emoji: { bucket: MEDIA, key: 'media/🎉 launch.png' },
    empty: { bucket: TEAM, key: 'reports/2026/q3/notes-empty.txt' },
    large: { bucket: MEDIA, key: 'media/video/intro.mp4' },
    withMetadata: { bucket: TEAM, key: 'reports/2026/q3/Q3 summary + notes #1.pdf' },
  } satisfies SeedSummary['keys'];

  const objects: PlannedObject[] = [
    // team-reports
    {
      ...keys.awkward,
      body: makePdf('Q3 summary + notes #1', 180_000),
      contentType: 'application/pdf',
      metadata: { author: 'Dana Whitfield', department: 'finance', reviewed: 'true' },
    },
    { bucket: TEAM, key: 'reports/2026/q3/revenue by region.csv', body: t(csvRows.join('\n') + '\n'), contentType: 'text/csv' },
    {
      bucket: TEAM,
      key: 'reports/2026/q3/data/metrics.json',
      body: t(JSON.stringify({ quarter: 'Q3', year: 2026, users: 48213, churn: 0.031, regions: 4 }, null, 2) + '\n'),
      contentType: 'application/json',
    },
    { bucket: TEAM, key: 'reports/2026/q3/data/raw-events.csv', body: t('ts,event\n'.repeat(1) + '2026-09-30T23:59:59Z,signup\n'.repeat(2000)), contentType: 'text/csv' },
    { ...keys.empty, body: Buffer.alloc(0), contentType: 'text/plain' },
    { bucket: TEAM, key: 'reports/2026/q2/Q2 summary.pdf', body: makePdf('Q2 summary', 95_000), contentType: 'application/pdf' },
    { bucket: TEAM, key: 'reports/2025/q4/Q4 summary.pdf', body: makePdf('Q4 2025 summary', 120_000), contentType: 'application/pdf' },
    { bucket: TEAM, key: 'reports/README.txt', body: t('Quarterly reports. One folder per year and quarter.\n'), contentType: 'text/plain' },
    {
      ...keys.umlaut,
      body: t('Übersicht der Berichte – Größe, Fälligkeit, Zuständigkeit.\n'),
      contentType: 'text/plain',
      metadata: { language: 'de' },
    },
    { ...keys.japanese, body: t('四半期資料の一覧です。\n'), contentType: 'text/plain', metadata: { language: 'ja' } },
    { ...keys.awkwardQuery, body: t('a file whose name needs escaping everywhere\n'), contentType: 'text/plain' },
    { bucket: TEAM, key: 'docs/handbook/2026/onboarding guide.pdf', body: makePdf('Onboarding guide', 60_000), contentType: 'application/pdf' },
    // media-assets
    {
      ...keys.emoji,
      body: makePng(320, 180, 30),
      contentType: 'image/png',
      metadata: { campaign: 'launch-2026', 'alt-text': 'confetti over the product logo' },
    },
    { bucket: MEDIA, key: 'media/images/2026/11/banner.png', body: makePng(640, 160, 90), contentType: 'image/png' },
    { ...keys.large, body: makeMp4(12 * 1024 * 1024), contentType: 'video/mp4', metadata: { duration: '42s' } },
    { bucket: MEDIA, key: 'brand/logo.png', body: makePng(64, 64, 200), contentType: 'image/png' },
    {
      bucket: MEDIA,
      key: 'brand/colors.json',
      body: t(JSON.stringify({ primary: '#1f6feb', accent: '#f78166', background: '#0d1117' }, null, 2) + '\n'),
      contentType: 'application/json',
    },
    // logs-archive (besides the big prefix)
    { bucket: LOGS, key: 'app/2026/10/summary.json', body: t('{"files": 5, "errors": 3}\n'), contentType: 'application/json' },
    { bucket: LOGS, key: 'nginx/2026/11/access.log', body: t('127.0.0.1 - - [28/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 612\n'.repeat(300)), contentType: 'text/plain' },
    { bucket: LOGS, key: 'exports/2026-11-28 errors.csv', body: t('ts,level,message\n2026-11-28T10:00:00Z,ERROR,timeout\n'), contentType: 'text/csv' },
  ];
  const r10 = rng(10);
  for (let i = 1; i <= 5; i++) {
    objects.push({
      bucket: LOGS,
      key: `app/2026/10/app-${String(i).padStart(5, '0')}.log`,
      body: logFile(31, i, r10),
      contentType: LOG_TYPE,
    });
  }
  return { objects, keys };
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Write objects in s3rver's FilesystemStore layout (see the header comment). Synchronous: ~0.3 s for 5,000. */
function writeToStore(store: SeedStore, objects: readonly PlannedObject[]): void {
  const made = new Set<string>();
  for (const o of objects) {
    const objectPath = store.getResourcePath(o.bucket, o.key, 'object');
    const dir = path.dirname(objectPath);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(objectPath, o.body);
    writeFileSync(store.getResourcePath(o.bucket, o.key, 'object.md5'), createHash('md5').update(o.body).digest('hex'));
    // what putMetadata stores for a PUT with only Content-Type set (S3Object keeps allowed headers only)
    writeFileSync(
      store.getResourcePath(o.bucket, o.key, 'metadata.json'),
      JSON.stringify({ 'content-type': o.contentType }, null, 2),
    );
  }
}

/**
 * Fill an S3-compatible server with the demo data set. Idempotent (re-PUTs the same objects).
 * Works against any endpoint (path-style); pass `store` (s3rver's server.store) to write the
 * 5,000-object prefix at file-system speed.
 */
export async function seedDemo(
  endpoint: string,
  credentials: SeedCredentials,
  opts: SeedOptions = {},
): Promise<SeedSummary> {
  const t0 = performance.now();
  const count = opts.bigPrefixCount ?? 5000;
  const concurrency = opts.concurrency ?? 16;
  const s3 = new S3Client({
    endpoint,
    region: opts.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    const buckets = [TEAM, MEDIA, LOGS, EMPTY].sort();
    for (const bucket of buckets) {
      try {
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      } catch (err) {
        const name = (err as S3ServiceException).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
      }
    }

    const { objects, keys } = plan();
    const put = (o: PlannedObject) =>
      s3
        .send(
          new PutObjectCommand({
            Bucket: o.bucket,
            Key: o.key,
            Body: o.body,
            ContentType: o.contentType,
            ContentLength: o.body.length,
            Metadata: o.metadata,
          }),
        )
        .then(() => undefined);

    const logs = rng(11);
    const big: PlannedObject[] = [];
    for (let i = 1; i <= count; i++) {
      big.push({
        bucket: LOGS,
        key: `${BIG_PREFIX}app-${String(i).padStart(5, '0')}.log`,
        body: logFile(1 + Math.floor(((i - 1) * 28) / count), i, logs),
        contentType: LOG_TYPE,
      });
    }

    const store = opts.store;
    const puts = pool(objects, concurrency, put);
    if (store) writeToStore(store, big);
    else await pool(big, concurrency, put);
    await puts;

    const seeded: SeedObject[] = objects.map((o) => ({
      bucket: o.bucket,
      key: o.key,
      size: o.body.length,
      contentType: o.contentType,
      ...(o.metadata ? { metadata: o.metadata } : {}),
    }));
    return {
      buckets,
      emptyBucket: EMPTY,
      bigPrefix: { bucket: LOGS, prefix: BIG_PREFIX, count, contentType: LOG_TYPE },
      deepPrefix: { bucket: TEAM, prefix: 'reports/2026/q3/data/' },
      keys,
      objects: seeded,
      totalObjects: objects.length + big.length,
      totalBytes: [...objects, ...big].reduce((n, o) => n + o.body.length, 0),
      bigPrefixVia: store ? 'store' : 'http',
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    s3.destroy();
  }
}
