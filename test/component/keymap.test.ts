import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { KEYMAP, commandFor, footerHints, keysMarkdown, type Binding } from '../../src/ui/keymap.js';
import type { Key } from 'ink';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

describe('the key table', () => {
  it('describes every command, with keys and a category', () => {
    for (const [name, b] of Object.entries(KEYMAP) as [string, Binding][]) {
      expect(b.description.length, name).toBeGreaterThan(3);
      expect(b.keys.length, name).toBeGreaterThan(0);
      expect(b.category, name).toBeTruthy();
    }
  });

  it('binds no key twice within one screen', () => {
    const seen = new Map<string, string>();
    for (const [name, b] of Object.entries(KEYMAP) as [string, Binding][]) {
      for (const screen of b.screens) {
        for (const k of b.keys) {
          const id = `${screen}:${k}`;
          expect(seen.get(id), `${id} bound to ${seen.get(id)} and ${name}`).toBeUndefined();
          seen.set(id, name);
        }
      }
    }
  });

  it('maps the habits of stu and k9s', () => {
    expect(commandFor('objects', 'j', noKey)).toBe('down');
    expect(commandFor('objects', '', { ...noKey, downArrow: true })).toBe('down');
    expect(commandFor('objects', 'G', noKey)).toBe('bottom');
    expect(commandFor('objects', 'f', { ...noKey, ctrl: true })).toBe('pageDown');
    expect(commandFor('objects', '', { ...noKey, backspace: true })).toBe('back');
    expect(commandFor('objects', '', { ...noKey, return: true })).toBe('open');
    expect(commandFor('share', '', { ...noKey, return: true })).toBe('copy');
    expect(commandFor('share', '4', noKey)).toBe('preset');
    expect(commandFor('buckets', 'x', noKey)).toBeNull();
  });

  it('builds the footer hints of a screen from the table', () => {
    expect(footerHints('share')).toContain('y copy');
    expect(footerHints('objects')).toContain('/ filter');
    expect(footerHints('buckets')).not.toContain('y copy');
  });

  it('is the keys table in the README (regenerate with npm run screenshots)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('<!-- keys:start -->');
    const end = readme.indexOf('<!-- keys:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + '<!-- keys:start -->'.length, end).trim()).toBe(keysMarkdown());
  });
});
