import { describe, expect, it } from 'vitest';
import { decodePresignedUrl, urlTiming, type PresignedUrlInfo } from '../../src/core/presigned-url.js';

const SIG = '9f288a0d9de826ecd9eda9211f97137373e317b46d6d178c69185ebe6656aeb1';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN/with+slash=';

// Made by @aws-sdk/s3-request-presigner getSignedUrl (SDK v3, default checksum settings),
// temporary credentials, signingDate 2026-11-29T15:32:00Z, expiresIn 3600.
const SDK_V3_TEMPORARY =
  'https://my-bucket.s3.us-west-2.amazonaws.com/dir/a%20b%2B%C3%BC%20%23%3F.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=ASIAQEXAMPLE7TEMPKEY%2F20261129%2Fus-west-2%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20261129T153200Z&X-Amz-Expires=3600&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLETOKEN%2Fwith%2Bslash%3D' +
  `&X-Amz-Signature=${SIG}&X-Amz-SignedHeaders=host&x-amz-checksum-mode=ENABLED&x-id=GetObject`;

// Same SDK, long-term keys, checksums WHEN_REQUIRED, a dotted bucket (so the SDK chose path style),
// a response override, and the 7-day maximum.
const SDK_V3_PATH_STYLE =
  'https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Feu-west-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20261129T153200Z&X-Amz-Expires=604800' +
  '&X-Amz-Signature=2f51fd7cf1e4c069cbb153b204523eff32b802a3273ed2a05d3f41fbc0b84edf&X-Amz-SignedHeaders=host' +
  '&response-content-disposition=attachment%3B%20filename%3D%22r.pdf%22&x-id=GetObject';

// Same SDK, PutObject against a local Ceph RGW with forcePathStyle: carries a CRC32 of an empty body.
const SDK_V3_LOCAL_PUT =
  'http://127.0.0.1:7480/test/up/load.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD' +
  '&X-Amz-Credential=TESTKEY0123%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T153200Z&X-Amz-Expires=900' +
  '&X-Amz-Signature=00fa11c9ef3d65606c72b4b290c09a794c689d84277e542d12aea35c90e92d85&X-Amz-SignedHeaders=host' +
  '&x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32&x-id=PutObject';

// Shaped like `aws s3 presign s3://photos.example/2026/img.jpg --expires-in 43200` (botocore puts the signature last).
const AWS_CLI =
  'https://photos.example.s3.us-west-2.amazonaws.com/2026/img.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20261129T153200Z' +
  `&X-Amz-Expires=43200&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIG}`;

const SIGV2 =
  'https://bucket.s3.amazonaws.com/key?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1700000000&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D';

const SIGV2_REGIONAL =
  'https://old-bucket.s3-us-west-2.amazonaws.com/a/b.txt?AWSAccessKeyId=ASIAEXAMPLE&Expires=1700000000' +
  '&x-amz-security-token=SECRETV2TOKEN&Signature=abc%3D';

const HAND_MADE_MINIO =
  'https://minio.example.com/media/videos/clip%201.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=minioadmin%2F20261129%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261129T000000Z' +
  `&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-amz-content-sha256&X-Amz-Signature=${SIG.toUpperCase()}`;

function decoded(url: string): PresignedUrlInfo {
  const result = decodePresignedUrl(url);
  if (!result.ok) throw new Error(`expected ${url} to decode, got: ${result.error}`);
  return result.value;
}

