import React from 'react';
import { Box, Text } from 'ink';
import { helpRows } from '../keymap.js';
import { truncate } from '../../core/sanitize.js';
import { theme } from '../theme.js';

/** Every key, generated from the key table, grouped by category; two columns when the terminal allows. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const rows = helpRows();
  const keyW = Math.max(...rows.map((r) => r.keys.length)) + 2;
  const lines: { text: string; heading: boolean }[] = [];
  let last = '';
  for (const r of rows) {
    if (r.category !== last) {
      lines.push({ text: r.category, heading: true });
      last = r.category;
    }
    lines.push({ text: `${r.keys.padEnd(keyW)}${r.description}`, heading: false });
  }
  const perCol = Math.max(1, height - 2);
  const cols = lines.length > perCol && width >= 120 ? 2 : 1;
  const colW = Math.floor((width - 2) / cols);
  const chunks = Array.from({ length: cols }, (_, i) => lines.slice(i * perCol, (i + 1) * perCol));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent}>Keys — Esc or ? closes</Text>
      <Box>
        {chunks.map((chunk, i) => (
          <Box key={i} flexDirection="column" width={colW}>
            {chunk.map((l, j) => (
              <Text key={j} bold={l.heading} color={l.heading ? theme.accent : undefined}>{truncate(l.text, colW - 1)}</Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
