// Does a pre-signed URL work right now? One GET of a single byte (Range: bytes=0-0): nothing is
// downloaded, and unlike HEAD the error body carries S3's code. RGW sends empty <Message>s: map by code,
// status and the URL's own timing, never by message text alone.
import { decodePresignedUrl, urlTiming } from '../core/presigned-url.js';
import { sanitize } from '../core/sanitize.js';

export type ProbeVerdict = 'live' | 'expired' | 'session-ended' | 'denied' | 'bad-signature' | 'not-found' | 'unreachable';

export interface ProbeResult { status: number | null; code: string; verdict: ProbeVerdict; detail: string }

export async function probeUrl(url: string, timeoutMs = 10_000, now: () => Date = () => new Date()): Promise<ProbeResult> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'GET', headers: { Range: 'bytes=0-0' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { status: null, code: cause ?? '', verdict: 'unreachable', detail: `could not connect (${sanitize(String(cause))})` };
  }
  const status = res.status;
  if (status === 200 || status === 206) {
    await res.body?.cancel();
    return { status, code: '', verdict: 'live', detail: `the server answered ${status}: the URL works now` };
  }
  const body = (await res.text().catch(() => '')).slice(0, 4000);
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? '';
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? '';
  const decoded = decodePresignedUrl(url);
  const pastExpiry = decoded.ok ? urlTiming(decoded.value, now()).expired : false;
  const temporary = decoded.ok ? decoded.value.temporary : false;
  const said = sanitize(`${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`);
  let verdict: ProbeVerdict;
  if (code === 'ExpiredToken' || /token.*expired/i.test(message)) verdict = 'session-ended';
  else if (code === 'SignatureDoesNotMatch') verdict = 'bad-signature';
  else if (status === 404 || code === 'NoSuchKey' || code === 'NoSuchBucket') verdict = 'not-found';
  else if (/request has expired/i.test(message) || (status === 403 && pastExpiry)) verdict = 'expired';
  // RGW answers an ended STS session with a bare 403 AccessDenied: inside its own expiry, a temporary
  // URL that is refused has (almost always) outlived its session.
  else if (status === 403 && temporary && code === 'AccessDenied') verdict = 'session-ended';
  else verdict = 'denied';
  const explain: Record<ProbeVerdict, string> = {
    live: '', expired: 'the URL is past its expiry', 'session-ended': 'the session that signed it has ended',
    denied: 'the server refuses it (permission, or the signer lost access)', 'bad-signature': 'the signature does not match: the URL was altered or signed with a wrong secret',
    'not-found': 'no such object (the signature was accepted)', unreachable: '',
  };
  return { status, code: sanitize(code), verdict, detail: `${said} — ${explain[verdict]}` };
}