describe('decodePresignedUrl: well-formed URLs', () => {
  it.each([
    {
      given: 'an SDK v3 URL signed with temporary credentials',
      url: SDK_V3_TEMPORARY,
      want: {
        signatureVersion: 'v4', host: 'my-bucket.s3.us-west-2.amazonaws.com', style: 'virtual-hosted',
        bucket: 'my-bucket', key: 'dir/a b+ü #?.txt', region: 'us-west-2', service: 's3',
        accessKeyId: 'ASIAQEXAMPLE7TEMPKEY', temporary: true, hasSecurityToken: true, securityTokenLength: TOKEN.length,
        signedAt: new Date('2026-11-29T15:32:00Z'), expiresSeconds: 3600, expiresAt: new Date('2026-11-29T16:32:00Z'),
        signedHeaders: ['host'], checksumParams: { 'x-amz-checksum-mode': 'ENABLED' }, responseOverrides: {},
      },
    },
    {
      given: 'an SDK v3 path-style URL for a dotted bucket at the 7-day maximum',
      url: SDK_V3_PATH_STYLE,
      want: {
        style: 'path', host: 's3.eu-west-1.amazonaws.com', bucket: 'my.dotted.bucket', key: 'report.pdf',
        region: 'eu-west-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', temporary: false, hasSecurityToken: false,
        securityTokenLength: 0, expiresSeconds: 604800, expiresAt: new Date('2026-12-06T15:32:00Z'), checksumParams: {},
        responseOverrides: { 'response-content-disposition': 'attachment; filename="r.pdf"' },
      },
    },
    {
      given: 'an SDK v3 PUT URL to a local S3-compatible endpoint',
      url: SDK_V3_LOCAL_PUT,
      want: {
        host: '127.0.0.1:7480', style: 'path', bucket: 'test', key: 'up/load.bin', region: 'us-east-1',
        accessKeyId: 'TESTKEY0123', temporary: false,
        checksumParams: { 'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-sdk-checksum-algorithm': 'CRC32' },
      },
    },
    {
      given: 'an `aws s3 presign` URL with a dotted bucket in the host',
      url: AWS_CLI,
      want: { style: 'virtual-hosted', bucket: 'photos.example', key: '2026/img.jpg', expiresSeconds: 43200, temporary: false },
    },
    {
      given: 'a hand-made MinIO URL with uppercase hex and two signed headers',
      url: HAND_MADE_MINIO,
      want: {
        host: 'minio.example.com', style: 'path', bucket: 'media', key: 'videos/clip 1.mp4',
        signedHeaders: ['host', 'x-amz-content-sha256'], expiresAt: new Date('2026-11-29T00:01:00Z'),
      },
    },
    {
      given: 'a legacy SigV2 URL',
      url: SIGV2,
      want: {
        signatureVersion: 'v2', style: 'virtual-hosted', bucket: 'bucket', key: 'key', region: null, service: null,
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE', temporary: false, signedAt: null, expiresSeconds: null,
        expiresAt: new Date(1700000000 * 1000), signedHeaders: [],
      },
    },
    {
      given: 'a SigV2 URL on a legacy regional host with a session token',
      url: SIGV2_REGIONAL,
      want: { signatureVersion: 'v2', bucket: 'old-bucket', key: 'a/b.txt', region: 'us-west-2', temporary: true, securityTokenLength: 13 },
    },
  ])('Given $given When decoded Then every field is read', ({ url, want }) => {
    expect(decoded(url)).toMatchObject(want);
  });

  it.each([
    ['bucket.s3.amazonaws.com', 'virtual-hosted', 'bucket', 'k'],
    ['bucket.s3.us-west-2.amazonaws.com', 'virtual-hosted', 'bucket', 'k'],
    ['bucket.s3-us-west-2.amazonaws.com', 'virtual-hosted', 'bucket', 'k'],
    ['bucket.s3.dualstack.eu-west-1.amazonaws.com', 'virtual-hosted', 'bucket', 'k'],
    ['my.s3-like.bucket.s3.us-east-2.amazonaws.com', 'virtual-hosted', 'my.s3-like.bucket', 'k'],
    ['bucket.s3.cn-north-1.amazonaws.com.cn', 'virtual-hosted', 'bucket', 'k'],
    ['s3.amazonaws.com/bucket', 'path', 'bucket', 'k'],
    ['s3.eu-west-1.amazonaws.com/bucket', 'path', 'bucket', 'k'],
    ['localhost:9000/bucket', 'path', 'bucket', 'k'],
    ['[::1]:9000/bucket', 'path', 'bucket', 'k'],
  ])('Given the host %s When decoded Then it is %s style, bucket %s', (hostAndBucket, style, bucket, key) => {
    const url = `https://${hostAndBucket}/${key}?AWSAccessKeyId=AKIA1&Expires=1700000000&Signature=x`;
    expect(decoded(url)).toMatchObject({ style, bucket, key });
  });

  it.each([
    ['a%20b', 'a b'],
    ['a+b', 'a+b'],
    ['a%2Bb', 'a+b'],
    ['dir/a%20b%2B%C3%BC%20%23%3F.txt', 'dir/a b+ü #?.txt'],
    ['a/../b', 'a/../b'],
    ['%E6%97%A5%E6%9C%AC', '日本'],
    ['', ''],
  ])('Given the encoded path %j When decoded Then the key is %j (a literal + stays a plus)', (path, key) => {
    expect(decoded(`https://b.s3.amazonaws.com/${path}?AWSAccessKeyId=AKIA1&Expires=1&Signature=x`).key).toBe(key);
  });

  it('Given a URL wrapped across lines by the terminal When decoded Then the line breaks are ignored', () => {
    expect(decoded(`  ${AWS_CLI.slice(0, 80)}\n${AWS_CLI.slice(80)}\n`).bucket).toBe('photos.example');
  });
});

