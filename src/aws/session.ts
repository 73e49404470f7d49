// The one place credentials are resolved. They are resolved ONCE and the resulting object is pinned on
// every client: the SDK's memoized provider may refresh inside a 5-minute window and sign with a different
// credential than the one shown (../shared/docs/domain.md §5). What we show is what signs.
import type { S3Client } from '@aws-sdk/client-s3';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { readProfileRegion } from './profile-region.js';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { AppError, toAppError } from './errors.js';

export interface ConnectionOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  /** undefined: on when an endpoint URL is set (MinIO, Ceph and most S3-compatible stores need it). */
  pathStyle?: boolean;
}

export type CredentialSource =
  | 'env' | 'profile' | 'sso' | 'assume-role' | 'process' | 'web-identity' | 'container' | 'instance-metadata'
  | 'unknown';

export interface SignerInfo {
  accessKeyId: string;
  temporary: boolean;
  source: CredentialSource;
  /** originalExpiration ?? expiration; null for long-term keys. */
  sessionEndsAt: Date | null;
}

export interface ConnectionInfo {
  profile: string | null;
  region: string;
  endpoint: string | null;
  stsEndpoint: string | null;
  pathStyle: boolean;
}

type PinnedCredentials = AwsCredentialIdentity & {
  originalExpiration?: Date;
  $source?: Record<string, string>;
};

// Feature ids the SDK stamps on credentials ($source): see @aws-sdk/types feature-ids.
const SOURCE_BY_FEATURE: [string, CredentialSource][] = [
  ['CREDENTIALS_SSO', 'sso'], ['CREDENTIALS_SSO_LEGACY', 'sso'], ['CREDENTIALS_PROFILE_SSO', 'sso'],
  ['CREDENTIALS_PROFILE_SSO_LEGACY', 'sso'],
  ['CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', 'web-identity'], ['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'web-identity'],
  ['CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN', 'web-identity'],
  ['CREDENTIALS_STS_ASSUME_ROLE', 'assume-role'], ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'assume-role'],
  ['CREDENTIALS_PROCESS', 'process'], ['CREDENTIALS_PROFILE_PROCESS', 'process'],
  ['CREDENTIALS_HTTP', 'container'], ['CREDENTIALS_IMDS', 'instance-metadata'],
  ['CREDENTIALS_ENV_VARS', 'env'], ['CREDENTIALS_PROFILE', 'profile'],
];

export function credentialSource(creds: { $source?: Record<string, string> }): CredentialSource {
  const src = creds.$source ?? {};
  for (const [feature, source] of SOURCE_BY_FEATURE) if (feature in src) return source;
  return 'unknown';
}

/** Collects the SDK's warnings instead of letting them reach the terminal under the UI. */
const quietLogger = {
  warnings: [] as string[],
  debug() {}, info() {}, trace() {},
  warn(...args: unknown[]) { quietLogger.warnings.push(args.map(String).join(' ')); },
  error(...args: unknown[]) { quietLogger.warnings.push(args.map(String).join(' ')); },
};

export function resolveConnection(opts: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): Omit<ConnectionInfo, 'region'> & { region?: string } {
  const endpoint = opts.endpointUrl ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL ?? null;
  return {
    profile: opts.profile ?? env.AWS_PROFILE ?? null,
    // The JS SDK ignores AWS_DEFAULT_REGION; the AWS CLI honours it, so users expect it to work.
    region: opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint,
    stsEndpoint: env.AWS_ENDPOINT_URL_STS ?? endpoint,
    pathStyle: opts.pathStyle ?? endpoint !== null,
  };
}

/** What the UI may want to show while requests run: retries in progress, and the clock check. */
export type SessionEvent =
  | { type: 'retry'; attempt: number; maxAttempts: number; reason: string }
  | { type: 'clock'; skewMs: number };

interface RawResponse { statusCode?: number; headers?: Record<string, string> }

export class Session {
  private clients = new Map<string, S3Client>();
  private listeners = new Set<(e: SessionEvent) => void>();
  /** server Date minus local clock, from the first response that carried a Date header */
  clockSkewMs: number | null = null;
  /** bucket → region, learnt from any answer's x-amz-bucket-region header (or HeadBucket) */
  readonly regions = new Map<string, string>();
  private constructor(
    readonly connection: ConnectionInfo,
    private creds: PinnedCredentials,
  ) {}

  /**
   * `s3: false` (whoami) skips loading the S3 client, a third of the SDK's start-up cost. Credentials
   * and the S3 client load side by side.
   */
  static async open(opts: ConnectionOptions, env: NodeJS.ProcessEnv = process.env, load: { s3?: boolean } = {}): Promise<Session> {
    const base = resolveConnection(opts, env);
    const region = base.region ?? readProfileRegion(base.profile, env) ?? 'us-east-1';
    const connection: ConnectionInfo = { ...base, region };
    const [creds] = await Promise.all([resolveCredentials(connection.profile), load.s3 === false ? null : loadS3()]);
    return new Session(connection, creds);
  }

  get signer(): SignerInfo {
    const c = this.creds;
    const end = c.originalExpiration ?? c.expiration ?? null;
    return {
      accessKeyId: c.accessKeyId,
      temporary: Boolean(c.sessionToken) || c.accessKeyId.startsWith('ASIA') || end !== null,
      source: credentialSource(c),
      sessionEndsAt: end,
    };
  }

