// `s3peek ls` and `ls --json` with hostile names: object KEYS on Ceph RGW (any UTF-8 but NUL, up to 1,024
// bytes; listed with EncodingType=url so control characters survive the XML) and BUCKET names injected
// into ListBuckets by the fault proxy. Text output must carry no raw control, escape, bidi or invisible
// character (each is shown as its visible stand-in); JSON must round-trip every name exactly. A server's
// error text (and error code) is just as untrusted: it reaches stderr through the same sanitizer.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { HOSTILE_NAMES, PWNED, injectBuckets, longKey, s3Error, startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { requireRgw } from '../support/servers.js';

const rgw = await requireRgw();

/** Raw characters that must never reach a terminal from a name: C0 (but LF), DEL, C1, bidi, invisible, tags. */
const RAW_HAZARD = /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u061c\u00ad\u115f\u3164\uffa0\u180e\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0041}-\u{e005a}]/u;
/** The same set minus what JSON must carry raw (JSON.stringify escapes only C0, quote and backslash). */
const RAW_IN_JSON = /[\u0080-\u009f\u061c\u00ad\u115f\u3164\uffa0\u180e\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0041}-\u{e005a}]/u;
/** A lone ZWJ is a hazard; inside an emoji sequence it is part of the character. */
const LONE_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d|\u200d(?!\p{Extended_Pictographic})/u;

const hazards = (text: string) =>
  [...text.matchAll(new RegExp(RAW_HAZARD.source, 'gu'))].map((m) => `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${m.index}`);

describe.skipIf(!rgw)('hostile object keys on Ceph RGW: ls and ls --json', () => {
  const bucket = `hostile-ls-${Date.now()}`;
  const keys = [...HOSTILE_NAMES.map((h) => `h/${h.name}`), longKey('h/')];
  const env = () => ({ AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1' });
  const ls = (...args: string[]) => runCli(['--endpoint-url', rgw!.s3Endpoint, 'ls', ...args], env());

  beforeAll(async () => {
    const s3 = new S3Client({ endpoint: rgw!.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: rgw!.accessKeyId, secretAccessKey: rgw!.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }));
    s3.destroy();
  }, 60_000);

  it(`has ${HOSTILE_NAMES.length} hostile names plus a 1,024-byte key (the test's own premise)`, () => {
    expect(HOSTILE_NAMES.length).toBeGreaterThanOrEqual(20);
    expect(Buffer.byteLength(keys[keys.length - 1]!, 'utf8')).toBe(1024);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ls --json --recursive: every key round-trips exactly (JSON.parse gives back the very string, 1,024 bytes included)', async () => {
    const r = await ls(`s3://${bucket}/h/`, '--json', '--recursive');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(keys.length); // a newline inside a key never splits a record
    const got = lines.map((l) => JSON.parse(l) as { type: string; key: string });
    for (const g of got) expect(g.type).toBe('object');
    expect(got.map((g) => g.key).sort()).toEqual([...keys].sort());
    for (const k of keys) expect(got.some((g) => g.key === k), JSON.stringify(k)).toBe(true);
  });

  it('ls --json --page-size 5: the same keys arrive across pages, each once', async () => {
    const r = await ls(`s3://${bucket}/h/`, '--json', '--recursive', '--page-size', '5');
    expect(r.code).toBe(0);
    const got = r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { key: string }).key);
    expect(got).toHaveLength(keys.length);
    expect(new Set(got)).toEqual(new Set(keys));
  });

  it('ls as text: one line per key, no raw control / escape / bidi / invisible character, each shown as its visible stand-in', async () => {
    const r = await ls(`s3://${bucket}/h/`, '--recursive');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(hazards(r.stdout)).toEqual([]);
    expect(r.stdout).not.toMatch(LONE_ZWJ);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(keys.length);
    for (const h of HOSTILE_NAMES) expect(r.stdout, h.label).toContain(`  h/${h.visible}\n`);
    expect(r.stdout).toContain('h/28 long 漢漢漢');
    expect(r.stdout).toContain('\\x1b[2Jxxx');
    expect(r.stdout).toContain('xxEND!\n');
  });

  it('ls as text without --recursive: the hostile keys sit under one PRE row', async () => {
    const r = await ls(`s3://${bucket}/`);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([`${'PRE'.padStart(27)}  h/`]);
  });

  it('ls --json carries no raw C1, bidi or invisible character either (they are \\uXXXX escapes: still exact after JSON.parse)', async () => {
    const r = await ls(`s3://${bucket}/h/`, '--json', '--recursive');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_IN_JSON);
    const got = r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { key: string }).key);
    expect(got.sort()).toEqual([...keys].sort());
  });
});

