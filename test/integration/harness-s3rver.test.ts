// Proves the s3rver harness + demo seed: what the demo shows is really served over HTTP.
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startS3rver, type S3rverHandle } from '../support/s3rver.js';
import type { SeedSummary } from '../support/seed.js';

let s3rver: S3rverHandle;
let seed: SeedSummary;
let s3: S3Client;

beforeAll(async () => {
  s3rver = await startS3rver({ seed: true });
  seed = s3rver.seed!;
  console.info(
    `[harness-s3rver] seeded ${seed.totalObjects} objects (${(seed.totalBytes / 1048576).toFixed(1)} MiB) ` +
      `in ${seed.ms} ms, big prefix via ${seed.bigPrefixVia}`,
  );
  s3 = new S3Client({
    endpoint: s3rver.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: DEMO_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});

afterAll(async () => {
  s3?.destroy();
  await s3rver?.stop();
});

async function listAll(bucket: string, prefix: string, pageSize?: number) {
  const pages: ListObjectsV2CommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', MaxKeys: pageSize, ContinuationToken: token }),
    );
    pages.push(page);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return pages;
}

describe('s3rver + demo seed', () => {
  it('listens on a port chosen at run time and accepts the demo (temporary-looking) credentials', () => {
    expect(s3rver.port).toBeGreaterThan(0);
    expect(s3rver.endpoint).toBe(`http://127.0.0.1:${s3rver.port}`);
    expect(DEMO_CREDENTIALS.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(DEMO_CREDENTIALS.secretAccessKey).toHaveLength(40);
    expect(DEMO_CREDENTIALS.sessionToken.length).toBeGreaterThan(200);
  });

  it('ListBuckets returns every seeded bucket', async () => {
    const res = await s3.send(new ListBucketsCommand({}));
    const names = (res.Buckets ?? []).map((b) => b.Name).sort();
    expect(names).toEqual(seed.buckets);
    expect(seed.buckets.length).toBeGreaterThanOrEqual(3);
  });

  it('an unknown access key is refused (s3rver checks its account registry)', async () => {
    const bad = new S3Client({
      endpoint: s3rver.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) },
    });
    await expect(bad.send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    bad.destroy();
  });

  it('Delimiter "/" shows prefixes level by level, 3+ levels deep', async () => {
    const { bucket, prefix } = seed.deepPrefix;
    const parts = prefix.split('/').filter(Boolean);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    let current = '';
    for (const part of parts) {
      const [page] = await listAll(bucket, current);
      const prefixes = (page!.CommonPrefixes ?? []).map((p) => p.Prefix);
      expect(prefixes).toContain(`${current}${part}/`);
      current = `${current}${part}/`;
    }
    const [leaf] = await listAll(bucket, prefix);
    expect((leaf!.Contents ?? []).length).toBeGreaterThan(0);
  });

  it('paginates the 5,000-object prefix: every key once, in order, sizes and dates true', async () => {
    const { bucket, prefix, count } = seed.bigPrefix;
    expect(count).toBeGreaterThanOrEqual(5000);
    const pages = await listAll(bucket, prefix, 1000);
    expect(pages.length).toBe(Math.ceil(count / 1000));
    const contents = pages.flatMap((p) => p.Contents ?? []);
    const keys = contents.map((c) => c.Key!);
    expect(keys).toHaveLength(count);
    expect(new Set(keys).size).toBe(count);
    expect([...keys].sort()).toEqual(keys); // S3 order (UTF-8 binary = code unit order for these ASCII keys)
    expect(keys.every((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))).toBe(true);
    for (const c of contents) {
      expect(c.Size).toBeGreaterThan(0);
      expect(c.LastModified).toBeInstanceOf(Date);
      expect(Math.abs(c.LastModified!.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    }
    // a store-written object reads back exactly like an HTTP-written one
    const sample = contents[1234]!;
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: sample.Key }));
    expect(head.ContentType).toBe(seed.bigPrefix.contentType);
    expect(head.ContentLength).toBe(sample.Size);
    expect(head.ETag).toBe(sample.ETag);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: sample.Key }))).Body!.transformToString();
    expect(Buffer.byteLength(body)).toBe(sample.Size);
    expect(body).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\dZ (INFO|DEBUG|WARN|ERROR) /);
  });

  it('small pages (MaxKeys 7) walk the big prefix too', async () => {
    const { bucket, prefix } = seed.bigPrefix;
    const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 7 }));
    expect(first.Contents).toHaveLength(7);
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 7, ContinuationToken: first.NextContinuationToken }),
    );
    expect(second.Contents![0]!.Key! > first.Contents![6]!.Key!).toBe(true);
  });

  it('every seeded object is listed with its size, and served with its content type and metadata', async () => {
    for (const o of seed.objects) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: o.bucket, Key: o.key }));
      expect(head.ContentLength, o.key).toBe(o.size);
      expect(head.ContentType, o.key).toBe(o.contentType);
      expect(head.Metadata ?? {}, o.key).toEqual(o.metadata ?? {});
    }
    const types = new Set(seed.objects.map((o) => o.contentType));
    for (const t of ['text/plain', 'application/pdf', 'image/png', 'application/json', 'text/csv', 'video/mp4']) {
      expect(types).toContain(t);
    }
    const sizes = seed.objects.map((o) => o.size);
    expect(Math.min(...sizes)).toBe(0);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(seed.objects.filter((o) => o.metadata).length).toBeGreaterThanOrEqual(3);
  });

  it('unicode and awkward keys round-trip through list, get and a pre-signed URL', async () => {
    const { awkward, awkwardQuery, umlaut, japanese, emoji } = seed.keys;
    for (const ref of [awkward, awkwardQuery, umlaut, japanese, emoji]) {
      const dir = ref.key.slice(0, ref.key.lastIndexOf('/') + 1);
      const [page] = await listAll(ref.bucket, dir);
      expect((page!.Contents ?? []).map((c) => c.Key)).toContain(ref.key);
      const get = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      const expected = seed.objects.find((o) => o.bucket === ref.bucket && o.key === ref.key)!;
      expect((await get.Body!.transformToByteArray()).length).toBe(expected.size);
    }
    expect(japanese.key).toMatch(/日本/);
    expect(emoji.key).toMatch(/\p{Extended_Pictographic}/u);

    // a fresh key written and read back byte for byte, listed under its unicode prefix
    const key = `unicode-test/日本 ü+#?🎉/${Date.now()}.txt`;
    const text = 'grüße 日本 🎉\n';
    await s3.send(new PutObjectCommand({ Bucket: japanese.bucket, Key: key, Body: text, ContentType: 'text/plain; charset=utf-8' }));
    const [page] = await listAll(japanese.bucket, 'unicode-test/日本 ü+#?🎉/');
    expect((page!.Contents ?? []).map((c) => c.Key)).toEqual([key]);
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: japanese.bucket, Key: key }), { expiresIn: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(text);
  });

  it('the empty bucket lists nothing', async () => {
    const res = await s3.send(new ListObjectsV2Command({ Bucket: seed.emptyBucket }));
    expect(res.KeyCount ?? 0).toBe(0);
    expect(res.Contents ?? []).toEqual([]);
  });

  it('startS3rver({ seed: true }) writes the big prefix through the store, not 5,000 PUTs', () => {
    // (how long it takes is printed above and belongs in `npm run bench`, not in a pass/fail test)
    expect(seed.bigPrefixVia).toBe('store');
    expect(seed.totalObjects).toBe(seed.objects.length + seed.bigPrefix.count);
  });
});
