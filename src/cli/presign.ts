// `s3peek presign`: the URL on stdout, the truth about its lifetime on stderr (or all of it in --json).
import type { ParsedArgs } from './args.js';
import { openSession, reportError, usageError, jsonLine } from './common.js';
import { EXIT } from './exit.js';
import { parseS3Uri } from '../core/s3-uri.js';
import { parseDuration, formatDuration } from '../core/duration.js';
import { formatIsoUtc, formatWhen } from '../core/format.js';
import { sanitize } from '../core/sanitize.js';
import { presign, type PresignMethod } from '../aws/presign.js';
import { getIdentity } from '../aws/identity.js';
import { bucketRegion } from '../aws/listing.js';
import { copyText } from '../clipboard/copy.js';

export async function presignCommand(args: ParsedArgs): Promise<number> {
  if (args.positionals.length !== 1) return usageError('presign needs exactly one s3://bucket/key');
  const uri = parseS3Uri(args.positionals[0]);
  if (!uri.ok) return usageError(uri.error);
  if (!uri.value.prefix || uri.value.prefix.endsWith('/')) return usageError(`presign needs an object key, not a bucket or prefix: ${sanitize(args.positionals[0])}`);
  const expires = parseDuration(String(args.flags['--expires'] ?? '1h'));
  if (!expires.ok) return usageError(`invalid --expires: ${expires.error}`);
  const methodFlag = String(args.flags['--method'] ?? 'GET').toUpperCase();
  if (methodFlag !== 'GET' && methodFlag !== 'PUT') return usageError(`--method must be GET or PUT, not ${sanitize(methodFlag)}`);
  const method = methodFlag as PresignMethod;
  const json = args.flags['--json'] === true;

  try {
    const session = await openSession(args);
    // The identity call and the bucket's region lookup run side by side (presign reuses the cached region).
    const [identity] = await Promise.all([getIdentity(session), bucketRegion(session, uri.value.bucket)]);
    const result = await presign(session, {
      bucket: uri.value.bucket, key: uri.value.prefix, seconds: expires.value, method, signerKind: identity.info?.kind,
    });
    const life = result.lifetime;
    const skew = session.clockSkewMs;
    const warnings = life.warnings.map((w) => w.message);
    if (skew !== null && Math.abs(skew) > 60_000) {
      warnings.push(`your clock is ${formatDuration(Math.round(Math.abs(skew) / 1000))} ${skew > 0 ? 'behind' : 'ahead of'} the server's: the URL's times are off by as much`);
    }
    const signer = session.signer;
    let copyNote = '';
    if (args.flags['--copy'] === true) {
      const tty = process.stderr.isTTY ? (s: string) => process.stderr.write(s) : undefined;
      copyNote = (await copyText(result.url, { writeTerminal: tty })).detail;
    }
    if (json) {
      process.stdout.write(jsonLine({
        url: result.url,
        method,
        bucket: result.bucket,
        key: result.key,
        region: result.region,
        signedAt: formatIsoUtc(life.signedAt),
        requestedSeconds: life.requestedSeconds,
        requestedExpiresAt: formatIsoUtc(life.requestedExpiresAt),
        sessionEndsAt: life.sessionEndsAt ? formatIsoUtc(life.sessionEndsAt) : null,
        effectiveExpiresAt: formatIsoUtc(life.effectiveExpiresAt),
        effectiveSeconds: life.effectiveSeconds,
        limitedBy: life.limitedBy,
        identity: {
          arn: identity.known ? identity.arn : null,
          account: identity.known ? identity.account : null,
          kind: identity.info?.kind ?? 'unknown',
          accessKeyId: signer.accessKeyId,
          temporary: signer.temporary,
          source: signer.source,
        },
        warnings,
        ...(copyNote ? { copied: copyNote } : {}),
      }));
    } else {
      process.stdout.write(`${result.url}\n`);
      const limit = life.limitedBy === 'session' ? 'limited by your session' : 'as requested';
      process.stderr.write(`s3peek: valid until ${formatWhen(life.effectiveExpiresAt, life.signedAt)} (${formatIsoUtc(life.effectiveExpiresAt)}, ${formatDuration(life.effectiveSeconds)}, ${limit})\n`);
      for (const w of warnings) process.stderr.write(`s3peek: warning: ${w}\n`);
      if (copyNote) process.stderr.write(`s3peek: ${copyNote}\n`);
    }
    if (args.flags['--strict'] === true && life.limitedBy === 'session') return EXIT.strict;
    return EXIT.ok;
  } catch (err) {
    return reportError(err);
  }
}
