// When does a pre-signed URL someone handed you really die? The URL states only its requested lifetime;
// signed with temporary credentials it also dies with that session, which the URL cannot tell — unless
// the session is ours (same access key id), in which case we know its end.
import type { PresignedUrlInfo } from './presigned-url.js';
import { urlTiming } from './presigned-url.js';
import { formatCountdown, formatDuration } from './duration.js';
import { formatIsoUtc, formatLocalTime, formatWhen } from './format.js';

export interface KnownSigner { accessKeyId: string; sessionEndsAt: Date | null }

export interface UrlVerdict {
  expired: boolean;
  secondsLeft: number;
  /** min(requested expiry, our session end) when the signer is us; else the requested expiry */
  effectiveExpiresAt: Date;
  limitedBy: 'request' | 'session';
  sessionKnown: boolean;
  headline: string;
  tone: 'ok' | 'warn' | 'danger';
  /** warnings, also used by `inspect --json` */
  notes: string[];
}

export function inspectVerdict(info: PresignedUrlInfo, now: Date, signer?: KnownSigner | null): UrlVerdict {
  const notes: string[] = [];
  const sessionKnown = Boolean(signer && signer.accessKeyId === info.accessKeyId && signer.sessionEndsAt);
  let effective = info.expiresAt;
  let limitedBy: UrlVerdict['limitedBy'] = 'request';
  if (sessionKnown && signer?.sessionEndsAt && signer.sessionEndsAt < info.expiresAt) {
    effective = signer.sessionEndsAt;
    limitedBy = 'session';
  }
  const ms = effective.getTime() - now.getTime();
  const expired = ms <= 0;
  if (info.temporary && !sessionKnown) {
    notes.push('signed with temporary credentials: it also stops working when that session ends, which the URL cannot tell');
  }
  if (sessionKnown && limitedBy === 'session') {
    notes.push(`signed by your current session, which ends ${formatWhen(effective, now)}: before the URL's own expiry`);
  }
  if (info.signatureVersion === 'v2') notes.push('legacy Signature Version 2: many regions and S3-compatible stores refuse it');
  if (info.signedAt && info.signedAt.getTime() - now.getTime() > 60_000) {
    notes.push(`signed ${formatCountdown(info.signedAt.getTime() - now.getTime())} in the future: the signer's clock (or yours) is off`);
  }
  const headline = expired
    ? `expired ${formatWhen(effective, now)} (${formatCountdown(-ms)} ago)${limitedBy === 'session' ? ' — its session ended' : ''}`
    : `valid until ${formatWhen(effective, now)} (${formatCountdown(ms)} left)${limitedBy === 'session' ? ', limited by the signing session' : info.temporary && !sessionKnown ? ', or sooner if its session ends first' : ''}`;
  const tone = expired ? 'danger' : notes.length || limitedBy === 'session' ? 'warn' : 'ok';
  return { expired, secondsLeft: Math.max(0, Math.floor(ms / 1000)), effectiveExpiresAt: effective, limitedBy, sessionKnown, headline, tone, notes };
}

/** Label/value rows for a person (values are NOT sanitized here; the view sanitizes). */
export function breakdownRows(info: PresignedUrlInfo, now: Date): [string, string][] {
  const t = urlTiming(info, now);
  const rows: [string, string][] = [
    ['signature', info.signatureVersion === 'v4' ? 'SigV4 (AWS4-HMAC-SHA256)' : 'SigV2 (legacy)'],
    ['host', `${info.host} (${info.style})`],
    ['bucket', info.bucket],
    ['key', info.key],
    ['region', info.region ?? '-'],
    ['access key', `${info.accessKeyId} (${info.temporary ? 'temporary' : 'long-term'})`],
    ['security token', info.hasSecurityToken ? `present (${info.securityTokenLength} chars, not shown)` : 'none'],
    ['signed at', info.signedAt ? `${formatIsoUtc(info.signedAt)} (${formatLocalTime(info.signedAt)} local)` : '- (SigV2 has none)'],
    ['requested', info.expiresSeconds !== null ? formatDuration(info.expiresSeconds) : '-'],
    ['expires at', `${formatIsoUtc(info.expiresAt)} (${t.expired ? 'expired' : `${formatCountdown(t.secondsLeft * 1000)} left`})`],
    ['signed headers', info.signedHeaders.join(', ') || '-'],
  ];
  const extra = { ...info.checksumParams, ...info.responseOverrides };
  if (Object.keys(extra).length) rows.push(['overrides', Object.entries(extra).map(([k, v]) => `${k}=${v}`).join(' ')]);
  return rows;
}
