// Decode a pre-signed S3 URL (SigV4 or legacy SigV2) into what a person wants to know: which
// object, who signed it, when, and until when (docs/domain.md §1). Nothing is verified (that needs
// the secret); the point is to read the URL and to say precisely what is wrong with a broken one.
// The session token is a credential: only its length ever leaves this module.
import { MAX_PRESIGN_SECONDS, type Parsed } from './duration.js';
import { sanitize, truncate } from './sanitize.js';

export interface PresignedUrlInfo {
  signatureVersion: 'v4' | 'v2';
  /** Host as written in the URL, with the port when there is one. */
  host: string;
  style: 'virtual-hosted' | 'path';
  bucket: string;
  /** Percent-decoded object key; '' when the URL addresses the bucket itself. */
  key: string;
  region: string | null;
  service: string | null;
  accessKeyId: string;
  temporary: boolean;
  hasSecurityToken: boolean;
  securityTokenLength: number;
  /** v2: null (SigV2 URLs carry only the expiry instant). */
  signedAt: Date | null;
  /** v2: null. */
  expiresSeconds: number | null;
  expiresAt: Date;
  signedHeaders: string[];
  /** x-amz-checksum-* and x-amz-sdk-checksum-algorithm (added by SDK v3 >= 3.729), names lowercased. */
  checksumParams: Record<string, string>;
  /** response-content-disposition and friends, names lowercased. */
  responseOverrides: Record<string, string>;
}

type Failure = { ok: false; error: string };
const fail = (error: string): Failure => ({ ok: false, error });

/** Echo a piece of the input in a message: sanitized, since the input is untrusted, and short. */
function quote(value: string): string {
  return `"${truncate(sanitize(value), 48, 'middle')}"`;
}

// Virtual-hosted AWS endpoints: everything before the last `.s3.` / `.s3-` is the bucket, so
// bucket names with dots work. Covers s3, s3-REGION, s3.REGION, s3.dualstack.REGION, s3-fips…
const AWS_HOST = /^(?:(.*)\.)?s3(?:[.-]([a-z0-9.-]+?))?\.amazonaws\.com(?:\.cn)?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

interface Target {
  style: 'virtual-hosted' | 'path';
  bucket: string;
  key: string;
  hostRegion: string | null;
}

function regionFromHost(middle: string | undefined): string | null {
  if (middle === undefined) return null; // s3.amazonaws.com: the global endpoint names no region
  if (middle === 'external-1') return 'us-east-1';
  return middle.split('.').find((label) => REGION.test(label)) ?? null;
}

// The path as typed: WHATWG URL parsing would resolve `..` and `%2e%2e` segments, but in S3 they
// are literal parts of a key.
function rawPathOf(text: string, url: URL): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(text);
  return m ? m[1] : url.pathname;
}

function locate(url: URL, rawPath: string): Parsed<Target> {
  const aws = AWS_HOST.exec(url.hostname);
  const hostRegion = aws ? regionFromHost(aws[2]) : null;
  let style: Target['style'] = 'path';
  let bucket: string;
  let encodedKey: string;
  const path = rawPath.replace(/^\//, '');
  if (aws && aws[1]) {
    style = 'virtual-hosted';
    bucket = aws[1];
    encodedKey = path;
  } else {
    // Path style: AWS's own s3.REGION hosts, and every S3-compatible endpoint (MinIO, Ceph, IPs).
    const slash = path.indexOf('/');
    bucket = slash === -1 ? path : path.slice(0, slash);
    encodedKey = slash === -1 ? '' : path.slice(slash + 1);
  }
  let key: string;
  try {
    bucket = decodeURIComponent(bucket);
    // decodeURIComponent leaves `+` alone, which is right: in an S3 path `+` is a plus sign.
    key = decodeURIComponent(encodedKey);
  } catch {
    return fail(`malformed percent-encoding in the URL path ${quote(rawPath)}`);
  }
  if (bucket === '') return fail('no bucket in the URL: expected https://BUCKET.s3.REGION.amazonaws.com/KEY or https://HOST/BUCKET/KEY');
  return { ok: true, value: { style, bucket, key, hostRegion } };
}

function collectParams(url: URL): Map<string, string> {
  const params = new Map<string, string>();
  // Case-insensitive names, first occurrence wins: hand-edited URLs vary in case.
  for (const [name, value] of url.searchParams) {
    const lower = name.toLowerCase();
    if (!params.has(lower)) params.set(lower, value);
  }
  return params;
}

function extras(params: Map<string, string>): Pick<PresignedUrlInfo, 'checksumParams' | 'responseOverrides'> {
  const checksumParams: Record<string, string> = {};
  const responseOverrides: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm') checksumParams[name] = value;
    else if (name.startsWith('response-')) responseOverrides[name] = value;
  }
  return { checksumParams, responseOverrides };
}

