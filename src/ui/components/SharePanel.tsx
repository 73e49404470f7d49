// The heart of s3peek: beside the chosen expiry, who signs, when that session ends, and the effective
// expiry with what limits it — before anything is copied.
import React, { useReducer, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../use-keys.js';
import type { Services } from '../services.js';
import type { Identity } from '../../aws/identity.js';
import type { PresignResult } from '../../aws/presign.js';
import type { CopyResult } from '../../clipboard/copy.js';
import { AppError } from '../../aws/errors.js';
import { computeLifetime, type Lifetime } from '../../core/lifetime.js';
import { formatCountdown, formatDuration } from '../../core/duration.js';
import { formatWhen, formatUtc } from '../../core/format.js';
import { sanitize, truncate } from '../../core/sanitize.js';
import { commandFor } from '../keymap.js';
import { chosenSeconds, initialShare, PRESETS, shareReducer } from '../share-state.js';
import { signerName } from './IdentityLine.js';
import { theme } from '../theme.js';
import { useClock } from '../clock.js';

export interface ShareOutcome { result: PresignResult; copy: CopyResult }

export interface SharePanelProps {
  services: Services;
  bucket: string;
  keyName: string;
  identity: Identity | null;
  sessionEnded: boolean;
  width: number;
  height: number;
  onClose: () => void;
  onShared: (o: ShareOutcome) => void;
  onError: (e: AppError) => void;
  onReloadCredentials: () => void;
  onQuit: () => void;
}

/** "valid until 15:32 (47m), limited by your session (assumed-role/Dev/alice); you asked for 12h" */
export function verdictText(l: Lifetime, who: string): string {
  const until = `valid until ${formatWhen(l.effectiveExpiresAt, l.signedAt)} (${formatDuration(l.effectiveSeconds)})`;
  if (!l.canSign) return 'cannot sign: your session has already ended — press R to re-read credentials';
  if (l.limitedBy === 'session') return `${until}, limited by your session (${who}); you asked for ${formatDuration(l.requestedSeconds)}`;
  return `${until}, as requested${l.sessionEndsAt ? ' (your session outlives it)' : ''}`;
}

export function copiedText(l: Lifetime, copy: CopyResult): string {
  const limit = l.limitedBy === 'session' ? ', limited by your session' : '';
  const head = copy.via.length === 0 ? copy.detail : copy.via.includes('clipboard') ? 'Copied' : 'Sent via OSC 52';
  return `${head} — valid until ${formatWhen(l.effectiveExpiresAt, l.signedAt)} (${formatDuration(l.effectiveSeconds)}${limit})`;
}

export function SharePanel(p: SharePanelProps) {
  const [s, dispatch] = useReducer(shareReducer, initialShare);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ url: string; why: string } | null>(null);
  const now = useClock(p.services.now);
  const signer = p.services.signer();
  const chosen = chosenSeconds(s);
  const who = p.identity?.known && p.identity.info ? signerName(p.identity) : signer.accessKeyId;
  const lifetime = chosen.ok
    ? computeLifetime({ signedAt: now, requestedSeconds: chosen.value, sessionEndsAt: p.sessionEnded && !signer.sessionEndsAt ? now : signer.sessionEndsAt, signerKind: p.identity?.info?.kind })
    : null;
  const blocked = !lifetime || !lifetime.canSign || (p.sessionEnded && (!signer.sessionEndsAt || signer.sessionEndsAt > now));

  const copy = async () => {
    if (!chosen.ok || blocked || busy) return;
    setBusy(true);
    try {
      const result = await p.services.presign({ bucket: p.bucket, key: p.keyName, seconds: chosen.value, method: s.method, signerKind: p.identity?.info?.kind });
      const outcome = await p.services.copy(result.url);
      if (outcome.via.length === 0) setShown({ url: result.url, why: outcome.detail });
      p.onShared({ result, copy: outcome });
    } catch (err) {
      p.onError(err instanceof AppError ? err : new AppError('unknown', String((err as Error)?.message ?? err)));
    } finally {
      setBusy(false);
    }
  };

  useKeys((input, key) => {
    if (s.editing) {
      if (key.return) dispatch({ type: 'editDone' });
      else if (key.escape) dispatch({ type: 'editCancel' });
      else if (key.backspace || key.delete) dispatch({ type: 'editBackspace' });
      else if (input && !key.ctrl && !key.meta) dispatch({ type: 'editInput', text: input });
      return;
    }
    const cmd = commandFor('share', input, key);
    switch (cmd) {
      case 'close': if (shown) setShown(null); else p.onClose(); break;
      case 'prevExpiry': dispatch({ type: 'prev' }); break;
      case 'nextExpiry': dispatch({ type: 'next' }); break;
      case 'preset': dispatch({ type: 'preset', index: Number(input) - 1 }); break;
      case 'customExpiry': dispatch({ type: 'editStart' }); break;
      case 'toggleMethod': dispatch({ type: 'toggleMethod' }); break;
      case 'copy': void copy(); break;
      case 'reloadCredentials': p.onReloadCredentials(); break;
      case 'quit': p.onQuit(); break;
      default: break;
    }
  }, { textMode: () => s.editing });

  const uri = `s3://${sanitize(p.bucket)}/${sanitize(p.keyName)}`;
  const labelW = 12;
  const line = (label: string, body: React.ReactNode) => (
    <Box>
      <Text color={theme.muted}>{label.padEnd(labelW)}</Text>
      {body}
    </Box>
  );
  const inner = p.width - 4;
  const sessionEnd = signer.sessionEndsAt;
  return (
    <Box flexDirection="column" height={p.height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Box justifyContent="space-between">
        <Text bold>Share <Text color={theme.muted}>{truncate(uri, inner - 26, 'middle')}</Text></Text>
        <Text bold color={s.method === 'PUT' ? theme.warn : theme.ok}>{s.method === 'GET' ? 'GET download' : 'PUT upload'}</Text>
      </Box>
      {line('expiry', (
        <Text>
          {PRESETS.map((pr, i) => (
            <Text key={pr.label} inverse={s.preset === i} bold={s.preset === i}>{` ${pr.label} `}</Text>
          ))}
          <Text> </Text>
          <Text inverse={s.preset < 0} color={s.preset < 0 && !chosen.ok ? theme.danger : undefined}>
            {s.editing || s.custom ? ` ${s.custom}${s.editing ? '▏' : ''} ` : ' e: custom '}
          </Text>
        </Text>
      ))}
      {!chosen.ok ? line('', <Text color={theme.danger}>{truncate(chosen.error, inner - labelW)}</Text>) : null}
      {line('signer', <Text>{truncate(`${p.identity?.known ? who : 'identity unknown'} · ${signer.accessKeyId} (${signer.temporary ? 'temporary' : 'long-term'}, ${signer.source})`, inner - labelW)}</Text>)}
      {lifetime ? line('requested', <Text>{`${formatDuration(lifetime.requestedSeconds)} → until ${formatWhen(lifetime.requestedExpiresAt, now)} · ${formatUtc(lifetime.requestedExpiresAt)}`}</Text>) : null}
      {line('session', sessionEnd
        ? <Text color={sessionEnd <= now || p.sessionEnded ? theme.danger : undefined}>{sessionEnd > now ? `ends ${formatWhen(sessionEnd, now)} (in ${formatCountdown(sessionEnd.getTime() - now.getTime())}) · ${formatUtc(sessionEnd)}` : `ended ${formatWhen(sessionEnd, now)}`}</Text>
        : <Text color={p.sessionEnded ? theme.danger : undefined}>{p.sessionEnded ? 'ended (the server rejected the token)' : signer.temporary ? 'temporary keys, end unknown: the link may die sooner' : 'long-term keys: no session end'}</Text>)}
      {lifetime ? line('effective', (
        <Text bold color={!lifetime.canSign ? theme.danger : lifetime.limitedBy === 'session' ? theme.warn : theme.ok}>
          {truncate(verdictText(lifetime, who), inner - labelW)}
        </Text>
      )) : null}
      {lifetime?.warnings.filter((w) => w.code !== 'session-ended').map((w) => (
        <Text key={w.code} color={theme.warn}>{truncate(`⚠ ${w.message}`, inner)}</Text>
      ))}
      {shown ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.warn} wrap="wrap">{`${shown.why}. Here is the URL in full:`}</Text>
          <Text wrap="wrap">{shown.url}</Text>
        </Box>
      ) : null}
      <Box flexGrow={1} />
      <Text color={theme.muted}>
        {busy ? 'Signing…' : blocked ? (lifetime && !lifetime.canSign) || p.sessionEnded ? 'R re-read credentials · Esc close' : 'fix the expiry to copy · Esc close' : 'y/Enter copy · ←/→ 1-6 expiry · e custom · u GET/PUT · Esc close'}
      </Text>
    </Box>
  );
}
