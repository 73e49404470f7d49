// `P`: paste a pre-signed URL and read it part by part, with the verdict on when it really dies.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../use-keys.js';
import type { Services } from '../services.js';
import type { SignerInfo } from '../../aws/session.js';
import { decodePresignedUrl } from '../../core/presigned-url.js';
import { inspectVerdict, breakdownRows } from '../../core/url-verdict.js';
import { sanitize, truncate } from '../../core/sanitize.js';
import { commandFor } from '../keymap.js';
import { theme } from '../theme.js';
import { useClock } from '../clock.js';

export interface InspectPanelProps {
  services: Services;
  signer: SignerInfo;
  width: number;
  height: number;
  onClose: () => void;
  onQuit: () => void;
}

export function InspectPanel(p: InspectPanelProps) {
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(true);
  const [probe, setProbe] = useState<{ state: 'running' } | { state: 'done'; verdict: string; detail: string } | null>(null);
  const now = useClock(p.services.now);
  const decoded = text ? decodePresignedUrl(text.trim()) : null;

  useKeys((input, key) => {
    if (editing) {
      if (key.return) { if (text) setEditing(false); return; }
      if (key.escape) { if (text) setText(''); else p.onClose(); return; }
      if (key.backspace || key.delete) { setText((t) => [...t].slice(0, -1).join('')); return; }
      // Pastes arrive as one chunk; strip bracketed-paste markers.
      if (input && !key.ctrl && !key.meta) setText((t) => t + input.replace(/\x1b?\[20[01]~/g, ''));
      return;
    }
    const cmd = commandFor('inspect', input, key);
    if (cmd === 'close') { setEditing(true); setText(''); setProbe(null); }
    else if (cmd === 'quit') p.onQuit();
    else if (cmd === 'probe' && decoded?.ok && p.services.probe) {
      setProbe({ state: 'running' });
      p.services.probe(text.trim()).then(
        (r) => setProbe({ state: 'done', verdict: r.verdict, detail: r.detail }),
        (e: unknown) => setProbe({ state: 'done', verdict: 'unreachable', detail: String((e as Error)?.message ?? e) }),
      );
    }
  }, { textMode: () => editing });

  const inner = p.width - 4;
  const labelW = 16;
  return (
    <Box flexDirection="column" height={p.height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Inspect a pre-signed URL <Text color={theme.muted}>{editing ? '(paste, then Enter · Esc closes)' : '(t tests it now · Esc pastes another)'}</Text></Text>
      <Text wrap="truncate-middle">{text ? sanitize(text) : <Text color={theme.muted}>paste a URL here…</Text>}{editing ? '▏' : ''}</Text>
      {decoded && !decoded.ok ? <Text color={theme.danger}>{truncate(decoded.error, inner)}</Text> : null}
      {decoded?.ok ? (() => {
        const v = inspectVerdict(decoded.value, now, p.signer);
        return (
          <>
            {breakdownRows(decoded.value, now).slice(0, Math.max(0, p.height - 8)).map(([k, val]) => (
              <Box key={k}>
                <Text color={theme.muted}>{k.padEnd(labelW)}</Text>
                <Text>{truncate(sanitize(val), inner - labelW)}</Text>
              </Box>
            ))}
            <Text bold color={v.tone === 'danger' ? theme.danger : v.tone === 'warn' ? theme.warn : theme.ok}>{truncate(v.headline, inner)}</Text>
            {v.notes.map((n) => <Text key={n} color={theme.warn}>{truncate(`⚠ ${n}`, inner)}</Text>)}
          </>
        );
      })() : null}
      {probe ? (
        <Text color={probe.state === 'running' ? theme.muted : probe.verdict === 'live' ? theme.ok : theme.danger}>
          {probe.state === 'running' ? 'Testing against the server…' : truncate(`probe: ${probe.verdict} — ${sanitize(probe.detail)}`, inner)}
        </Text>
      ) : null}
    </Box>
  );
}
