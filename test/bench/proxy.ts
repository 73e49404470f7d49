// A fault-free counting HTTP proxy: forwards every request unchanged (headers, body, status) to one
// upstream and logs what it saw, so the bench can count the requests a client makes. Signatures stay
// valid: the Host header is passed through as the client signed it (s3rver and moto do not check it).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  /** performance.now() of the harness when the request arrived */
  at: number;
  method: string;
  url: string;
  /** S3/STS operation guessed from method, path, query and the SigV4 credential scope */
  op: string;
  status?: number;
}

export function classify(method: string, url: string, authorization: string | undefined): string {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(authorization ?? '')?.[1];
  if (service === 'sts') return 'STS (GetCallerIdentity etc.)';
  const u = new URL(url, 'http://x');
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts.length === 0) return method === 'GET' ? 'ListBuckets' : `${method} /`;
  if (parts.length === 1) {
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'GET' && u.searchParams.get('list-type') === '2') return 'ListObjectsV2';
    if (method === 'GET' && u.searchParams.has('location')) return 'GetBucketLocation';
    if (method === 'GET') return 'ListObjects (v1)';
    return `${method} bucket`;
  }
  return method === 'HEAD' ? 'HeadObject' : method === 'GET' ? 'GetObject' : `${method} object`;
}

export interface CountingProxy {
  endpoint: string;
  log: SeenRequest[];
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const log: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const entry: SeenRequest = {
      at: performance.now(),
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      op: classify(req.method ?? 'GET', req.url ?? '/', req.headers.authorization),
    };
    log.push(entry);
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (upRes) => {
        entry.status = upRes.statusCode;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', (err) => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bench proxy: upstream error: ${err.message}`);
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    log,
    reset: () => void log.splice(0),
    close: async () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closing;
    },
  };
}
