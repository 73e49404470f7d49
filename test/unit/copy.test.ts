import { describe, expect, it } from 'vitest';
import { copyText, osc52 } from '../../src/clipboard/copy.js';

describe('OSC 52', () => {
  it('Given a plain terminal, Then the text is base64 in one OSC 52 sequence', () => {
    expect(osc52('hi', {})).toBe('\u001b]52;c;aGk=\u0007');
  });
  it('Given tmux, Then the plain sequence (for tmux) is followed by a DCS passthrough copy (inner ESCs doubled)', () => {
    expect(osc52('hi', { TMUX: '/tmp/tmux-0/default,1,0' })).toBe('\u001b]52;c;aGk=\u0007\u001bPtmux;\u001b\u001b]52;c;aGk=\u0007\u001b\\');
  });
});

describe('the copy fallback chain (system clipboard skipped)', () => {
  it('Given a terminal, Then OSC 52 is written and the result says so', async () => {
    const written: string[] = [];
    const r = await copyText('https://x', { env: { TERM: 'xterm-256color' }, skipSystem: true, writeTerminal: (s) => written.push(s) });
    expect(r.via).toEqual(['osc52']);
    expect(written).toEqual([osc52('https://x', {})]);
    expect(r.detail).toContain('OSC 52');
  });
  it('Given the Linux console, Then nothing claims a copy and the reason is given', async () => {
    const written: string[] = [];
    const r = await copyText('https://x', { env: { TERM: 'linux' }, skipSystem: true, writeTerminal: (s) => written.push(s) });
    expect(r.via).toEqual([]);
    expect(written).toEqual([]);
    expect(r.detail).toMatch(/Not copied: .*TERM=linux takes no OSC 52/);
  });
  it('Given no terminal at all, Then nothing claims a copy', async () => {
    const r = await copyText('https://x', { env: { TERM: 'xterm' }, skipSystem: true });
    expect(r.via).toEqual([]);
  });
});
