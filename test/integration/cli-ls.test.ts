// `s3peek ls` through real servers: s3rver (the demo seed) and Ceph RGW (awkward keys, forced pagination).
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startS3rver, type S3rverHandle } from '../support/s3rver.js';
import type { SeedSummary } from '../support/seed.js';
import { requireRgw } from '../support/servers.js';
import { runCli } from '../support/cli.js';

let s3rver: S3rverHandle;
let seed: SeedSummary;
const demoEnv = () => ({
  AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: DEMO_CREDENTIALS.sessionToken,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: s3rver.endpoint,
});

beforeAll(async () => {
  s3rver = await startS3rver({ seed: true });
  seed = s3rver.seed!;
});
afterAll(async () => s3rver?.stop());

describe('s3peek ls against s3rver (the demo seed)', () => {
  it('Given no path, When ls --json, Then every bucket is one JSON line with its creation date', async () => {
    const r = await runCli(['ls', '--json'], demoEnv());
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.name).sort()).toEqual([...seed.buckets].sort());
    for (const l of lines) {
      expect(l.type).toBe('bucket');
      expect(l.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('Given the 5,000-object prefix and --page-size 700, When ls --json, Then all keys arrive once, in order, across 8 pages', async () => {
    const { bucket, prefix, count } = seed.bigPrefix;
    const r = await runCli(['ls', `s3://${bucket}/${prefix}`, '--json', '--page-size', '700'], demoEnv());
    expect(r.code).toBe(0);
    const keys = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'object').map((l) => l.key);
    expect(keys).toHaveLength(count);
    expect(new Set(keys).size).toBe(count);
    expect([...keys].sort()).toEqual(keys);
  });

  it('Given a bucket root, When ls, Then prefixes come as PRE rows and objects with sizes', async () => {
    const { bucket } = seed.keys.awkward;
    const r = await runCli(['ls', `s3://${bucket}/`], demoEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PRE {2}\S+\/\n/);
  });

  it('Given unicode keys, When ls --json --recursive, Then the keys are exact', async () => {
    const wanted = [seed.keys.umlaut, seed.keys.japanese, seed.keys.emoji, seed.keys.awkwardQuery];
    for (const ref of wanted) {
      const r = await runCli(['ls', `s3://${ref.bucket}/`, '--json', '--recursive'], demoEnv());
      expect(r.code).toBe(0);
      const keys = r.stdout.trim().split('\n').map((l) => JSON.parse(l).key);
      expect(keys).toContain(ref.key);
    }
  });

  it('Given a bucket that does not exist, When ls, Then it says so and exits 1', async () => {
    const r = await runCli(['ls', 's3://no-such-bucket-here/'], demoEnv());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No such bucket: no-such-bucket-here');
  });

  it('Given a dead endpoint, When ls, Then it names the endpoint and exits 1', async () => {
    const r = await runCli(['ls'], { ...demoEnv(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot reach http://127.0.0.1:9');
  });

  it('Given an invalid path, When ls, Then exit 2 with the reason', async () => {
    const r = await runCli(['ls', 'not-a-uri'], demoEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s3:\/\//);
  });
});

const rgw = await requireRgw();

describe.skipIf(!rgw)('s3peek ls against Ceph RGW', () => {
  const bucket = `ls-${Date.now()}`;
  const awkward = ['dir/a b+ü #?.txt', 'dir/日本/資料.txt', 'dir/🎉 party.png', 'dir/ctrl\u0001char.txt', 'dir/new\nline.txt'];
  const env = () => ({
    AWS_ACCESS_KEY_ID: rgw!.accessKeyId,
    AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey,
    AWS_REGION: 'us-east-1',
  });

  beforeAll(async () => {
    const s3 = new S3Client({ endpoint: rgw!.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: rgw!.accessKeyId, secretAccessKey: rgw!.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const keys = [...awkward, ...Array.from({ length: 2500 }, (_, i) => `many/k${String(i).padStart(5, '0')}`)];
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }))));
    }
    s3.destroy();
  }, 120_000);

  it('Given 2,500 keys and --page-size 400, When ls --json, Then all 2,500 arrive across 7 pages', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'ls', `s3://${bucket}/many/`, '--json', '--page-size', '400'], env());
    expect(r.code).toBe(0);
    const objects = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects).toHaveLength(2500);
    expect(objects[2499].key).toBe('many/k02499');
  });

  it('Given keys with spaces, +, #, ?, unicode and control characters, When ls --json, Then JSON round-trips them exactly', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'ls', `s3://${bucket}/dir/`, '--json', '--recursive'], env());
    expect(r.code).toBe(0);
    const keys = r.stdout.trim().split('\n').map((l) => JSON.parse(l).key);
    expect(keys.sort()).toEqual([...awkward].sort());
  });

  it('Given the same keys, When ls as text, Then control characters are shown escaped, never raw', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'ls', `s3://${bucket}/dir/`, '--recursive'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dir/ctrl\\x01char.txt');
    expect(r.stdout).toContain('dir/new\\nline.txt');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
