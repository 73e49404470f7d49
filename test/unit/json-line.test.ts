import { describe, expect, it } from 'vitest';
import { jsonLine } from '../../src/cli/common.js';

describe('JSON lines for scripts', () => {
  const hostile = ['a\u009b2Jb', 'x\u202eevil', 'zero\u200bwidth', 'han\u3164gul', 'tag\u{e0041}s', 'ctrl\u0001\u001b[2J', 'fam👨\u200d👩', 'ü日本🎉'];
  for (const key of hostile) {
    it(`Given ${JSON.stringify(key)}, Then the line is plain ASCII and parses back to the exact key`, () => {
      const line = jsonLine({ key });
      expect(line.endsWith('\n')).toBe(true);
      expect(line.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u3164\u{e0000}-\u{e007f}]/u);
      expect(JSON.parse(line).key).toBe(key);
    });
  }
});
