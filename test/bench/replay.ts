// Recorded moto listing, replayed. moto answers a ListObjectsV2 page of a 100,000-key prefix in ~1.2 s
// (s3rver: 5-10 s), so a recursive listing takes minutes and 20 of them would dominate the bench. The
// listing-cost case measures the CLIENT's CPU, which does not depend on how fast the server is; so the
// pages are fetched from moto once (exactly moto's XML, `encoding-type=url`, no delimiter, MaxKeys 1000),
// cached under .bench-data/, and served back from memory by this tiny server. Any request that is not
// one of the recorded pages (or HeadBucket) gets a 501, so a client that asked for something else would
// fail loudly instead of being measured on the wrong thing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BIG_BUCKET, BIG_PREFIX } from './data.js';

const RECORD_VERSION = 1;
const FAKE_AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIAS3PEEKBENCH00001/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';

export interface Recording {
  version: number;
  count: number;
  /** continuation token ('' for the first page) → moto's response body */
  pages: Record<string, string>;
  /** ms moto took for each page while recording (its own speed, for the report) */
  pageMs: number[];
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: FAKE_AUTH } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function unxml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The cached recording for `count` keys, or a new one taken from `motoEndpoint` (then cached). */
export async function loadOrRecord(file: string, count: number, motoEndpoint: (() => Promise<string>) | null, log: (s: string) => void): Promise<Recording> {
  if (existsSync(file)) {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Recording;
    if (rec.version === RECORD_VERSION && rec.count === count) return rec;
  }
  if (!motoEndpoint) throw new Error(`bench: no recording at ${file} and no moto to record from`);
  const endpoint = await motoEndpoint();
  log(`bench: recording moto's ${Math.ceil(count / 1000)} ListObjectsV2 pages once (cached in ${file})`);
  const pages: Record<string, string> = {};
  const pageMs: number[] = [];
  let token = '';
  let keys = 0;
  for (;;) {
    const q = new URLSearchParams({ 'list-type': '2', prefix: BIG_PREFIX, 'encoding-type': 'url' });
    if (token) q.set('continuation-token', token);
    const t0 = performance.now();
    const r = await get(`${endpoint}/${BIG_BUCKET}?${q.toString()}`);
    pageMs.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`bench: moto answered ${r.status} while recording: ${r.body.slice(0, 300)}`);
    pages[token] = r.body;
    keys += (r.body.match(/<Contents>/g) ?? []).length;
    const next = /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(r.body)?.[1];
    if (!/<IsTruncated>true<\/IsTruncated>/.test(r.body) || !next) break;
    token = unxml(next);
    if (Object.keys(pages).length % 20 === 0) log(`bench:   ${keys.toLocaleString('en-US')} keys recorded`);
  }
  if (keys !== count) throw new Error(`bench: recorded ${keys} keys, expected ${count}`);
  const rec: Recording = { version: RECORD_VERSION, count, pages, pageMs };
  writeFileSync(file, JSON.stringify(rec));
  return rec;
}

export interface ReplayServer {
  endpoint: string;
  served: number;
  rejected: string[];
  close(): Promise<void>;
}

/**
 * `lenientDelimiter`: also answer `delimiter=/` requests with the recorded pages (the prefix is flat, so
 * only the echoed <Delimiter> element differs). For the profiling run of the TUI only, never for figures.
 */
export async function startReplay(rec: Recording, opts: { lenientDelimiter?: boolean } = {}): Promise<ReplayServer> {
  const state = { served: 0, rejected: [] as string[] };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const q = u.searchParams;
    const bucketPath = u.pathname === `/${BIG_BUCKET}` || u.pathname === `/${BIG_BUCKET}/`;
    if (req.method === 'HEAD' && bucketPath) {
      res.writeHead(200, { 'x-amz-bucket-region': 'us-east-1', 'content-length': '0' });
      return res.end();
    }
    const token = q.get('continuation-token') ?? '';
    const body = rec.pages[token];
    const ok =
      req.method === 'GET' && bucketPath && q.get('list-type') === '2' && q.get('prefix') === BIG_PREFIX &&
      (!q.get('delimiter') || (opts.lenientDelimiter === true && q.get('delimiter') === '/')) && q.get('encoding-type') === 'url' && (!q.has('max-keys') || q.get('max-keys') === '1000') && body !== undefined;
    if (!ok) {
      state.rejected.push(`${req.method} ${req.url}`);
      res.writeHead(501, { 'content-type': 'application/xml' });
      return res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>not a recorded page</Message></Error>');
    }
    state.served++;
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get served() {
      return state.served;
    },
    rejected: state.rejected,
    close: async () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closing;
    },
  };
}
