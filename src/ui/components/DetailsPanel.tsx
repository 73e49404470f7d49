import React from 'react';
import { Box, Text } from 'ink';
import type { ObjectDetails } from '../../aws/listing.js';
import { formatBytes, formatCount, formatDateShort, formatUtc } from '../../core/format.js';
import { sanitize, truncate } from '../../core/sanitize.js';
import { theme } from '../theme.js';

export type DetailsState =
  | { state: 'loading' }
  | { state: 'error'; message: string; hint: string }
  | { state: 'ready'; details: ObjectDetails };

export function DetailsPanel({ uri, details, width, height }: { uri: string; details: DetailsState; width: number; height: number }) {
  const rows: [string, string][] = [];
  if (details.state === 'ready') {
    const d = details.details;
    rows.push(
      ['size', `${formatCount(d.size)} bytes (${formatBytes(d.size)})`],
      ['content type', sanitize(d.contentType) || '-'],
      ['ETag', sanitize(d.etag) || '-'],
      ['last modified', d.lastModified ? `${formatDateShort(d.lastModified)} · ${formatUtc(d.lastModified)}` : '-'],
      ['storage class', sanitize(d.storageClass)],
      ['encryption', sanitize(d.serverSideEncryption) || 'none reported'],
      ['version id', sanitize(d.versionId) || '-'],
    );
    const meta = Object.entries(d.metadata);
    if (meta.length === 0) rows.push(['metadata', 'none']);
    for (const [k, v] of meta) rows.push([`x-amz-meta-${sanitize(k)}`, sanitize(v)]);
  }
  // Labels as wide as the longest (metadata names can be long), but never more than a third of the row.
  const labelW = Math.min(Math.floor(width / 3), Math.max(16, ...rows.map(([k]) => k.length + 2)));
  return (
    <Box flexDirection="column" height={height} borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Details <Text color={theme.muted}>{truncate(uri, width - 14, 'middle')}</Text></Text>
      {details.state === 'loading' ? <Text color={theme.muted}>Loading (HeadObject)…</Text> : null}
      {details.state === 'error' ? (
        <>
          <Text color={theme.danger}>{details.message}</Text>
          <Text color={theme.muted}>{details.hint}</Text>
        </>
      ) : null}
      {rows.slice(0, Math.max(0, height - 3)).map(([k, v], i) => (
        <Box key={i}>
          <Text color={theme.muted}>{truncate(k, labelW - 1).padEnd(labelW)}</Text>
          <Text>{truncate(v, Math.max(10, width - labelW - 5))}</Text>
        </Box>
      ))}
      <Text color={theme.muted}>p share · i/Esc close</Text>
    </Box>
  );
}
