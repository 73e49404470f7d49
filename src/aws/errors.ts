// Every failure from the SDK or the network becomes an AppError: plain data with a message that says what
// happened and a hint that says what to do. Server text is sanitized here, before any UI or CLI sees it.
import { sanitize } from '../core/sanitize.js';

export type ErrorKind =
  | 'credentials' | 'session-ended' | 'denied' | 'not-found' | 'no-such-bucket' | 'network' | 'timeout'
  | 'cancelled' | 'region' | 'bad-signature' | 'throttled' | 'server' | 'invalid' | 'unknown';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly hint: string = '',
    readonly code: string = '',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorContext {
  during?: 'credentials' | 'list-buckets' | 'list-objects' | 'head-object' | 'identity' | 'presign' | 'region';
  bucket?: string;
  key?: string;
  endpoint?: string | null;
  /** the signer's session end: a 403 after it means the session ended, whatever the server calls it */
  sessionEndsAt?: Date | null;
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
  cause?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export function toAppError(err: unknown, ctx: ErrorContext = {}): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as SdkLikeError;
  // The name is the server's <Code>: untrusted text like the message.
  const name = sanitize(String(e.name ?? e.Code ?? '')).slice(0, 80);
  const code = sanitize(String(e.code ?? (e.cause as SdkLikeError | undefined)?.code ?? '')).slice(0, 80);
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const serverMessage = sanitize(String(e.message ?? '')).slice(0, 300);
  const where = ctx.bucket ? `s3://${sanitize(ctx.bucket)}/${ctx.key ? sanitize(ctx.key) : ''}` : '';
  const endpoint = ctx.endpoint ? sanitize(ctx.endpoint) : 'the S3 endpoint';

  if (name === 'AbortError' || code === 'ABORT_ERR') {
    return new AppError('cancelled', 'Cancelled.', '', name);
  }
  if (ctx.during === 'credentials' || name === 'CredentialsProviderError' || name === 'ProviderError') {
    return new AppError(
      'credentials',
      `No usable AWS credentials: ${serverMessage || 'the provider chain found none'}`,
      'Set AWS_PROFILE (or --profile), run `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      name,
    );
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'TokenRefreshRequired' || /token has expired|expired token/i.test(serverMessage)) {
    return new AppError('session-ended', 'Your session has ended: the server rejected the expired token.', 'Press R to re-read credentials (after `aws sso login` or a new assume-role).', name, status);
  }
  const afterSessionEnd = ctx.sessionEndsAt != null && ctx.sessionEndsAt.getTime() <= Date.now();
  if ((status === 403 || status === 400 || name === 'InvalidToken' || name === 'InvalidAccessKeyId') && afterSessionEnd) {
    return new AppError('session-ended', `Your session ended at ${ctx.sessionEndsAt!.toISOString().slice(11, 16)} UTC: the server now refuses its credentials (${status ?? ''} ${name}).`.replace(/\( /, '('), 'Press R to re-read credentials (after `aws sso login` or a new assume-role).', name, status);
  }
  const netCode = NETWORK_CODES.has(code) ? code : NETWORK_CODES.has(name) ? name : /socket hang up|ECONNRESET/.test(serverMessage) ? 'ECONNRESET' : /ECONNREFUSED/.test(serverMessage) ? 'ECONNREFUSED' : '';
  if (netCode === 'ECONNRESET' || netCode === 'EPIPE' || netCode === 'UND_ERR_SOCKET' || netCode === 'ECONNABORTED') {
    return new AppError('network', `The connection to ${endpoint} dropped mid-request (${netCode}).`, 'Press r to retry; what is loaded stays.', netCode);
  }
  if (netCode) {
    return new AppError('network', `Cannot reach ${endpoint} (${netCode}).`, 'Check the endpoint URL and your network, then press r to retry.', netCode);
  }
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || name === 'RequestTimeout') {
    return new AppError('timeout', `${endpoint} did not answer in time.`, 'Press r to retry.', name);
  }
  if (name === 'NoSuchBucket' || (status === 404 && ctx.during !== 'head-object' && !ctx.key && ctx.bucket)) {
    return new AppError('no-such-bucket', `No such bucket: ${sanitize(ctx.bucket ?? '')}.`, 'Check the name (o opens another path).', name || 'NoSuchBucket', status);
  }
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) {
    return new AppError('not-found', `Not found: ${where || 'the object'}.`, 'It may have been deleted; press r to refresh.', name || 'NotFound', status);
  }
  if (name === 'SignatureDoesNotMatch' || name === 'InvalidAccessKeyId') {
    return new AppError('bad-signature', `The server rejected the credentials (${name}).`, 'Check the access key and secret for this endpoint, or press R to re-read them.', name, status);
  }
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
    const what = ctx.during === 'list-buckets' ? 'Listing buckets is denied'
      : ctx.during === 'list-objects' ? `Listing ${where} is denied`
      : ctx.during === 'head-object' ? `Reading the details of ${where} is denied`
      : 'Access denied';
    const hint = ctx.during === 'list-buckets' ? 'Press o to open a bucket by name.' : 'Your identity lacks permission here; try another prefix or profile.';
    // A HEAD answer has no body, so the SDK can only call it "Unknown"/"Forbidden".
    const code403 = name && name !== 'Unknown' ? name : 'Forbidden';
    return new AppError('denied', `${what} (403 ${code403}).`, hint, code403, status);
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    return new AppError('region', `The bucket lives in another region (${name || status}).`, 'Pass --region, or let s3peek look the region up again with r.', name, status);
  }
  if (name === 'SlowDown' || status === 503 || name === 'ThrottlingException') {
    return new AppError('throttled', `${endpoint} is throttling requests (${name || status}); gave up after retries.`, 'Wait a moment and press r.', name, status);
  }
  if (status !== undefined && status >= 500) {
    return new AppError('server', `The server failed (${status}${name ? ` ${name}` : ''}).`, 'Press r to retry.', name, status);
  }
  const msg = serverMessage || name || 'Unknown error';
  if (/Deserialization error|char '|Unexpected|not well-formed|XML/i.test(msg) || name === 'SyntaxError') {
    return new AppError('server', `The server sent an answer s3peek could not read (malformed XML).`, 'The endpoint may not be S3-compatible; check --endpoint-url.', name, status);
  }
  return new AppError('unknown', msg, '', name, status);
}
