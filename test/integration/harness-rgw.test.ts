// Proves the Ceph RGW harness enforces what s3peek's claims are about: SigV4 signatures, pre-signed
// expiry to the second, and URLs dying with the STS session that signed them.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumeRoleRgw } from '../support/rgw.js';
import { requireRgw } from '../support/servers.js';
import { sleep } from '../support/util.js';

const rgw = await requireRgw();

const bucket = `harness-rgw-${randomBytes(4).toString('hex')}`;
const key = 'shared/Q3 summary + notes #1 ü.txt';
const body = 'the truth about pre-signed URLs\n';

function client(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** X-Amz-Date + X-Amz-Expires of a pre-signed URL, in ms since the epoch. */
function urlExpiry(url: string): number {
  const q = new URL(url).searchParams;
  const d = q.get('X-Amz-Date')!; // YYYYMMDDTHHMMSSZ
  const signedAt = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15));
  return signedAt + Number(q.get('X-Amz-Expires')) * 1000;
}

async function get(url: string): Promise<{ status: number; code?: string; text: string }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1], text };
}

describe.skipIf(!rgw)('Ceph RGW', () => {
  let s3: S3Client;

  beforeAll(async () => {
    s3 = client(rgw!.s3Endpoint, rgw!);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain' }));
  });

  afterAll(async () => {
    if (!s3) return;
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
    await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    s3.destroy();
  });

  it('a tampered signature answers 403 SignatureDoesNotMatch', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });
    expect(await get(url)).toMatchObject({ status: 200, text: body });
    const u = new URL(url);
    const sig = u.searchParams.get('X-Amz-Signature')!;
    u.searchParams.set('X-Amz-Signature', (sig[0] === '0' ? '1' : '0') + sig.slice(1));
    expect(await get(u.toString())).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('a wrong secret answers 403 SignatureDoesNotMatch', async () => {
    const wrong = client(rgw!.s3Endpoint, { accessKeyId: rgw!.accessKeyId, secretAccessKey: 'x'.repeat(40) });
    const url = await getSignedUrl(wrong, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });
    wrong.destroy();
    expect(await get(url)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  // the two waits overlap: ~6 s for both instead of ~11 s
  describe.concurrent('expiry', () => {
    it('a URL pre-signed for 3 s answers 200, then 403 AccessDenied after it expires', async ({ expect }) => {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3 });
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('3');
      expect(await get(url)).toMatchObject({ status: 200, text: body });
      await sleep(urlExpiry(url) + 1500 - Date.now());
      expect(await get(url)).toMatchObject({ status: 403, code: 'AccessDenied' });
    });

    it('a URL signed with a 5 s AssumeRole session dies with the session, though it asked for 1 h', async ({ expect }) => {
      const creds = await assumeRoleRgw(rgw!, 5);
      const sessionMs = creds.expiration.getTime() - Date.now();
      expect(sessionMs).toBeGreaterThan(0);
      expect(sessionMs).toBeLessThanOrEqual(6_000);

      const temp = client(rgw!.stsEndpoint, creds);
      const url = await getSignedUrl(temp, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
      temp.destroy();
      const q = new URL(url).searchParams;
      expect(q.get('X-Amz-Expires')).toBe('3600');
      expect(q.get('X-Amz-Security-Token')).toBe(creds.sessionToken);
      expect(q.get('X-Amz-Credential')!.startsWith(`${creds.accessKeyId}/`)).toBe(true);

      expect(await get(url)).toMatchObject({ status: 200, text: body });
      await sleep(creds.expiration.getTime() + 1500 - Date.now());
      expect(Date.now()).toBeLessThan(urlExpiry(url)); // the URL's own expiry is still far away
      expect(await get(url)).toMatchObject({ status: 403, code: 'AccessDenied' });
    });
  });
});
