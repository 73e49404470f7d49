import React, { memo } from 'react';
import { Box, Text } from 'ink';
import { footerHints, type Screen } from '../keymap.js';
import { truncate } from '../../core/sanitize.js';
import { theme, type Tone } from '../theme.js';

/** `transient`: a progress note (a retry) that the next successful load replaces. */
export interface Status { tone: Tone; text: string; transient?: boolean }

// Memoized: a key press that moves the cursor does not re-render it.
export const StatusLine = memo(function StatusLine({ status, width, busy }: { status: Status | null; width: number; busy?: string | null }) {
  if (busy) return <Text color={theme.accent}>{truncate(busy, width)}</Text>;
  if (!status) return <Text> </Text>;
  return <Text color={theme[status.tone]} wrap="truncate">{truncate(status.text, width)}</Text>;
});

/** As many hints as fit, always keeping the last two (? help, q quit): no hint is cut mid-word. */
export function fitHints(all: string[], room: number): string {
  const tail = all.slice(-2);
  const head: string[] = [];
  const len = (parts: string[]) => parts.join(' · ').length;
  for (const h of all.slice(0, -2)) {
    if (len([...head, h, ...tail]) > room) break;
    head.push(h);
  }
  return truncate([...head, ...tail].join(' · '), room);
}

// Memoized: a key press that moves the cursor does not re-render it.
export const Footer = memo(function Footer({ screen, counter, width }: { screen: Screen; counter?: string; width: number }) {
  const right = counter ?? '';
  const hints = fitHints(footerHints(screen), Math.max(0, width - right.length - 2));
  return (
    <Box justifyContent="space-between" width={width}>
      <Text color={theme.muted}>{hints}</Text>
      <Text bold>{right}</Text>
    </Box>
  );
});