  /** The pinned credential object: the same one every client signs with. */
  get credentials(): AwsCredentialIdentity {
    return this.creds;
  }

  /** Re-read credentials (after `R`, or an ExpiredToken); clients are rebuilt with the new object. */
  async refresh(): Promise<SignerInfo> {
    this.creds = await resolveCredentials(this.connection.profile);
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
    return this.signer;
  }

  /**
   * An S3 client in `region`, pinned to the credential. Every client uses the WHEN_REQUIRED checksum
   * settings: since 3.729 a presigned GET otherwise carries x-amz-checksum-mode and a PUT a CRC32 of an
   * empty body.
   */
  s3(region = this.connection.region): S3Client {
    let client = this.clients.get(region);
    if (!client) {
      if (!s3Module) throw new Error('S3 client not loaded: open the session without { s3: false }');
      client = new s3Module.S3Client({
        region,
        credentials: this.creds,
        endpoint: this.connection.endpoint ?? undefined,
        forcePathStyle: this.connection.pathStyle,
        followRegionRedirects: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // No logger: the SDK's default no-op one. Any other logger makes it build a redacted copy of
        // every answer for logging (7% of the CPU of a 100,000-key listing, measured by npm run bench).
        maxAttempts: 3,
      });
      this.observe(client);
      this.clients.set(region, client);
    }
    return client;
  }

  /**
   * Subscribe to retries and the clock check. What happened before the subscription (the first listing
   * starts before the UI exists) is replayed: the clock verdict, and a retry still in progress.
   */
  onEvent(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.clockSkewMs !== null) listener({ type: 'clock', skewMs: this.clockSkewMs });
    if (this.retrying) listener(this.retrying);
    return () => this.listeners.delete(listener);
  }

  /** the retry under way, until an answer arrives */
  private retrying: SessionEvent | null = null;

  private emit(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  /**
   * Runs inside the SDK's retry loop (finalizeRequest, low priority), so it sees every attempt: it reports
   * retries as they start, and compares the first server Date header with the local clock (the presigner
   * ignores the SDK's skew correction, so a wrong clock makes every URL's times wrong).
   */
  private observe(client: S3Client): void {
    let lastFailure = '';
    client.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { headers?: Record<string, string> };
        const m = /attempt=(\d+); max=(\d+)/.exec(req.headers?.['amz-sdk-request'] ?? '');
        if (m && Number(m[1]) > 1) {
          this.retrying = { type: 'retry', attempt: Number(m[1]), maxAttempts: Number(m[2]), reason: lastFailure };
          this.emit(this.retrying);
        }
        try {
          const out = await next(args);
          this.retrying = null;
          const headers = (out.response as RawResponse | undefined)?.headers;
          this.checkClock(headers);
          this.learnRegion(args.input as { Bucket?: string }, headers);
          // A captive portal or a web server answers HTML that the XML parser reads as an empty listing.
          if (/text\/html/i.test(headers?.['content-type'] ?? '')) {
            throw new AppError('server', 'The endpoint answered with a web page (text/html), not S3: a proxy, captive portal or wrong URL?', 'Check --endpoint-url and your network, then press r.', 'NotS3');
          }
          return out;
        } catch (err) {
          const e = err as { name?: string; $response?: RawResponse; $metadata?: { httpStatusCode?: number } };
          this.checkClock(e.$response?.headers);
          this.learnRegion(args.input as { Bucket?: string }, e.$response?.headers);
          const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
          lastFailure = [status, e.name].filter(Boolean).join(' ');
          if (!m || Number(m[1]) >= Number(m[2])) this.retrying = null; // the last attempt: no retry under way
          throw err;
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 's3peekObserve' },
    );
  }

  private learnRegion(input: { Bucket?: string } | undefined, headers: Record<string, string> | undefined): void {
    const region = headers?.['x-amz-bucket-region'];
    if (input?.Bucket && region) this.regions.set(input.Bucket, region);
  }

  private checkClock(headers: Record<string, string> | undefined): void {
    if (this.clockSkewMs !== null || !headers) return;
    const date = headers.date ?? headers.Date;
    const server = date ? Date.parse(date) : NaN;
    if (Number.isNaN(server)) return;
    this.clockSkewMs = server - Date.now();
    this.emit({ type: 'clock', skewMs: this.clockSkewMs });
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}

async function resolveCredentials(profile: string | null): Promise<PinnedCredentials> {
  try {
    const provider = fromNodeProviderChain({ profile: profile ?? undefined, logger: quietLogger });
    return (await provider()) as PinnedCredentials;
  } catch (err) {
    throw toAppError(err, { during: 'credentials' });
  }
}

let s3Module: typeof import('@aws-sdk/client-s3') | null = null;
async function loadS3(): Promise<void> {
  if (s3Module) return;
  // Bundled from the SDK's CommonJS build: the named exports may sit on `default`.
  const m = (await import('@aws-sdk/client-s3')) as typeof import('@aws-sdk/client-s3') & { default?: typeof import('@aws-sdk/client-s3') };
  s3Module = typeof m.S3Client === 'function' ? m : m.default ?? m;
}

export { AppError };