const V4_PARAMS = ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-signature'];
const V2_PARAMS = ['awsaccesskeyid', 'signature', 'expires'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function parseAmzDate(value: string): Parsed<Date> {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return fail(`malformed X-Amz-Date ${quote(value)}: expected YYYYMMDDTHHMMSSZ (UTC), e.g. 20261129T153200Z`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  let impossible: string | null = null;
  if (mo < 1 || mo > 12) impossible = `month ${m[2]} does not exist`;
  else if (d < 1 || d > (mo === 2 && !isLeap(y) ? 28 : DAYS_IN_MONTH[mo - 1])) impossible = `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  else if (h > 23) impossible = `hour ${m[4]} does not exist`;
  else if (mi > 59) impossible = `minute ${m[5]} does not exist`;
  else if (s > 59) impossible = `second ${m[6]} does not exist`;
  if (impossible) return fail(`impossible X-Amz-Date ${quote(value)}: ${impossible}`);
  return { ok: true, value: new Date(Date.UTC(y, mo - 1, d, h, mi, s)) };
}

function parseAmzExpires(value: string | undefined): Parsed<number> {
  if (value === undefined) return fail('missing X-Amz-Expires: the URL does not say how long it lives');
  const v = value.trim();
  if (/^-\d+(\.\d+)?$/.test(v)) return fail(`X-Amz-Expires is negative (${v}): it must be a number of seconds above 0`);
  if (!/^\d+$/.test(v)) return fail(`X-Amz-Expires ${quote(value)} is not a whole number of seconds`);
  const seconds = Number(v);
  if (seconds === 0) return fail('X-Amz-Expires is 0: the URL must live longer than 0 seconds');
  if (seconds > MAX_PRESIGN_SECONDS) {
    return fail(`X-Amz-Expires is ${v} s; a pre-signed URL can live at most 7 days (${MAX_PRESIGN_SECONDS} s)`);
  }
  return { ok: true, value: seconds };
}

type Common = Pick<PresignedUrlInfo, 'host' | 'style' | 'bucket' | 'key' | 'hasSecurityToken' | 'securityTokenLength' | 'checksumParams' | 'responseOverrides'>;

function decodeV4(params: Map<string, string>, common: Common): Parsed<PresignedUrlInfo> {
  const algorithm = params.get('x-amz-algorithm');
  if (algorithm === undefined) return fail('missing X-Amz-Algorithm: expected AWS4-HMAC-SHA256');
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return fail(`unsupported algorithm ${quote(algorithm)}: only AWS4-HMAC-SHA256 (SigV4) and SigV2 URLs can be read`);
  }

  const credential = params.get('x-amz-credential');
  if (credential === undefined) return fail('missing X-Amz-Credential: the URL does not say who signed it');
  const scope = credential.split('/');
  if (scope.length !== 5 || scope.some((p) => p === '') || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1])) {
    return fail(`malformed X-Amz-Credential ${quote(credential)}: expected ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request`);
  }
  const [accessKeyId, scopeDate, region, service] = scope;

  const rawDate = params.get('x-amz-date');
  if (rawDate === undefined) return fail('missing X-Amz-Date: the URL does not say when it was signed');
  const signedAt = parseAmzDate(rawDate);
  if (!signedAt.ok) return signedAt;
  if (rawDate.slice(0, 8) !== scopeDate) {
    return fail(`X-Amz-Credential is scoped to ${scopeDate} but X-Amz-Date is ${quote(rawDate)}: the dates must match`);
  }

  const expires = parseAmzExpires(params.get('x-amz-expires'));
  if (!expires.ok) return expires;

  const signature = params.get('x-amz-signature');
  if (signature === undefined) return fail('missing X-Amz-Signature: the URL is not signed');
  if (!/^[0-9a-f]{64}$/i.test(signature)) {
    return fail(`malformed X-Amz-Signature: expected 64 hex characters, got ${signature.length} characters`);
  }

  const headers = params.get('x-amz-signedheaders');
  return {
    ok: true,
    value: {
      ...common,
      signatureVersion: 'v4',
      region,
      service,
      accessKeyId,
      temporary: accessKeyId.startsWith('ASIA') || common.hasSecurityToken,
      signedAt: signedAt.value,
      expiresSeconds: expires.value,
      expiresAt: new Date(signedAt.value.getTime() + expires.value * 1000),
      signedHeaders: headers ? headers.split(';').filter((h) => h !== '') : [],
    },
  };
}

function decodeV2(params: Map<string, string>, common: Common, hostRegion: string | null): Parsed<PresignedUrlInfo> {
  const accessKeyId = params.get('awsaccesskeyid');
  if (accessKeyId === undefined || accessKeyId === '') return fail('missing AWSAccessKeyId: the SigV2 URL does not say who signed it');
  const rawExpires = params.get('expires');
  if (rawExpires === undefined) return fail('missing Expires: the SigV2 URL does not say when it expires');
  if (!/^\d+$/.test(rawExpires.trim())) return fail(`Expires ${quote(rawExpires)} is not a whole number of epoch seconds`);
  const expiresAt = new Date(Number(rawExpires.trim()) * 1000);
  if (Number.isNaN(expiresAt.getTime())) return fail(`Expires ${quote(rawExpires)} is out of range`);
  const signature = params.get('signature');
  if (signature === undefined || signature === '') return fail('missing Signature: the SigV2 URL is not signed');

  return {
    ok: true,
    value: {
      ...common,
      signatureVersion: 'v2',
      region: hostRegion,
      service: null,
      accessKeyId,
      temporary: accessKeyId.startsWith('ASIA') || common.hasSecurityToken,
      signedAt: null,
      expiresSeconds: null,
      expiresAt,
      signedHeaders: [],
    },
  };
}

export function decodePresignedUrl(input: string): Parsed<PresignedUrlInfo> {
  // Like the URL parser, drop tabs and line breaks: terminals wrap long pasted URLs.
  const text = input.trim().replace(/[\t\n\r]/g, '');
  if (text === '') return fail('empty input: paste a pre-signed URL (https://…?X-Amz-Signature=…)');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The input is not echoed: it may hold an X-Amz-Security-Token.
    const hint = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? '' : ' (did you leave out https://?)';
    return fail(`not a URL: expected https://… with the full query string${hint}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(`not an http(s) URL: the scheme is ${quote(url.protocol)}; pre-signed URLs start with https:// or http://`);
  }
  if (url.search === '' || url.search === '?') {
    return fail('no query string: a pre-signed URL carries its signature after "?", and this one has none');
  }

  const params = collectParams(url);
  const isV4 = V4_PARAMS.some((p) => params.has(p));
  const isV2 = !isV4 && V2_PARAMS.some((p) => params.has(p));
  if (!isV4 && !isV2) return fail('not a pre-signed URL: it has neither X-Amz-Signature (SigV4) nor Signature (SigV2)');

  const target = locate(url, rawPathOf(text, url));
  if (!target.ok) return target;
  const token = params.get('x-amz-security-token');
  const common: Common = {
    host: url.host,
    style: target.value.style,
    bucket: target.value.bucket,
    key: target.value.key,
    hasSecurityToken: token !== undefined && token !== '',
    securityTokenLength: token?.length ?? 0,
    ...extras(params),
  };
  return isV4 ? decodeV4(params, common) : decodeV2(params, common, target.value.hostRegion);
}

/**
 * Time left at `now`. A URL counts as expired from its expiry instant on. secondsLeft is floored
 * and goes negative once expired, so callers can say "expired 5m ago" with formatDuration.
 */
export function urlTiming(info: PresignedUrlInfo, now: Date): { expired: boolean; secondsLeft: number } {
  const ms = info.expiresAt.getTime() - now.getTime();
  return { expired: ms <= 0, secondsLeft: Math.floor(ms / 1000) };
}