describe('decodePresignedUrl: the security token never leaks', () => {
  it.each([
    ['a decoded SDK URL', SDK_V3_TEMPORARY],
    ['a decoded SigV2 URL', SIGV2_REGIONAL],
  ])('Given %s with a token When decoded Then no field holds the token', (_what, url) => {
    const text = JSON.stringify(decoded(url));
    expect(text).not.toContain('IQoJb3JpZ2lu');
    expect(text).not.toContain('SECRETV2TOKEN');
  });

  it.each([
    ['a broken signature', SDK_V3_TEMPORARY.replace(SIG, 'abc')],
    ['a missing scheme', SDK_V3_TEMPORARY.replace('https://', '')],
    ['a bad date', SDK_V3_TEMPORARY.replace('20261129T153200Z', '20261329T153200Z')],
  ])('Given a token-carrying URL with %s When refused Then the message holds no part of the token', (_what, url) => {
    const result = decodePresignedUrl(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).not.toMatch(/IQoJ|EXAMPLETOKEN|with\+slash/);
  });
});

const V4_PARAMS: Record<string, string> = {
  'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
  'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/s3/aws4_request',
  'X-Amz-Date': '20261129T153200Z',
  'X-Amz-Expires': '900',
  'X-Amz-SignedHeaders': 'host',
  'X-Amz-Signature': SIG,
};

/** A v4 URL with some parameters replaced (string) or removed (null). */
function v4(changes: Record<string, string | null>, base = 'https://b.s3.amazonaws.com/k'): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...V4_PARAMS, ...changes })) if (value !== null) params.set(name, value);
  return `${base}?${params.toString()}`;
}

const V2_BASE = 'https://b.s3.amazonaws.com/k?';

