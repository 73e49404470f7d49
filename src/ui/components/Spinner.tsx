import React, { useEffect, useState } from 'react';
import { Text } from 'ink';
import { theme } from '../theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label }: { label: string }) {
  const [i, setI] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setI((n) => (n + 1) % FRAMES.length), 100);
    return () => clearInterval(id);
  }, []);
  return <Text color={theme.accent}>{FRAMES[i]} {label}</Text>;
}
