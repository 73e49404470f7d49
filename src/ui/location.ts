import { formatS3Uri } from '../core/s3-uri.js';

/** Where the browser is: the bucket list (bucket null) or a prefix of a bucket. */
export interface Location { bucket: string | null; prefix: string }

export const ROOT: Location = { bucket: null, prefix: '' };

export function locationKey(l: Location): string {
  return l.bucket === null ? '' : formatS3Uri(l.bucket, l.prefix);
}

/** One level up: s3://b/a/b/ → s3://b/a/ → s3://b/ → the bucket list. */
export function parentOf(l: Location): Location {
  if (l.bucket === null) return l;
  if (!l.prefix) return ROOT;
  const trimmed = l.prefix.endsWith('/') ? l.prefix.slice(0, -1) : l.prefix;
  const cut = trimmed.lastIndexOf('/');
  return { bucket: l.bucket, prefix: cut < 0 ? '' : trimmed.slice(0, cut + 1) };
}

/** The key of the row in the parent's listing that leads to `l` (to put the cursor back on it). */
export function rowKeyInParent(l: Location): string | null {
  if (l.bucket === null) return null;
  return l.prefix ? l.prefix : l.bucket;
}
