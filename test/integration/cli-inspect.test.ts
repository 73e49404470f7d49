// `s3peek inspect`: decode a URL someone handed you, and probe it against a real server (Ceph RGW).
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireRgw } from '../support/servers.js';
import { assumeRoleRgw } from '../support/rgw.js';
import { runCli } from '../support/cli.js';
import { sleep, which, run } from '../support/util.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('s3peek inspect without a server', () => {
  const malformed: [string, RegExp][] = [
    ['not a url at all', /not a URL/i],
    ['https://bucket.s3.amazonaws.com/key', /pre-signed|signature/i],
    ['https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261129T000000Z&X-Amz-Expires=700000&X-Amz-SignedHeaders=host&X-Amz-Credential=AKIAEXAMPLE%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=' + 'a'.repeat(64), /at most 7 days \(604800 s\)/],
  ];
  for (const [url, message] of malformed) {
    it(`Given ${url.slice(0, 40)}…, Then exit 2 naming the part at fault`, async () => {
      const r = await runCli(['inspect', url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  const hasAws = which('aws') !== null;
  const awsPresign = async (signatureVersion: 's3v4' | null) => {
    const dir = await mkdtemp(path.join(tmpdir(), 's3peek-awscfg-'));
    const config = path.join(dir, 'config');
    await writeFile(config, `[default]\nregion = eu-west-1\n${signatureVersion ? `s3 =\n    signature_version = ${signatureVersion}\n` : ''}`);
    const { stdout } = await run('aws', ['s3', 'presign', 's3://my-bucket/dir/a b+ü.txt', '--expires-in', '3600'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
    });
    await rm(dir, { recursive: true, force: true });
    return stdout.trim();
  };

  it.skipIf(!hasAws)('Given a URL made by `aws s3 presign` with SigV4, Then every part is decoded', async () => {
    const r = await runCli(['inspect', await awsPresign('s3v4'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ signatureVersion: 'v4', bucket: 'my-bucket', key: 'dir/a b+ü.txt', region: 'eu-west-1', service: 's3', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', temporary: false, hasSecurityToken: false, expiresSeconds: 3600, expired: false });
    expect(j.secondsLeft).toBeGreaterThan(3500);
    expect(j.signedHeaders).toEqual(['host']);
  });

  it.skipIf(!hasAws)('Given a URL made by `aws s3 presign` with its default signer, Then it is decoded (SigV2 on AWS CLI v1)', async () => {
    const url = await awsPresign(null);
    const r = await runCli(['inspect', url, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ bucket: 'my-bucket', key: 'dir/a b+ü.txt', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', expired: false });
    expect(j.signatureVersion).toBe(url.includes('X-Amz-Signature') ? 'v4' : 'v2');
    expect(j.secondsLeft).toBeGreaterThan(3500);
  });
});

const rgw = await requireRgw();
const bucket = `inspect-${Date.now()}`;
const key = 'shared/report #1.txt';

describe.skipIf(!rgw)('s3peek inspect --probe against Ceph RGW', () => {
  const longTerm = () => ({ AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1' });
  const presign = async (expires: string, env: Record<string, string> = longTerm(), endpoint = rgw!.s3Endpoint) => {
    const r = await runCli(['--endpoint-url', endpoint, 'presign', `s3://${bucket}/${key}`, '--expires', expires], env);
    expect(r.code).toBe(0);
    return r.stdout.trim();
  };
  const probe = async (url: string) => {
    const r = await runCli(['inspect', url, '--probe', '--json'], {});
    return { code: r.code, json: JSON.parse(r.stdout), stderr: r.stderr };
  };

  beforeAll(async () => {
    const s3 = new S3Client({ endpoint: rgw!.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: rgw!.accessKeyId, secretAccessKey: rgw!.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'data' }));
    s3.destroy();
  });

  it('Given a fresh URL, Then the probe says live and the breakdown matches what was signed', async () => {
    const url = await presign('1h');
    const { code, json } = await probe(url);
    expect(code).toBe(0);
    // A 1-byte ranged GET: 206 Partial Content means the URL works.
    expect(json.probe).toMatchObject({ status: 206, verdict: 'live' });
    expect(json).toMatchObject({ bucket, key, expiresSeconds: 3600, accessKeyId: rgw!.accessKeyId, temporary: false, expired: false });
  });

  it('Given a URL past its 2 s expiry, Then the probe says expired', async () => {
    const url = await presign('2s');
    await sleep(3500);
    const { code, json } = await probe(url);
    expect(code).toBe(1);
    expect(json.expired).toBe(true);
    expect(json.probe).toMatchObject({ status: 403, verdict: 'expired' });
  });

  it('Given a URL whose STS session ended (its own expiry an hour away), Then the probe says session-ended', async () => {
    const creds = await assumeRoleRgw(rgw!, 10);
    const url = await presign('1h', {
      AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: creds.expiration.toISOString(), AWS_REGION: 'us-east-1',
    }, rgw!.stsEndpoint);
    expect((await probe(url)).json.probe.verdict).toBe('live');
    await sleep(Math.max(0, creds.expiration.getTime() - Date.now()) + 2000);
    const { json } = await probe(url);
    expect(json.expired).toBe(false);
    expect(json.temporary).toBe(true);
    expect(json.hasSecurityToken).toBe(true);
    expect(json.warnings.join(' ')).toMatch(/temporary credentials/);
    expect(json.probe).toMatchObject({ status: 403, verdict: 'session-ended' });
  });

  it('Given a tampered signature, Then the probe says bad-signature', async () => {
    const url = await presign('1h');
    const tampered = url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    expect(tampered).not.toBe(url);
    const { json } = await probe(tampered);
    expect(json.probe).toMatchObject({ status: 403, verdict: 'bad-signature' });
  });

  it('Given a URL for a key that does not exist, Then the probe says not-found', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'presign', `s3://${bucket}/nope.txt`], longTerm());
    const { json } = await probe(r.stdout.trim());
    expect(json.probe).toMatchObject({ status: 404, verdict: 'not-found' });
  });

  it('Given a dead server, Then the probe says unreachable', async () => {
    const url = (await presign('1h')).replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9');
    const { json } = await probe(url);
    expect(json.probe.verdict).toBe('unreachable');
  });

  it('Given text output, Then the security token is never printed, only its length', async () => {
    const creds = await assumeRoleRgw(rgw!, 900);
    const url = await presign('1h', {
      AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken, AWS_REGION: 'us-east-1',
    }, rgw!.stsEndpoint);
    const r = await runCli(['inspect', url], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/security token\s+present \(\d+ chars, not shown\)/);
    expect(r.stdout).not.toContain(creds.sessionToken);
    expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(creds.sessionToken));
  });
});
