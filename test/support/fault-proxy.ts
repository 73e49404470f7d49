// A loopback HTTP reverse proxy for fault tests: it sits between s3peek and a real server (s3rver, RGW,
// moto) and, per request, passes through or misbehaves the way real networks and servers do. Rules are
// plain functions, added and removed while the app runs:
//
//   const proxy = await startFaultProxy(s3rver.endpoint);
//   const off = proxy.rule((r) => (r.kind === 'ListObjectsV2' && r.continuation ? drop() : undefined));
//   ... s3peek --endpoint-url proxy.endpoint ...
//   off();                                  // back to pass-through
//   proxy.count('ListObjectsV2');           // requests seen, by kind
//
// Signatures stay valid: requests are forwarded byte for byte with the Host header the client signed
// (RGW checks SigV4 against the Host it receives; s3rver and moto do not check it).
//
// Actions (first rule that returns one wins; rules are tried newest first; none: pass):
//   pass()                               forward unchanged
//   s3Error(status, code, msg, headers)  answer with an S3 XML error body (HEAD: status + headers only)
//   respond(status, body, headers)       answer with anything
//   delay(ms, then?)                     wait, then do `then` (default pass); a client that gives up
//                                        meanwhile (AbortController) just ends the exchange, logged as aborted
//   drop('request' | 'headers' | 'body') destroy the socket: before answering / after the status line and
//                                        headers / half way through the body
//   rewrite({ body, headers, status })   forward, then change the upstream answer (content-length fixed up)
//   shiftDate(ms) / stripDate()          forward, then move the Date header (clock skew) / drop it
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RequestKind =
  | 'ListBuckets' | 'ListObjectsV2' | 'ListObjects' | 'HeadBucket' | 'GetBucketLocation' | 'HeadObject' | 'GetObject'
  | 'PutObject' | 'STS' | 'Other';

export interface ProxyRequest {
  /** 1-based over every request this proxy saw */
  readonly id: number;
  readonly method: string;
  /** path + query as received */
  readonly url: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly kind: RequestKind;
  /** path-style bucket (null for / and STS) */
  readonly bucket: string | null;
  /** object key, decoded (null at bucket level) */
  readonly key: string | null;
  /** n-th request of this kind, 1-based, retries included */
  readonly nth: number;
  /** the SDK's attempt number (amz-sdk-request: attempt=N; max=M), 1 when absent */
  readonly attempt: number;
  /** ListObjectsV2 with a continuation-token: the 2nd, 3rd... page */
  readonly continuation: boolean;
  /** the region of the SigV4 credential scope (null: unsigned) */
  readonly region: string | null;
}

export interface RewriteSpec {
  status?: number;
  body?: (body: string, res: { status: number; headers: http.IncomingHttpHeaders }) => string;
  headers?: (headers: http.IncomingHttpHeaders) => http.IncomingHttpHeaders;
}

export type FaultAction =
  | { type: 'pass' }
  | { type: 'respond'; status: number; headers: Record<string, string>; body: string }
  | { type: 'delay'; ms: number; then: FaultAction }
  | { type: 'drop'; when: 'request' | 'headers' | 'body' }
  | { type: 'rewrite'; spec: RewriteSpec };

export type Rule = (req: ProxyRequest) => FaultAction | undefined | null | void;

export interface ProxyLogEntry extends ProxyRequest {
  /** what the proxy did ('pass', 'respond 503', 'delay 30000 → pass', 'drop request'...) */
  action: string;
  /** status sent to the client (undefined: none, e.g. dropped or aborted) */
  status?: number;
  /** the client closed the connection before the answer was complete */
  aborted: boolean;
  /** settled once the exchange is over (answered, dropped or aborted) */
  done: Promise<void>;
}

export interface FaultProxy {
  endpoint: string;
  port: number;
  upstream: string;
  /** Add a rule (tried before older ones); returns its remover. */
  rule(fn: Rule): () => void;
  clearRules(): void;
  /** Every request seen since start (or the last reset). */
  readonly requests: readonly ProxyLogEntry[];
  /** Requests seen of this kind (or matching the predicate); all when omitted. */
  count(what?: RequestKind | ((r: ProxyLogEntry) => boolean)): number;
  /** Resolves with the first request (already seen or future) that matches. */
  waitForRequest(match: (r: ProxyLogEntry) => boolean, timeoutMs?: number): Promise<ProxyLogEntry>;
  /** Forget the log and the per-kind counters (rules stay). */
  reset(): void;
  stop(): Promise<void>;
}

