import { describe, expect, it } from 'vitest';
import { formatS3Uri, parseS3Uri, validateBucketName } from '../../src/core/s3-uri.js';

describe('parseS3Uri', () => {
  it.each([
    ['s3://bucket', 'bucket', ''],
    ['s3://bucket/', 'bucket', ''],
    ['s3://bucket/dir/', 'bucket', 'dir/'],
    ['s3://bucket/a/b/', 'bucket', 'a/b/'],
    ['s3://bucket/dir/file.txt', 'bucket', 'dir/file.txt'],
    ['S3://Bucket_Legacy/x', 'Bucket_Legacy', 'x'],
    ['  s3://bucket/dir/  ', 'bucket', 'dir/'],
    ['s3://my.dotted.bucket/k', 'my.dotted.bucket', 'k'],
    ['s3://bucket/dir/a b+ü #?.txt', 'bucket', 'dir/a b+ü #?.txt'],
    ['s3://bucket/a%20b', 'bucket', 'a%20b'],
    ['s3://bucket/日本/ファイル.txt', 'bucket', '日本/ファイル.txt'],
    ['s3://bucket//leading-slash', 'bucket', '/leading-slash'],
  ])('Given "%s" When parsed Then bucket is "%s" and prefix is "%s" (kept literally)', (input, bucket, prefix) => {
    expect(parseS3Uri(input)).toEqual({ ok: true, value: { bucket, prefix } });
  });

  it.each([
    ['', 'empty'],
    ['bucket/dir/', 'missing s3:// scheme'],
    ['https://bucket.s3.amazonaws.com/k', '"https:" is not an S3 location'],
    ['s3://', 'no bucket name'],
    ['s3:///key', 'no bucket name'],
    ['s3://bad bucket/x', 'cannot contain spaces'],
    ['s3://bad\x1bbucket', 'control character (U+001B)'],
    ['s3://bücket', "contains 'ü'"],
  ])('Given "%s" When parsed Then it is refused: %s', (input, reason) => {
    const result = parseS3Uri(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(reason);
  });

  it('Given a bare bucket/prefix When refused Then the message suggests the s3:// form', () => {
    const result = parseS3Uri('bucket/dir/');
    expect(result.ok ? '' : result.error).toContain('did you mean s3://bucket/dir/?');
  });
});

describe('validateBucketName', () => {
  it.each([
    'b',
    'my-bucket',
    'my.bucket.example',
    'Legacy_Upper_Case',
    '123',
    'a'.repeat(255),
  ])('Given the bucket name "%s" When validated Then it is accepted', (name) => {
    expect(validateBucketName(name)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(256), '256 characters long; at most 255'],
    ['a/b', "cannot contain '/'"],
    ['a b', 'cannot contain spaces'],
    ['a\tb', 'control character (U+0009)'],
    ['a\x00b', 'control character (U+0000)'],
    ['a\x9bb', 'control character (U+009B)'],
    ['a\u202eb', 'U+202E'],
    ['a*b', "'*'"],
  ])('Given the bucket name %j When validated Then the reason mentions %s', (name, reason) => {
    expect(validateBucketName(name)).toContain(reason);
  });

  it('Given a name with an invisible character When refused Then the reason carries no raw control or bidi character', () => {
    const reason = validateBucketName('a\u202eb\x1b') ?? '';
    expect(reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe('formatS3Uri', () => {
  it.each([
    ['bucket', undefined, 's3://bucket/'],
    ['bucket', '', 's3://bucket/'],
    ['bucket', 'dir/', 's3://bucket/dir/'],
    ['bucket', 'dir/a b+ü.txt', 's3://bucket/dir/a b+ü.txt'],
  ])('Given bucket %s and prefix %j When formatted Then it is %s', (bucket, prefix, uri) => {
    expect(formatS3Uri(bucket, prefix)).toBe(uri);
  });

  it.each([
    ['bucket', 'dir/sub/'],
    ['bucket', 'a b+#?.txt'],
    ['bucket', ''],
  ])('Given bucket %s and prefix %j When formatted and parsed back Then nothing changes', (bucket, prefix) => {
    expect(parseS3Uri(formatS3Uri(bucket, prefix))).toEqual({ ok: true, value: { bucket, prefix } });
  });
});
