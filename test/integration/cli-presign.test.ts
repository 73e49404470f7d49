// The truth tests: a URL works until its EFFECTIVE expiry, whichever of request or session comes first.
// Ceph RGW enforces SigV4, pre-signed expiry and the end of STS sessions for real.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireRgw } from '../support/servers.js';
import { assumeRoleRgw } from '../support/rgw.js';
import { runCli } from '../support/cli.js';
import { sleep } from '../support/util.js';

const rgw = await requireRgw();
const bucket = `presign-${Date.now()}`;
const key = 'dir/a b+ü #?.txt';
const body = 'hello from s3peek';

describe.skipIf(!rgw)('s3peek presign against Ceph RGW', () => {
  const longTerm = () => ({ AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1' });

  beforeAll(async () => {
    const s3 = new S3Client({ endpoint: rgw!.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: rgw!.accessKeyId, secretAccessKey: rgw!.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    s3.destroy();
  });

  it('Given long-term keys, When --expires 7d --json, Then it is limited by the request and the URL downloads the object', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'presign', `s3://${bucket}/${key}`, '--expires', '7d', '--json'], longTerm());
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.limitedBy).toBe('request');
    expect(j.requestedSeconds).toBe(604800);
    expect(j.effectiveSeconds).toBe(604800);
    expect(j.sessionEndsAt).toBeNull();
    expect(j.identity.temporary).toBe(false);
    expect(j.key).toBe(key);
    const res = await fetch(j.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(body);
  });

  it('Given long-term keys, When --expires 3s, Then the URL answers 200 now and 403 after 3 s', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'presign', `s3://${bucket}/${key}`, '--expires', '3s'], longTerm());
    expect(r.code).toBe(0);
    const url = r.stdout.trim();
    expect(r.stderr).toContain('as requested');
    expect((await fetch(url)).status).toBe(200);
    await sleep(4500);
    expect((await fetch(url)).status).toBe(403);
  });

  it('Given --expires 8d, Then exit 2 naming the 7-day limit', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'presign', `s3://${bucket}/${key}`, '--expires', '8d'], longTerm());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('at most 7 days (604800 s)');
    expect(r.stdout).toBe('');
  });

  it('Given an 8 s AssumeRole session, When --expires 1h --json, Then limitedBy is session at the session end, and the URL dies with the session', async () => {
    const creds = await assumeRoleRgw(rgw!, 8);
    const env = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: creds.expiration.toISOString(), AWS_REGION: 'us-east-1',
    };
    const r = await runCli(['--endpoint-url', rgw!.stsEndpoint, 'presign', `s3://${bucket}/${key}`, '--expires', '1h', '--json'], env);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.limitedBy).toBe('session');
    expect(j.requestedSeconds).toBe(3600);
    expect(Math.abs(Date.parse(j.effectiveExpiresAt) - creds.expiration.getTime())).toBeLessThanOrEqual(2000);
    expect(j.sessionEndsAt).toBe(j.effectiveExpiresAt);
    expect(j.warnings.join(' ')).toMatch(/session ends/);
    expect(j.identity.temporary).toBe(true);
    expect(j.identity.source).toBe('env');
    const before = await fetch(j.url);
    expect(before.status).toBe(200);
    expect(await before.text()).toBe(body);
    await sleep(Math.max(0, creds.expiration.getTime() - Date.now()) + 2000);
    // The URL's own expiry is an hour away; the session behind it has ended.
    expect(Date.parse(j.requestedExpiresAt) - Date.now()).toBeGreaterThan(3000_000);
    expect((await fetch(j.url)).status).toBe(403);
  });

  it('Given a session shorter than the request, When --strict, Then exit 3 with the URL still printed', async () => {
    const creds = await assumeRoleRgw(rgw!, 900);
    const env = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: creds.expiration.toISOString(), AWS_REGION: 'us-east-1',
    };
    const r = await runCli(['--endpoint-url', rgw!.stsEndpoint, 'presign', `s3://${bucket}/${key}`, '--expires', '12h', '--strict'], env);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(r.stderr).toContain('limited by your session');
  });

  it('Given a session that has already ended, Then nothing is signed and exit 1 says so', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIAENDEDSESSION0001', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40), AWS_SESSION_TOKEN: 'tok',
      AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() - 60_000).toISOString(), AWS_REGION: 'us-east-1',
    };
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'presign', `s3://${bucket}/${key}`], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('session has ended');
  });

  it('Given a PUT URL, Then it uploads', async () => {
    const r = await runCli(['--endpoint-url', rgw!.s3Endpoint, 'presign', `s3://${bucket}/uploads/new file.txt`, '--method', 'PUT', '--expires', '5m'], longTerm());
    expect(r.code).toBe(0);
    const res = await fetch(r.stdout.trim(), { method: 'PUT', body: 'uploaded' });
    expect(res.status).toBe(200);
  });
});
