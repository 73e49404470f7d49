// Who signs and when that session ends, always on screen, with a live countdown coloured by time left.
import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { SignerInfo } from '../../aws/session.js';
import type { Identity } from '../../aws/identity.js';
import { kindLabel } from '../../core/arn.js';
import { formatCountdown } from '../../core/duration.js';
import { sanitize, truncate } from '../../core/sanitize.js';
import { sessionTone, theme } from '../theme.js';
import { sessionEndText } from '../../core/session-end.js';
import { useClock } from '../clock.js';

export interface IdentityLineProps {
  identity: Identity | null;
  signer: SignerInfo;
  /** the services clock; the line subscribes to the shared one-second tick */
  now: () => Date;
  /** the server said the token expired, whatever the clock says */
  sessionEnded: boolean;
  clockSkewSeconds?: number | null;
  width: number;
}

export function signerName(identity: Identity | null): string {
  if (!identity) return 'identity: checking…';
  if (!identity.known || !identity.info) return `identity unknown (${identity.reason})`;
  return sanitize(identity.info.short);
}

export function sessionText(signer: SignerInfo, now: Date, sessionEnded: boolean): string {
  const end = signer.sessionEndsAt;
  if (sessionEnded && (!end || end > now)) return 'session ended (the server rejected the token) — R re-reads credentials';
  const text = sessionEndText(end, signer.temporary, now);
  return end && end <= now ? `${text} — R re-reads credentials` : text;
}

// Memoized: a key press that moves the cursor does not re-render it.
export const IdentityLine = memo(function IdentityLine({ identity, signer, now: clock, sessionEnded, clockSkewSeconds, width }: IdentityLineProps) {
  const now = useClock(clock);
  const left = signer.sessionEndsAt ? signer.sessionEndsAt.getTime() - now.getTime() : null;
  const tone = sessionEnded ? 'danger' : sessionTone(left);
  const who = signerName(identity);
  const meta = [
    identity?.info ? kindLabel(identity.info.kind) : null,
    identity?.known && identity.account ? `acct ${sanitize(identity.account)}` : null,
    `${signer.accessKeyId} (${signer.source})`,
  ].filter(Boolean).join(' · ');
  const session = sessionText(signer, now, sessionEnded);
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={theme.accent} bold>signer </Text>
        <Text>{truncate(who, Math.max(10, Math.floor(width * 0.45)))}</Text>
        <Text color={theme.muted}> · {truncate(meta, Math.max(10, width - 8 - Math.min(who.length, Math.floor(width * 0.45)) - 2))}</Text>
      </Box>
      <Box>
        <Text color={theme.accent} bold>session </Text>
        <Text color={theme[tone]} bold={tone !== 'ok'}>{truncate(session, width - 9)}</Text>
        {clockSkewSeconds ? (
          <Text color={theme.warn}> ⚠ clock off by {formatCountdown(Math.abs(clockSkewSeconds) * 1000)}: URL times shift</Text>
        ) : null}
      </Box>
    </Box>
  );
});
