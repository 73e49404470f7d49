import React from 'react';
import { Box, Text } from 'ink';
import { footerHints, type Screen } from '../keymap.js';
import { truncate } from '../../core/sanitize.js';
import { theme, type Tone } from '../theme.js';

/** `transient`: a progress note (a retry) that the next successful load replaces. */
export interface Status { tone: Tone; text: string; transient?: boolean }

export function StatusLine({ status, width, busy }: { status: Status | null; width: number; busy?: string | null }) {
  if (busy) return <Text color={theme.accent}>{truncate(busy, width)}</Text>;
  if (!status) return <Text> </Text>;
  return <Text color={theme[status.tone]} wrap="truncate">{truncate(status.text, width)}</Text>;
}

export function Footer({ screen, counter, width }: { screen: Screen; counter?: string; width: number }) {
  const right = counter ?? '';
  const hints = truncate(footerHints(screen).join(' · '), Math.max(0, width - right.length - 2));
  return (
    <Box justifyContent="space-between" width={width}>
      <Text color={theme.muted}>{hints}</Text>
      <Text bold>{right}</Text>
    </Box>
  );
}