describe.skipIf(!rgw)('hostile bucket names (injected into ListBuckets by the fault proxy in front of RGW)', () => {
  let proxy: FaultProxy;
  const names = HOSTILE_NAMES.map((h) => h.name);
  const env = () => ({ AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1' });
  const ls = (...args: string[]) => runCli(['--endpoint-url', proxy.endpoint, 'ls', ...args], env());

  beforeAll(async () => {
    proxy = await startFaultProxy(rgw!.s3Endpoint);
    proxy.rule((r) => (r.kind === 'ListBuckets' ? injectBuckets(names) : undefined));
  });
  afterAll(async () => proxy?.stop());

  it('ls --json: every injected bucket name round-trips exactly, in the server\'s order, before the real buckets', async () => {
    const r = await ls('--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const got = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; name: string; createdAt: string | null });
    expect(got.slice(0, names.length).map((g) => g.name)).toEqual(names);
    for (const g of got.slice(0, names.length)) {
      expect(g.type).toBe('bucket');
      expect(g.createdAt).toBe('2026-01-02T03:04:05Z');
    }
    expect(got.length).toBeGreaterThan(names.length); // the real buckets are still there
  });

  it('ls as text: one line per bucket, nothing raw, each name as its visible stand-in', async () => {
    const r = await ls();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(hazards(r.stdout)).toEqual([]);
    expect(r.stdout).not.toMatch(LONE_ZWJ);
    expect(r.stdout).not.toContain(`\x1b]0;${PWNED.title}`);
    const lines = r.stdout.trimEnd().split('\n');
    for (const [i, h] of HOSTILE_NAMES.entries()) expect(lines[i]!.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d {2}/, ''), h.label).toBe(h.visible);
  });
});

describe.skipIf(!rgw)('hostile server error text reaches stderr sanitized', () => {
  let proxy: FaultProxy;
  const env = () => ({ AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1' });
  const ls = (...args: string[]) => runCli(['--endpoint-url', proxy.endpoint, 'ls', ...args], env());
  const evil = `\x1b]0;${PWNED.title}\x07\x1b[2J\u202eevil\u009b2J`;

  beforeAll(async () => {
    proxy = await startFaultProxy(rgw!.s3Endpoint);
  });
  afterAll(async () => proxy?.stop());

  it('an unknown error whose <Message> holds escapes: exit 1, the message shown with visible stand-ins, nothing raw', async () => {
    const off = proxy.rule((r) => (r.kind === 'ListBuckets' ? s3Error(400, 'WeirdError', `bad things ${evil}`) : undefined));
    try {
      const r = await ls();
      expect(r.code).toBe(1);
      expect(hazards(r.stderr)).toEqual([]);
      expect(r.stderr).toContain('\\x1b]0;PWNED-TITLE\\x07\\x1b[2J\\u202eevil\\u009b2J');
    } finally {
      off();
    }
  });

  for (const [status, what] of [[403, 'denied'], [500, 'server failure'], [301, 'redirect']] as const) {
    it(`a ${status} (${what}) whose <Code> holds escapes: nothing raw on stderr`, async () => {
      const off = proxy.rule((r) => (r.kind === 'ListBuckets' ? s3Error(status, `Denied${evil}`, 'Access Denied') : undefined));
      try {
        const r = await ls();
        expect(r.code).toBe(1);
        expect(hazards(r.stderr)).toEqual([]);
        expect(r.stderr).not.toContain(`\x1b]0;${PWNED.title}`);
      } finally {
        off();
      }
    });
  }
});
