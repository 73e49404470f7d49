import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { ConnectionInfo } from '../../aws/session.js';
import { sanitize, truncate } from '../../core/sanitize.js';
import { theme } from '../theme.js';

// Memoized: a key press that moves the cursor does not re-render it.
export const Header = memo(function Header({ connection, width }: { connection: ConnectionInfo; width: number }) {
  const parts = [
    `profile ${connection.profile ? sanitize(connection.profile) : '(default)'}`,
    `region ${sanitize(connection.region)}`,
    connection.endpoint ? `endpoint ${sanitize(connection.endpoint)}` : 'AWS S3',
  ];
  return (
    <Box>
      <Text bold color={theme.accent}>s3peek </Text>
      <Text color={theme.muted}>{truncate(parts.join(' · '), width - 8)}</Text>
    </Box>
  );
});

// Memoized: a key press that moves the cursor does not re-render it.
export const Breadcrumb = memo(function Breadcrumb({ path, width, note }: { path: string; width: number; note?: string }) {
  return (
    <Box>
      <Text bold>{truncate(path, Math.max(10, width - (note ? note.length + 1 : 0)), 'middle')}</Text>
      {note ? <Text color={theme.muted}> {note}</Text> : null}
    </Box>
  );
});
