import React from 'react';
import { Box, Text } from 'ink';
import type { Lifetime } from '../../core/lifetime.js';
import { formatCountdown } from '../../core/duration.js';
import { formatWhen } from '../../core/format.js';
import { truncate } from '../../core/sanitize.js';
import { theme } from '../theme.js';
import { useClock } from '../clock.js';

export interface HistoryEntry { uri: string; method: 'GET' | 'PUT'; lifetime: Lifetime; copied: string }

/** Links issued in this run (memory only), each with its live remaining time. */
export function HistoryPanel({ entries, now: clock, width, height }: { entries: HistoryEntry[]; now: () => Date; width: number; height: number }) {
  const now = useClock(clock);
  const inner = width - 4;
  return (
    <Box flexDirection="column" height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Links issued in this run <Text color={theme.muted}>(kept in memory only)</Text></Text>
      {entries.length === 0 ? <Text color={theme.muted}>None yet: p on an object shares it.</Text> : null}
      {entries.slice(-(height - 3)).reverse().map((e, i) => {
        const left = e.lifetime.effectiveExpiresAt.getTime() - now.getTime();
        const tone = left <= 0 ? theme.danger : left < 15 * 60_000 ? theme.warn : theme.ok;
        const status = left <= 0 ? `dead since ${formatWhen(e.lifetime.effectiveExpiresAt, now)}` : `${formatCountdown(left)} left · until ${formatWhen(e.lifetime.effectiveExpiresAt, now)}`;
        const by = e.lifetime.limitedBy === 'session' ? ' (session)' : '';
        return (
          <Box key={i}>
            <Text color={tone}>{`${status}${by}`.padEnd(44)} </Text>
            <Text color={theme.muted}>{e.method} </Text>
            <Text>{truncate(e.uri, Math.max(10, inner - 49), 'middle')}</Text>
          </Box>
        );
      })}
      <Box flexGrow={1} />
      <Text color={theme.muted}>H/Esc close</Text>
    </Box>
  );
}
