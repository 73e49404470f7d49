// What the UI may ask of the outside world, as plain data. Components never call the SDK: they get these
// functions through context. The real implementation wraps src/aws; component tests pass their own.
import type { ConnectionInfo, SignerInfo, Session, SessionEvent } from '../aws/session.js';
import type { Identity } from '../aws/identity.js';
import type { BucketEntry, ListPage, ObjectDetails } from '../aws/listing.js';
import type { PresignRequest, PresignResult } from '../aws/presign.js';
import type { CopyResult } from '../clipboard/copy.js';
import type { ProbeResult } from '../aws/probe.js';
import type { Prefetch } from './prefetch.js';

export interface Services {
  connection: ConnectionInfo;
  signer(): SignerInfo;
  refreshCredentials(): Promise<SignerInfo>;
  identity(): Promise<Identity>;
  listBuckets(signal: AbortSignal): Promise<BucketEntry[]>;
  listPage(bucket: string, prefix: string, token: string | null, signal: AbortSignal): Promise<ListPage>;
  head(bucket: string, key: string, signal: AbortSignal): Promise<ObjectDetails>;
  presign(req: PresignRequest): Promise<PresignResult>;
  copy(text: string): Promise<CopyResult>;
  /** Ask the server whether a pre-signed URL works now (HEAD; nothing downloaded). */
  probe?(url: string): Promise<ProbeResult>;
  now(): Date;
  /** Retries in progress and the clock check (see Session.onEvent); returns an unsubscribe. */
  onEvent?(listener: (e: SessionEvent) => void): () => void;
  /** The first listing if it was started before the UI (see prefetch.ts): handed out once. */
  takePrefetch?(locationKey: string): Promise<BucketEntry[] | ListPage> | null;
}

export async function realServices(session: Session, writeTerminal: (s: string) => void, pageSize?: number, prefetch?: Prefetch): Promise<Services> {
  const [listing, { getIdentity }, { presign }, { copyText }, { probeUrl }] = await Promise.all([
    import('../aws/listing.js'),
    import('../aws/identity.js'),
    import('../aws/presign.js'),
    import('../clipboard/copy.js'),
    import('../aws/probe.js'),
  ]);
  let pending = prefetch ?? null;
  return {
    connection: session.connection,
    signer: () => session.signer,
    refreshCredentials: () => session.refresh(),
    identity: () => getIdentity(session),
    listBuckets: (signal) => listing.listBuckets(session, { signal }),
    listPage: (bucket, prefix, token, signal) => listing.listPage(session, bucket, prefix, token, { signal, maxKeys: pageSize }),
    head: (bucket, key, signal) => listing.headObject(session, bucket, key, { signal }),
    presign: (req) => presign(session, req),
    copy: (text) => copyText(text, { writeTerminal }),
    probe: (url) => probeUrl(url),
    now: () => new Date(),
    onEvent: (listener) => session.onEvent(listener),
    takePrefetch: (key) => {
      if (!pending || pending.key !== key) return null;
      const { result } = pending;
      pending = null;
      return result;
    },
  };
}
