import React from 'react';
import { Box, Text } from 'ink';
import { helpRows } from '../keymap.js';
import { truncate } from '../../core/sanitize.js';
import { theme } from '../theme.js';

interface Line { text: string; heading: boolean }

/**
 * Every key, generated from the key table, grouped by category. A category is never split across
 * columns; a second column is used only when one does not fit the height.
 */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const rows = helpRows();
  const keyW = Math.max(...rows.map((r) => r.keys.length)) + 2;
  const groups: Line[][] = [];
  for (const r of rows) {
    let g = groups[groups.length - 1];
    if (!g || g[0].text !== r.category) groups.push((g = [{ text: r.category, heading: true }]));
    g.push({ text: `${r.keys.padEnd(keyW)}${r.description}`, heading: false });
  }
  const perCol = Math.max(1, height - 2);
  const columns: Line[][] = [[]];
  for (const g of groups) {
    const col = columns[columns.length - 1];
    if (col.length > 0 && col.length + g.length > perCol && width >= 100) columns.push([...g]);
    else col.push(...g);
  }
  const colW = Math.floor((width - 2) / columns.length);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent}>Keys — Esc or ? closes</Text>
      <Box>
        {columns.map((chunk, i) => (
          <Box key={i} flexDirection="column" width={colW}>
            {chunk.slice(0, perCol).map((l, j) => (
              <Text key={j} bold={l.heading} color={l.heading ? theme.accent : undefined}>{truncate(l.text, colW - 1)}</Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
