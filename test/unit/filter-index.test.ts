import { describe, expect, it } from 'vitest';
import { filterRows, warmFilterIndex, type Named } from '../../src/ui/filter-index.js';

const row = (name: string, prefix = 'logs/'): Named => ({ key: prefix + name, nameStart: prefix.length });
const names = (rows: readonly Named[]) => rows.map((r) => r.key.slice(r.nameStart));
/** What the filter means: the name, lower-cased, contains the needle. */
const naive = (rows: readonly Named[], needle: string) => rows.filter((r) => r.key.slice(r.nameStart).toLowerCase().includes(needle));

// A deterministic mix of awkward names: case, non-ASCII whose lower case changes length (İ), newlines
// inside names, empty names (the prefix's own marker object), emoji, CJK.
function corpus(n: number): Named[] {
  const parts = ['Report', 'data', 'İstanbul', 'STRASSE', 'straße', 'a\nb', '', '日本', '👩‍💻', 'x.json', 'Ab', 'cd', '\n'];
  const out: Named[] = [];
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const a = parts[seed % parts.length];
    const b = parts[(seed >> 8) % parts.length];
    out.push(row(`${a}${i % 3 === 0 ? '' : '-'}${b}${i % 5 === 0 ? '' : String(i)}`));
  }
  return out;
}

describe('the filter index', () => {
  const rows = corpus(5000); // more than two chunks
  const needles = ['r', 'report', 'a\nb', '\n', 'b\nc', 'i̇stanbul', 'straße', 'strasse', '日本', '👩', 'x.json', '-', '1', '4999', 'zzz', 'bcd', 'b-c'];

  it('Given many needles over 5,000 awkward names, Then it finds exactly the names that contain the needle, in order', () => {
    for (const needle of needles) {
      expect(names(filterRows(rows, needle)), needle).toEqual(names(naive(rows, needle)));
    }
    expect(filterRows(rows, 'report').length).toBeGreaterThan(100);
    expect(filterRows(rows, 'zzz')).toHaveLength(0);
  });

  it('Given two names side by side, Then a needle spanning the end of one and the start of the next matches neither', () => {
    const pair = [row('ab'), row('cd'), row('xab')];
    expect(names(filterRows(pair, 'bc'))).toEqual([]);
    expect(names(filterRows(pair, 'b\nc'))).toEqual([]);
    expect(names(filterRows(pair, 'ab'))).toEqual(['ab', 'xab']);
  });

  it('Given every row matches, Then the same array comes back (no copy)', () => {
    const all = [row('event-1.json'), row('event-2.json')];
    expect(filterRows(all, 'event')).toBe(all);
  });

  it('Given rows that grow page by page (as listings do), Then each result equals filtering from scratch', () => {
    let grown: Named[] = [];
    for (let page = 0; page < 12; page++) {
      grown = grown.concat(corpus(5000).slice(page * 400, page * 400 + 400 + (page % 3)));
      if (page % 2 === 0) warmFilterIndex(grown);
      for (const needle of ['report', '1', 'a\nb']) expect(names(filterRows(grown, needle))).toEqual(names(naive(grown, needle)));
    }
    expect(grown.length).toBeGreaterThan(4800);
  });

  it('Given a listing replaced by a new one (refresh), Then the old index is not used for the new rows', () => {
    const before = Array.from({ length: 3000 }, (_, i) => row(`old-${i}${i === 5 ? '-report' : ''}`));
    expect(names(filterRows(before, 'report'))).toEqual(['old-5-report']);
    // The same first row object, different rows after it (more than a chunk): a rebuilt index, not a stale one.
    const after = [before[0], ...Array.from({ length: 3000 }, (_, i) => row(`new-${i}${i === 7 ? '-report' : ''}`))];
    expect(names(filterRows(after, 'report'))).toEqual(['new-7-report']);
    expect(names(filterRows([before[0]], 'old'))).toEqual(['old-0']);
  });
});
