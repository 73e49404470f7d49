// How long a pre-signed URL really lives: the earlier of what was asked for and the end of the
// session that signed it (docs/domain.md §2). Users kept losing links to SSO, Lambda, ECS and
// console sessions with no warning (boto/boto3#3079, aws/aws-cli#5076); this module is the warning.
import { MAX_PRESIGN_SECONDS, formatDuration } from './duration.js';

export type LimitedBy = 'request' | 'session';

export interface LifetimeWarning {
  code: 'session-shorter' | 'session-ended' | 'root-signer' | 'no-session-info';
  message: string;
}

export interface LifetimeInput {
  signedAt: Date;
  requestedSeconds: number;
  sessionEndsAt: Date | null;
  /** IdentityKind from arn.ts, or 'unknown'. */
  signerKind?: string;
  /**
   * Whether the signing credential is temporary (ASIA… key or a session token). Optional because
   * the caller may not know; when true and sessionEndsAt is null we warn that the end is unknown.
   */
  temporary?: boolean;
}

export interface Lifetime {
  signedAt: Date;
  requestedSeconds: number;
  requestedExpiresAt: Date;
  sessionEndsAt: Date | null;
  effectiveExpiresAt: Date;
  effectiveSeconds: number;
  limitedBy: LimitedBy;
  canSign: boolean;
  warnings: LifetimeWarning[];
}

// These identity kinds only ever come from STS, so their credentials always end.
const ALWAYS_TEMPORARY = new Set(['assumed-role', 'sso', 'federated-user']);

/**
 * The verdict shown beside every expiry choice.
 * Throws RangeError for a requested lifetime outside 1..604800 s or an invalid date: those are
 * programming errors, because the caller must have validated the input with parseDuration first.
 */
export function computeLifetime(input: LifetimeInput): Lifetime {
  const { signedAt, requestedSeconds, sessionEndsAt, signerKind } = input;
  if (!Number.isInteger(requestedSeconds) || requestedSeconds <= 0 || requestedSeconds > MAX_PRESIGN_SECONDS) {
    throw new RangeError(
      `requestedSeconds must be a whole number in 1..${MAX_PRESIGN_SECONDS}, got ${requestedSeconds}`,
    );
  }
  if (Number.isNaN(signedAt.getTime())) throw new RangeError('signedAt is an invalid Date');
  if (sessionEndsAt !== null && Number.isNaN(sessionEndsAt.getTime())) {
    throw new RangeError('sessionEndsAt is an invalid Date');
  }

  const signedMs = signedAt.getTime();
  const requestedExpiresAt = new Date(signedMs + requestedSeconds * 1000);
  const warnings: LifetimeWarning[] = [];

  let effectiveExpiresAt = requestedExpiresAt;
  let limitedBy: LimitedBy = 'request';
  let canSign = true;

  if (sessionEndsAt !== null) {
    const endMs = sessionEndsAt.getTime();
    if (endMs <= signedMs) {
      // A URL signed now would be dead on arrival (S3 answers ExpiredToken).
      canSign = false;
      limitedBy = 'session';
      effectiveExpiresAt = new Date(endMs);
      const ago = endMs === signedMs ? 'just now' : `${formatDuration((signedMs - endMs) / 1000)} ago`;
      warnings.push({
        code: 'session-ended',
        message: `your session ended ${ago}: a link signed with it would not work; refresh your credentials first`,
      });
    } else if (endMs < requestedExpiresAt.getTime()) {
      // Tie goes to 'request': the link lives exactly as long as asked, nothing to warn about.
      limitedBy = 'session';
      effectiveExpiresAt = new Date(endMs);
      warnings.push({
        code: 'session-shorter',
        message:
          `your session ends in ${formatDuration((endMs - signedMs) / 1000)}, before the ` +
          `${formatDuration(requestedSeconds)} you asked for: the link dies with it`,
      });
    }
  } else if (input.temporary === true || (signerKind !== undefined && ALWAYS_TEMPORARY.has(signerKind))) {
    warnings.push({
      code: 'no-session-info',
      message:
        'these credentials are temporary but their end time is unknown: the link may die before ' +
        `the ${formatDuration(requestedSeconds)} you asked for`,
    });
  }

  if (signerKind === 'root') {
    warnings.push({
      code: 'root-signer',
      message:
        "this link is signed by the account's root user; sharing links signed by root is bad practice: " +
        'use an IAM user or role',
    });
  }

  const effectiveSeconds = canSign ? Math.floor((effectiveExpiresAt.getTime() - signedMs) / 1000) : 0;

  return {
    signedAt,
    requestedSeconds,
    requestedExpiresAt,
    sessionEndsAt,
    effectiveExpiresAt,
    effectiveSeconds,
    limitedBy,
    canSign,
    warnings,
  };
}
