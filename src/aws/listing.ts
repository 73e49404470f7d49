// Listing as plain data: one request per page, never a whole prefix up front.
import { HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Session } from './session.js';
import { toAppError } from './errors.js';

export interface BucketEntry { name: string; createdAt: Date | null }
export interface PrefixEntry { type: 'prefix'; key: string }
export interface ObjectEntry { type: 'object'; key: string; size: number; lastModified: Date | null; storageClass: string; etag: string }
export type ListEntry = PrefixEntry | ObjectEntry;
export interface ListPage { entries: ListEntry[]; nextToken: string | null }

export interface ObjectDetails {
  key: string; size: number; contentType: string; etag: string; lastModified: Date | null; storageClass: string;
  serverSideEncryption: string; metadata: Record<string, string>; versionId: string;
}

export interface CallOptions { signal?: AbortSignal }

export async function listBuckets(session: Session, opts: CallOptions = {}): Promise<BucketEntry[]> {
  try {
    const out = await session.s3().send(new ListBucketsCommand({}), { abortSignal: opts.signal });
    return (out.Buckets ?? []).map((b) => ({ name: b.Name ?? '', createdAt: b.CreationDate ?? null }));
  } catch (err) {
    throw toAppError(err, { during: 'list-buckets', endpoint: session.connection.endpoint, sessionEndsAt: session.signer.sessionEndsAt });
  }
}

/**
 * Keys come back URL-encoded (EncodingType url) so that characters XML 1.0 cannot carry survive; the SDK
 * hands them back still encoded. Servers that ignore EncodingType (s3rver) do not echo it: keys are raw.
 */
function decodeKey(k: string | undefined, encoded: boolean): string {
  if (!k) return '';
  if (!encoded) return k;
  try {
    return decodeURIComponent(k.replace(/\+/g, '%20'));
  } catch {
    return k;
  }
}

/**
 * The bucket's region, for signing (the presigner does not follow redirects). Known already when any
 * answer about the bucket carried x-amz-bucket-region; with a custom endpoint (one S3-compatible store)
 * it is the session's region; otherwise one HeadBucket asks.
 */
export async function bucketRegion(session: Session, bucket: string): Promise<string> {
  const known = session.regions.get(bucket);
  if (known) return known;
  if (session.connection.endpoint) return session.connection.region;
  try {
    const out = await session.s3().send(new HeadBucketCommand({ Bucket: bucket }));
    const region = out.BucketRegion ?? session.connection.region;
    session.regions.set(bucket, region);
    return region;
  } catch {
    // A 301/403 still carries x-amz-bucket-region (learnt by the session's middleware); a 404 is
    // reported by the request that follows.
    return session.regions.get(bucket) ?? session.connection.region;
  }
}

export async function listPage(
  session: Session,
  bucket: string,
  prefix: string,
  token: string | null,
  opts: CallOptions & { maxKeys?: number; recursive?: boolean } = {},
): Promise<ListPage> {
  try {
    // No region lookup before the first page (one request before rows show): the client follows a
    // region redirect itself, and the answer's x-amz-bucket-region teaches the session for later.
    const region = session.regions.get(bucket) ?? session.connection.region;
    const out = await session.s3(region).send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        Delimiter: opts.recursive ? undefined : '/',
        ContinuationToken: token ?? undefined,
        MaxKeys: opts.maxKeys,
        EncodingType: 'url',
      }),
      { abortSignal: opts.signal },
    );
    const entries: ListEntry[] = [];
    const encoded = out.EncodingType === 'url';
    for (const p of out.CommonPrefixes ?? []) entries.push({ type: 'prefix', key: decodeKey(p.Prefix, encoded) });
    for (const o of out.Contents ?? []) {
      entries.push({
        type: 'object',
        key: decodeKey(o.Key, encoded),
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? null,
        storageClass: o.StorageClass ?? 'STANDARD',
        etag: o.ETag ?? '',
      });
    }
    return { entries, nextToken: out.IsTruncated ? out.NextContinuationToken ?? null : null };
  } catch (err) {
    throw toAppError(err, { during: 'list-objects', bucket, key: prefix, endpoint: session.connection.endpoint, sessionEndsAt: session.signer.sessionEndsAt });
  }
}

export async function headObject(session: Session, bucket: string, key: string, opts: CallOptions = {}): Promise<ObjectDetails> {
  try {
    const region = session.regions.get(bucket) ?? session.connection.region;
    const out = await session.s3(region).send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: opts.signal });
    return {
      key,
      size: out.ContentLength ?? 0,
      contentType: out.ContentType ?? '',
      etag: out.ETag ?? '',
      lastModified: out.LastModified ?? null,
      storageClass: out.StorageClass ?? 'STANDARD',
      serverSideEncryption: out.ServerSideEncryption ?? '',
      metadata: out.Metadata ?? {},
      versionId: out.VersionId ?? '',
    };
  } catch (err) {
    throw toAppError(err, { during: 'head-object', bucket, key, endpoint: session.connection.endpoint, sessionEndsAt: session.signer.sessionEndsAt });
  }
}
