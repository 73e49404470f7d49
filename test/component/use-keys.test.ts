import { describe, expect, it } from 'vitest';
import { nextKey } from '../../src/ui/use-keys.js';

function all(chunk: string, textMode: boolean) {
  const out: string[] = [];
  let rest = chunk;
  while (rest) {
    const n = nextKey(rest, textMode);
    out.push(n.key.return ? '<Enter>' : n.key.backspace ? '<BS>' : n.key.ctrl ? `<C-${n.input}>` : n.input);
    rest = n.rest;
  }
  return out;
}

describe('splitting a chunk of input into key presses', () => {
  it('Given "jjj" in one chunk, Then three j presses', () => expect(all('jjj', false)).toEqual(['j', 'j', 'j']));
  it('Given "\\r\\r", Then two Enters', () => expect(all('\r\r', false)).toEqual(['<Enter>', '<Enter>']));
  it('Given a pasted URL in text mode, Then one event with the whole text, then Enter', () => {
    expect(all('https://b.s3.amazonaws.com/k?X=1\r', true)).toEqual(['https://b.s3.amazonaws.com/k?X=1', '<Enter>']);
  });
  it('Given DEL and ctrl-f, Then backspace and ctrl+f', () => expect(all('\x7f\x06', false)).toEqual(['<BS>', '<C-f>']));
  it('Given an emoji outside text mode, Then it stays one key (no split surrogates)', () => expect(all('🎉a', false)).toEqual(['🎉', 'a']));
});