describe('decodePresignedUrl: malformed input, each with its own message', () => {
  it.each([
    ['empty input', '   ', 'empty input'],
    ['not a URL', 'hello world', 'not a URL'],
    ['a URL without scheme', 'b.s3.amazonaws.com/k?X-Amz-Signature=x', 'did you leave out https://?'],
    ['a non-http scheme', 'ftp://host/b/k?Signature=x', 'not an http(s) URL'],
    ['an s3:// location', 's3://bucket/key', 'not an http(s) URL'],
    ['no query string', 'https://b.s3.amazonaws.com/k', 'no query string'],
    ['an unrelated query', 'https://b.s3.amazonaws.com/k?versionId=3', 'not a pre-signed URL'],
    ['missing algorithm', v4({ 'X-Amz-Algorithm': null }), 'missing X-Amz-Algorithm'],
    ['SigV4a algorithm', v4({ 'X-Amz-Algorithm': 'AWS4-ECDSA-P256-SHA256' }), 'unsupported algorithm "AWS4-ECDSA-P256-SHA256"'],
    ['missing credential', v4({ 'X-Amz-Credential': null }), 'missing X-Amz-Credential'],
    ['a short credential scope', v4({ 'X-Amz-Credential': 'AKIA/20261129/us-east-1' }), 'malformed X-Amz-Credential'],
    ['a credential without aws4_request', v4({ 'X-Amz-Credential': 'AKIA/20261129/us-east-1/s3/x' }), 'malformed X-Amz-Credential'],
    ['an empty access key in the credential', v4({ 'X-Amz-Credential': '/20261129/us-east-1/s3/aws4_request' }), 'malformed X-Amz-Credential'],
    ['missing date', v4({ 'X-Amz-Date': null }), 'missing X-Amz-Date'],
    ['an ISO date instead of the basic format', v4({ 'X-Amz-Date': '2026-11-29T15:32:00Z' }), 'malformed X-Amz-Date'],
    ['month 13', v4({ 'X-Amz-Date': '20261329T153200Z' }), 'impossible X-Amz-Date "20261329T153200Z": month 13'],
    ['30 February', v4({ 'X-Amz-Date': '20260230T153200Z' }), 'day 30 does not exist in 2026-02'],
    ['hour 24', v4({ 'X-Amz-Date': '20261129T243200Z' }), 'hour 24 does not exist'],
    ['a date outside the credential scope', v4({ 'X-Amz-Date': '20261130T000000Z' }), 'the dates must match'],
    ['missing expiry', v4({ 'X-Amz-Expires': null }), 'missing X-Amz-Expires'],
    ['a fractional expiry', v4({ 'X-Amz-Expires': '1.5' }), 'not a whole number of seconds'],
    ['a word as expiry', v4({ 'X-Amz-Expires': 'soon' }), 'not a whole number of seconds'],
    ['a negative expiry', v4({ 'X-Amz-Expires': '-5' }), 'X-Amz-Expires is negative'],
    ['a zero expiry', v4({ 'X-Amz-Expires': '0' }), 'X-Amz-Expires is 0'],
    ['an expiry of 604801 s', v4({ 'X-Amz-Expires': '604801' }), 'at most 7 days (604800 s)'],
    ['missing signature', v4({ 'X-Amz-Signature': null }), 'missing X-Amz-Signature'],
    ['a short signature', v4({ 'X-Amz-Signature': 'abc123' }), 'malformed X-Amz-Signature: expected 64 hex characters, got 6'],
    ['a non-hex signature', v4({ 'X-Amz-Signature': 'z'.repeat(64) }), 'malformed X-Amz-Signature'],
    ['SigV2 without Expires', `${V2_BASE}AWSAccessKeyId=AKIA1&Signature=x`, 'missing Expires'],
    ['SigV2 without AWSAccessKeyId', `${V2_BASE}Expires=1700000000&Signature=x`, 'missing AWSAccessKeyId'],
    ['SigV2 with a non-numeric Expires', `${V2_BASE}AWSAccessKeyId=AKIA1&Expires=tomorrow&Signature=x`, 'not a whole number of epoch seconds'],
    ['SigV2 without Signature', `${V2_BASE}AWSAccessKeyId=AKIA1&Expires=1700000000`, 'missing Signature'],
    ['no bucket in a path-style URL', v4({}, 'http://127.0.0.1:7480/'), 'no bucket in the URL'],
    ['broken percent-encoding', v4({}, 'https://b.s3.amazonaws.com/a%zzb'), 'malformed percent-encoding'],
  ])('Given %s When decoded Then it is refused: %s', (_what, url, message) => {
    const result = decodePresignedUrl(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it('Given an expiry of exactly 604800 s When decoded Then it is accepted (boundary)', () => {
    expect(decoded(v4({ 'X-Amz-Expires': '604800' })).expiresSeconds).toBe(604800);
  });

  it('Given hostile text in a refused parameter When the message echoes it Then it is sanitized', () => {
    const result = decodePresignedUrl(v4({ 'X-Amz-Algorithm': '\x1b]0;pwned\x07' }));
    expect(result.ok ? '' : result.error).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('urlTiming', () => {
  const info = decoded(SDK_V3_TEMPORARY); // expires 2026-11-29T16:32:00Z
  const at = (iso: string) => urlTiming(info, new Date(iso));

  it.each([
    ['at signing', '2026-11-29T15:32:00Z', false, 3600],
    ['one second before expiry', '2026-11-29T16:31:59Z', false, 1],
    ['half a second before expiry', '2026-11-29T16:31:59.500Z', false, 0],
    ['at the expiry instant', '2026-11-29T16:32:00Z', true, 0],
    ['one second after expiry', '2026-11-29T16:32:01Z', true, -1],
    ['five minutes after expiry', '2026-11-29T16:37:00Z', true, -300],
  ])('Given the time is %s When timed Then expired is %s and secondsLeft is %i', (_when, now, expired, secondsLeft) => {
    expect(at(now)).toEqual({ expired, secondsLeft });
  });
});
