// `s3://bucket/prefix` locations and bucket names.
// Keys are kept literally: S3 keys may hold spaces, `+`, `#`, `?` and `%`, and an `s3://` URI is
// not a URL, so nothing here percent-decodes (`s3://b/a%20b` names the key `a%20b`).
import type { Parsed } from './duration.js';

export interface S3Location {
  bucket: string;
  /** '' for the bucket root. Whether it names a key or a prefix is the caller's call. */
  prefix: string;
}

const SCHEME = /^s3:\/\//i;

export function parseS3Uri(input: string): Parsed<S3Location> {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'empty location: expected s3://bucket or s3://bucket/prefix/' };
  if (!SCHEME.test(text)) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
    if (scheme) {
      return { ok: false, error: `"${scheme[1]}:" is not an S3 location: expected s3://bucket/prefix/` };
    }
    return { ok: false, error: `missing s3:// scheme: expected s3://bucket/prefix/ (did you mean s3://${text}?)` };
  }
  const rest = text.replace(SCHEME, '');
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? '' : rest.slice(slash + 1);
  if (bucket === '') return { ok: false, error: 'no bucket name after s3://: expected s3://bucket/prefix/' };
  const reason = validateBucketName(bucket);
  if (reason !== null) return { ok: false, error: reason };
  return { ok: true, value: { bucket, prefix } };
}

const MAX_BUCKET_LENGTH = 255;

/**
 * null when the name is usable, else why not.
 * Deliberately looser than AWS's current rules (3..63 lowercase): legacy us-east-1 buckets and
 * S3-compatible stores (Ceph, MinIO in some modes) allow uppercase, underscores and longer names,
 * and refusing a bucket the server accepts would lock users out. We only refuse what can never be
 * a bucket name or would be unsafe to show.
 */
export function validateBucketName(name: string): string | null {
  if (name.length === 0) return 'bucket name is empty';
  if (name.length > MAX_BUCKET_LENGTH) {
    return `bucket name is ${name.length} characters long; at most ${MAX_BUCKET_LENGTH} are allowed`;
  }
  for (const ch of name) {
    if (/^[A-Za-z0-9._-]$/.test(ch)) continue;
    if (ch === '/') return "bucket name cannot contain '/'";
    const code = ch.codePointAt(0) ?? 0;
    // Name the character by code point so the message itself carries no control character.
    const shown = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `bucket name contains a control character (${shown})`;
    if (/^\s$/u.test(ch)) return 'bucket name cannot contain spaces';
    const visible = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `'${ch}' (${shown})` : shown;
    return `bucket name contains ${visible}; only letters, digits, '.', '_' and '-' are allowed`;
  }
  return null;
}

/** `s3://bucket/prefix`; with no prefix, `s3://bucket/` (the bucket root, as the AWS CLI prints it). */
export function formatS3Uri(bucket: string, prefix = ''): string {
  return `s3://${bucket}/${prefix}`;
}
