// `s3peek inspect URL`: read a pre-signed URL part by part and tell when it really dies.
import type { ParsedArgs } from './args.js';
import { usageError, jsonLine } from './common.js';
import { EXIT } from './exit.js';
import { decodePresignedUrl, urlTiming } from '../core/presigned-url.js';
import { breakdownRows, inspectVerdict, type KnownSigner } from '../core/url-verdict.js';
import { formatIsoUtc } from '../core/format.js';
import { sanitize } from '../core/sanitize.js';

export async function inspect(args: ParsedArgs): Promise<number> {
  if (args.positionals.length !== 1) return usageError('inspect needs exactly one URL (quote it: it contains &)');
  const decoded = decodePresignedUrl(args.positionals[0].trim());
  if (!decoded.ok) return usageError(`not a usable pre-signed URL: ${decoded.error}`);
  const info = decoded.value;
  const now = new Date();
  const signer = await currentSigner(args);
  const verdict = inspectVerdict(info, now, signer);
  let probe: Awaited<ReturnType<typeof import('../aws/probe.js').probeUrl>> | null = null;
  if (args.flags['--probe'] === true) {
    const { probeUrl } = await import('../aws/probe.js');
    probe = await probeUrl(args.positionals[0].trim());
  }
  if (args.flags['--json'] === true) {
    const t = urlTiming(info, now);
    process.stdout.write(jsonLine({
      signatureVersion: info.signatureVersion, host: info.host, style: info.style, bucket: info.bucket, key: info.key,
      region: info.region, service: info.service, accessKeyId: info.accessKeyId, temporary: info.temporary,
      hasSecurityToken: info.hasSecurityToken, securityTokenLength: info.securityTokenLength,
      signedAt: info.signedAt ? formatIsoUtc(info.signedAt) : null, expiresSeconds: info.expiresSeconds,
      expiresAt: formatIsoUtc(info.expiresAt), expired: t.expired, secondsLeft: t.secondsLeft,
      signedHeaders: info.signedHeaders, checksumParams: info.checksumParams, responseOverrides: info.responseOverrides,
      effectiveExpiresAt: formatIsoUtc(verdict.effectiveExpiresAt), limitedBy: verdict.limitedBy, sessionKnown: verdict.sessionKnown,
      warnings: verdict.notes,
      ...(probe ? { probe: { status: probe.status, code: probe.code, verdict: probe.verdict } } : {}),
    }));
  } else {
    const rows = breakdownRows(info, now);
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(16)}${sanitize(v)}\n`);
    process.stdout.write(`\n${verdict.headline}\n`);
    for (const n of verdict.notes) process.stdout.write(`warning: ${n}\n`);
    if (probe) process.stdout.write(`probe: ${probe.verdict} — ${probe.detail}\n`);
  }
  return probe && probe.verdict !== 'live' ? EXIT.runtime : EXIT.ok;
}

/** Our own signer, when credentials resolve quickly: lets the verdict know the session end of our URLs. */
async function currentSigner(args: ParsedArgs): Promise<KnownSigner | null> {
  try {
    const { openSession } = await import('./common.js');
    const session = await openSession(args, { s3: false });
    const s = session.signer;
    session.destroy();
    return { accessKeyId: s.accessKeyId, sessionEndsAt: s.sessionEndsAt };
  } catch {
    return null;
  }
}