// ---- actions ------------------------------------------------------------------------------------

export const pass = (): FaultAction => ({ type: 'pass' });

export function respond(status: number, body = '', headers: Record<string, string> = {}): FaultAction {
  return { type: 'respond', status, body, headers };
}

/** The body S3 sends with an error: `<Error><Code>…</Code><Message>…</Message>…</Error>`. */
export function s3ErrorBody(code: string, message = code, extra: Record<string, string> = {}): string {
  const fields = Object.entries({ Code: code, Message: message, ...extra, RequestId: 'FAULTPROXY0000001' })
    .map(([k, v]) => `<${k}>${xmlText(v)}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`;
}

export function s3Error(status: number, code: string, message = code, headers: Record<string, string> = {}, extra: Record<string, string> = {}): FaultAction {
  return respond(status, s3ErrorBody(code, message, extra), { 'content-type': 'application/xml', 'x-amz-request-id': 'FAULTPROXY0000001', ...headers });
}

export const delay = (ms: number, then: FaultAction = pass()): FaultAction => ({ type: 'delay', ms, then });
export const drop = (when: 'request' | 'headers' | 'body' = 'request'): FaultAction => ({ type: 'drop', when });
export const rewrite = (spec: RewriteSpec): FaultAction => ({ type: 'rewrite', spec });

/** Forward, then move the answer's Date header by `ms` (positive: the server's clock is ahead). */
export function shiftDate(ms: number): FaultAction {
  return rewrite({
    headers: (h) => {
      const at = h.date ? Date.parse(h.date) : Date.now();
      return { ...h, date: new Date((Number.isNaN(at) ? Date.now() : at) + ms).toUTCString() };
    },
  });
}

/** Forward, then take the Date header away (an answer that says nothing about the server's clock). */
export function stripDate(): FaultAction {
  return rewrite({
    headers: (h) => {
      const { date: _date, ...rest } = h;
      return rest;
    },
  });
}

/** Ways to break the upstream XML. */
export type Malformation = 'truncated' | 'mismatched-tags' | 'not-xml' | 'html';

export function malformedBody(body: string, how: Malformation): string {
  switch (how) {
    case 'truncated': return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    case 'mismatched-tags': return body.replace(/<\/(Key|Name|Prefix)>/, '</Kye>');
    case 'not-xml': return 'upstream connect error or disconnect/reset before headers. reset reason: overflow';
    // well-formed XML to a lenient parser: an S3 client may read it as an empty listing
    case 'html': return '<html><head><title>Sign in to the Wi-Fi</title></head><body><h1>Please log in</h1></body></html>';
  }
}

/** The upstream answer, broken `how`; 'html' and 'not-xml' also get the content type such an answer comes with. */
export function malformed(how: Malformation): FaultAction {
  const type = how === 'html' ? 'text/html; charset=utf-8' : how === 'not-xml' ? 'text/plain' : undefined;
  return rewrite({ body: (b) => malformedBody(b, how), headers: type ? (h) => ({ ...h, 'content-type': type }) : undefined });
}

// ---- XML helpers --------------------------------------------------------------------------------

/**
 * Text for an XML element, as an adversarial S3 server would write it: `& < >` as entities, every C0/C1
 * control (and DEL, and CR, which parsers normalise) as a numeric character reference. XML 1.0 forbids
 * most of those references, but the AWS SDK's own parser (@aws-sdk/xml-builder parseXML) decodes them
 * with String.fromCharCode, so a hostile name arrives in the app intact. Characters above U+FFFF stay raw
 * (that parser decodes references with fromCharCode, which cannot produce them).
 */
export function xmlText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

/**
 * A ListBuckets (ListAllMyBucketsResult) body rewriter that adds buckets with these names - names no real
 * server would allow (controls, escapes, bidi...): what a malicious or compromised endpoint can send.
 */
export function injectBucketsXml(names: readonly string[], createdAt = '2026-01-02T03:04:05.000Z'): (body: string) => string {
  const extra = names.map((n) => `<Bucket><Name>${xmlText(n)}</Name><CreationDate>${createdAt}</CreationDate></Bucket>`).join('');
  return (body) => {
    if (/<Buckets\s*\/>/.test(body)) return body.replace(/<Buckets\s*\/>/, `<Buckets>${extra}</Buckets>`);
    if (body.includes('<Buckets>')) return body.replace('<Buckets>', `<Buckets>${extra}`);
    throw new Error(`injectBucketsXml: no <Buckets> in the upstream answer: ${body.slice(0, 300)}`);
  };
}

export const injectBuckets = (names: readonly string[]): FaultAction => rewrite({ body: injectBucketsXml(names) });

// ---- hostile names ------------------------------------------------------------------------------

export interface HostileName {
  /** short label for test titles and the report */
  label: string;
  /** the name itself (a key suffix or a bucket name) */
  name: string;
  /** text the sanitized name must show on screen / in `ls` text (the visible stand-in) */
  visible: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Marker strings: if one of them reaches a title, the clipboard or a tmux buffer, a name got through. */
export const PWNED = { title: 'PWNED-TITLE', title2: 'PWNED-TITLE2', c1title: 'PWNED-C1TITLE', clip: 'PWNED-CLIPBOARD', clip2: 'PWNED-TMUXCLIP' } as const;

/**
 * Names that attack a terminal, one attack each; the prefix digits keep them in a stable (byte) order.
 * Every one is a valid S3 key (UTF-8, at most 1,024 bytes); none is a valid bucket name (the proxy injects
 * them into ListBuckets answers).
 */
export const HOSTILE_NAMES: readonly HostileName[] = [
  { label: 'CSI clear screen + home', name: '01 clear\x1b[2J\x1b[Hscreen', visible: '01 clear\\x1b[2J\\x1b[Hscreen' },
  { label: 'CSI cursor up + erase line', name: '02 erase\x1b[1A\x1b[2Kline', visible: '02 erase\\x1b[1A\\x1b[2Kline' },
  { label: 'CSI SGR colour + conceal', name: '03 \x1b[31;8mhidden red\x1b[0m', visible: '03 \\x1b[31;8mhidden red\\x1b[0m' },
  { label: 'CSI leave the alternate screen', name: '04 alt\x1b[?1049lscreen', visible: '04 alt\\x1b[?1049lscreen' },
  { label: 'CSI title report (input injection)', name: '05 report\x1b[21ttitle', visible: '05 report\\x1b[21ttitle' },
  { label: 'OSC 0 window title (BEL)', name: `06 title\x1b]0;${PWNED.title}\x07end`, visible: `06 title\\x1b]0;${PWNED.title}\\x07end` },
  { label: 'OSC 2 window title (ST)', name: `07 title\x1b]2;${PWNED.title2}\x1b\\end`, visible: `07 title\\x1b]2;${PWNED.title2}\\x1b\\end` },
  { label: 'OSC 52 clipboard write', name: `08 clip\x1b]52;c;${b64(PWNED.clip)}\x07end`, visible: `08 clip\\x1b]52;c;${b64(PWNED.clip)}\\x07end` },
  {
    label: 'DCS tmux passthrough of OSC 52',
    name: `09 dcs\x1bPtmux;\x1b\x1b]52;c;${b64(PWNED.clip2)}\x07\x1b\\end`,
    visible: `09 dcs\\x1bPtmux;\\x1b\\x1b]52;c;${b64(PWNED.clip2)}\\x07\\x1b\\end`,
  },
  { label: 'DCS XTGETTCAP request', name: '10 dcs\x1bP+q544e\x1b\\end', visible: '10 dcs\\x1bP+q544e\\x1b\\end' },
  { label: 'RIS full terminal reset (ESC c)', name: '11 reset\x1bcterminal', visible: '11 reset\\x1bcterminal' },
  { label: 'C1 CSI (U+009B) clear screen', name: '12 c1csi\u009b2Jend', visible: '12 c1csi\\u009b2Jend' },
  { label: 'C1 OSC (U+009D) title + C1 ST', name: `13 c1osc\u009d0;${PWNED.c1title}\u009cend`, visible: `13 c1osc\\u009d0;${PWNED.c1title}\\u009cend` },
  { label: 'C1 DCS (U+0090) + NEL (U+0085)', name: '14 c1dcs\u0090q\u009c\u0085end', visible: '14 c1dcs\\u0090q\\u009c\\u0085end' },
  { label: 'C0 controls: BEL, BS, CR, LF, TAB, VT, FF', name: '15 bel\x07bs\x08cr\rlf\ntab\tvt\x0bff\x0cend', visible: '15 bel\\x07bs\\x08cr\\rlf\\ntab\\tvt\\x0bff\\x0cend' },
  { label: 'C0 SO/SI charset switch, DEL, SUB', name: '16 so\x0esi\x0fdel\x7fsub\x1aend', visible: '16 so\\x0esi\\x0fdel\\x7fsub\\x1aend' },
  { label: 'bidi override (RLO): invoice‮fdp.exe', name: '17 invoice\u202efdp.exe', visible: '17 invoice\\u202efdp.exe' },
  {
    label: 'bidi isolates (Trojan Source)',
    name: '18 admin\u2067\u2066 if (isAdmin)\u2069\u2066 end',
    visible: '18 admin\\u2067\\u2066 if (isAdmin)\\u2069\\u2066 end',
  },
  { label: 'LRM/RLM and ALM marks', name: '19 marks\u200e\u200f\u061cend', visible: '19 marks\\u200e\\u200f\\u061cend' },
  {
    label: 'zero-width: ZWSP, ZWNJ, lone ZWJ, WJ, BOM',
    name: '20 zw\u200bsp\u200cnj\u200dj\u2060wj\ufeffbom',
    visible: '20 zw\\u200bsp\\u200cnj\\u200dj\\u2060wj\\ufeffbom',
  },
  { label: 'tag characters (ASCII smuggling)', name: '21 tags\u{e0041}\u{e0042}\u{e0043}end', visible: '21 tags\\u{e0041}\\u{e0042}\\u{e0043}end' },
  { label: 'Hangul filler and soft hyphen (blank-looking)', name: '22 \u3164\u00ad\u3164', visible: '22 \\u3164\\u00ad\\u3164' },
  { label: 'line and paragraph separators', name: '23 ls\u2028ps\u2029end', visible: '23 ls\\u2028ps\\u2029end' },
  { label: 'wide CJK and fullwidth', name: '24 日本語の資料フォルダ ＡＢＣ１２３', visible: '24 日本語の資料フォルダ ＡＢＣ１２３' },
  { label: 'combining marks (stacked)', name: '25 zalgo e\u0301\u0302\u0303\u0304\u0305 a\u0308', visible: '25 zalgo e\u0301\u0302\u0303\u0304\u0305 a\u0308' },
  { label: 'emoji ZWJ sequences, skin tone, flag (kept)', name: '26 emoji 👩🏽‍💻👩🏽‍💻 🏳️‍🌈 🏴󠁧󠁢󠁳󠁣󠁴󠁿', visible: '26 emoji 👩🏽‍💻👩🏽‍💻 🏳️‍🌈 🏴󠁧󠁢󠁳󠁣󠁴󠁿' },
  { label: 'literal percent escapes (%1b%5B2J)', name: '27 pct %1b%5B2J %zz 100%', visible: '27 pct %1b%5B2J %zz 100%' },
];

/**
 * A key of exactly `bytes` UTF-8 bytes (S3's limit is 1,024) under `prefix`, mixing 3-byte CJK and ASCII,
 * with an ESC in the middle so that truncation must not cut a visible escape in a misleading way.
 */
export function longKey(prefix: string, bytes = 1024): string {
  const head = `${prefix}28 long `;
  let body = '';
  while (Buffer.byteLength(head + body + '漢', 'utf8') <= bytes - 40) body += '漢';
  body += '\x1b[2J';
  let s = head + body;
  while (Buffer.byteLength(s, 'utf8') < bytes - 4) s += 'x';
  s += 'END!';
  if (Buffer.byteLength(s, 'utf8') !== bytes) throw new Error(`longKey: ${Buffer.byteLength(s, 'utf8')} bytes`);
  return s;
}

// ---- the proxy ----------------------------------------------------------------------------------

function classify(method: string, pathname: string, query: URLSearchParams, authorization: string | undefined): { kind: RequestKind; bucket: string | null; key: string | null } {
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(authorization ?? '')?.[1];
  if (service === 'sts' || (method === 'POST' && pathname === '/')) return { kind: 'STS', bucket: null, key: null };
  const parts = pathname.split('/');
  const bucket = parts[1] ? safeDecode(parts[1]) : null;
  const rawKey = parts.slice(2).join('/');
  const key = rawKey ? safeDecode(rawKey) : null;
  if (!bucket) return { kind: method === 'GET' ? 'ListBuckets' : 'Other', bucket: null, key: null };
  if (key === null) {
    if (method === 'HEAD') return { kind: 'HeadBucket', bucket, key };
    if (method === 'GET' && query.get('list-type') === '2') return { kind: 'ListObjectsV2', bucket, key };
    if (method === 'GET' && query.has('location')) return { kind: 'GetBucketLocation', bucket, key };
    if (method === 'GET' && [...query.keys()].every((k) => ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(k))) {
      return { kind: 'ListObjects', bucket, key };
    }
    return { kind: 'Other', bucket, key };
  }
  if (method === 'HEAD') return { kind: 'HeadObject', bucket, key };
  if (method === 'GET' && ![...query.keys()].some((k) => ['uploads', 'uploadId', 'acl', 'tagging', 'attributes'].includes(k))) return { kind: 'GetObject', bucket, key };
  if (method === 'PUT' && !query.has('uploadId') && !query.has('tagging') && !query.has('acl')) return { kind: 'PutObject', bucket, key };
  return { kind: 'Other', bucket, key };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function describeAction(a: FaultAction): string {
  switch (a.type) {
    case 'pass': return 'pass';
    case 'respond': return `respond ${a.status}`;
    case 'delay': return `delay ${a.ms} → ${describeAction(a.then)}`;
    case 'drop': return `drop ${a.when}`;
    case 'rewrite': return `rewrite${a.spec.status ? ` ${a.spec.status}` : ''}${a.spec.body ? ' body' : ''}${a.spec.headers ? ' headers' : ''}`;
  }
}

export interface FaultProxyOptions {
  /** Listen on this port (default 0: chosen by the OS), e.g. to bring up a server where a test saw ECONNREFUSED. */
  port?: number;
}

export async function startFaultProxy(upstream: string, opts: FaultProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let rules: Rule[] = [];
  let log: ProxyLogEntry[] = [];
  let perKind = new Map<RequestKind, number>();
  let nextId = 1;
  const timers = new Set<NodeJS.Timeout>();
  const watchers = new Set<{ match: (r: ProxyLogEntry) => boolean; resolve: (r: ProxyLogEntry) => void }>();
  const sockets = new Set<Socket>();

  const decide = (req: ProxyRequest): FaultAction => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const a = rules[i]!(req);
      if (a) return a;
    }
    return pass();
  };

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const parsed = new URL(url, 'http://proxy.invalid');
    const auth = req.headers.authorization;
    const { kind, bucket, key } = classify(method, parsed.pathname, parsed.searchParams, auth);
    const nth = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, nth);
    const attempt = Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? 1);
    const region = /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(auth ?? '')?.[1] ?? null;
    const info: ProxyRequest = {
      id: nextId++, method, url, query: parsed.searchParams, headers: req.headers, kind, bucket, key, nth, attempt,
      continuation: kind === 'ListObjectsV2' && parsed.searchParams.has('continuation-token'), region,
    };
    let action: FaultAction;
    try {
      action = decide(info);
    } catch (err) {
      action = respond(500, `fault proxy: a rule threw: ${(err as Error).message}`, { 'content-type': 'text/plain' });
    }
    let settle!: () => void;
    const entry: ProxyLogEntry = { ...info, action: describeAction(action), aborted: false, done: new Promise<void>((r) => (settle = r)) };
    log.push(entry);
    for (const w of [...watchers]) {
      if (w.match(entry)) {
        watchers.delete(w);
        w.resolve(entry);
      }
    }

    let finished = false;
    /** set when the proxy itself cuts the connection (drop actions): that is not the client giving up */
    let droppedByUs = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      settle();
    };
    res.on('finish', finish);
    res.on('close', () => {
      if (!res.writableFinished && !droppedByUs) entry.aborted = true;
      finish();
    });

    // the request body (PUTs) is buffered, so that a delayed request can still be forwarded whole
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => run(action));

    function run(a: FaultAction): void {
      if (res.destroyed || req.socket.destroyed) {
        entry.aborted = true;
        finish();
        return;
      }
      switch (a.type) {
        case 'respond': {
          entry.status = a.status;
          const body = Buffer.from(a.body, 'utf8');
          res.writeHead(a.status, { date: new Date().toUTCString(), ...a.headers, 'content-length': String(method === 'HEAD' ? 0 : body.length) });
          res.end(method === 'HEAD' ? undefined : body);
          return;
        }
        case 'delay': {
          const t = setTimeout(() => {
            timers.delete(t);
            run(a.then);
          }, a.ms);
          timers.add(t);
          // the client gave up (Esc → AbortController.abort() → socket closed): stop waiting, forward nothing
          res.once('close', () => {
            if (timers.delete(t)) {
              clearTimeout(t);
              entry.aborted = true;
              finish();
            }
          });
          return;
        }
        case 'drop':
          droppedByUs = true;
          if (a.when === 'request') {
            req.socket.destroy();
            finish();
            return;
          }
          forward(a);
          return;
        case 'pass':
        case 'rewrite':
          forward(a);
          return;
      }
    }

    function forward(a: FaultAction): void {
      const up = http.request(
        { host: target.hostname, port: target.port, method, path: url, headers: req.headers, agent },
        (upRes) => {
          const status = upRes.statusCode ?? 502;
          if (a.type === 'pass') {
            entry.status = status;
            res.writeHead(status, upRes.headers);
            upRes.pipe(res);
            return;
          }
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('error', () => res.destroy());
          upRes.on('end', () => {
            const raw = Buffer.concat(body);
            if (a.type === 'drop') {
              // a connection that dies after the status line (and maybe half the body)
              const headers = { ...upRes.headers };
              res.writeHead(status, headers);
              if (a.when === 'body') res.write(raw.subarray(0, Math.floor(raw.length / 2)));
              res.flushHeaders();
              // let the bytes leave before the reset
              setTimeout(() => req.socket.destroy(), 20);
              finish();
              return;
            }
            if (a.type !== 'rewrite') return;
            const spec = a.spec;
            let headers: http.IncomingHttpHeaders = { ...upRes.headers };
            if (headers['content-encoding'] && headers['content-encoding'] !== 'identity' && spec.body) {
              res.writeHead(500, { 'content-type': 'text/plain' });
              res.end(`fault proxy: cannot rewrite a ${headers['content-encoding']} body`);
              return;
            }
            const text = spec.body ? spec.body(raw.toString('utf8'), { status, headers: upRes.headers }) : null;
            if (spec.headers) headers = spec.headers(headers);
            const out = text === null ? raw : Buffer.from(text, 'utf8');
            delete headers['transfer-encoding'];
            if (method !== 'HEAD') headers['content-length'] = String(out.length);
            const finalStatus = spec.status ?? status;
            entry.status = finalStatus;
            if (!('date' in headers)) res.sendDate = false; // Node would add one
            res.writeHead(finalStatus, headers);
            res.end(method === 'HEAD' ? undefined : out);
          });
        },
      );
      up.on('error', (err) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        entry.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`fault proxy: upstream error: ${err.message}`);
      });
      // the client went away while upstream works: drop the upstream exchange too
      res.once('close', () => {
        if (!res.writableFinished) up.destroy();
      });
      up.end(Buffer.concat(chunks));
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  // a dropped socket makes the client (not us) see the error; keep the server quiet about it
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    upstream,
    rule(fn) {
      rules.push(fn);
      return () => {
        rules = rules.filter((r) => r !== fn);
      };
    },
    clearRules() {
      rules = [];
    },
    get requests() {
      return log;
    },
    count(what) {
      if (what === undefined) return log.length;
      const match = typeof what === 'function' ? what : (r: ProxyLogEntry) => r.kind === what;
      return log.filter(match).length;
    },
    waitForRequest(match, timeoutMs = 10_000) {
      const seen = log.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<ProxyLogEntry>((resolve, reject) => {
        const w = {
          match,
          resolve: (r: ProxyLogEntry) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          watchers.delete(w);
          reject(new Error(`fault proxy: no matching request within ${timeoutMs} ms; seen: ${log.map((r) => `${r.kind} ${r.url} (${r.action})`).join(', ') || 'none'}`));
        }, timeoutMs);
        watchers.add(w);
      });
    },
    reset() {
      log = [];
      perKind = new Map();
    },
    stop() {
      stopped ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        const closing = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        agent.destroy();
        await closing;
      })();
      return stopped;
    },
  };
}
