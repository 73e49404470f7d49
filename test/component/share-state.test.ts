import { describe, expect, it } from 'vitest';
import { chosenSeconds, initialShare, shareReducer, type ShareAction, type ShareState } from '../../src/ui/share-state.js';

const run = (...a: ShareAction[]): ShareState => a.reduce(shareReducer, initialShare);

describe('choosing an expiry in the share panel', () => {
  it('defaults to 1h', () => expect(chosenSeconds(initialShare)).toEqual({ ok: true, value: 3600 }));
  it('→ goes to 12h, ← twice to 15m', () => {
    expect(chosenSeconds(run({ type: 'next' }))).toEqual({ ok: true, value: 43200 });
    expect(chosenSeconds(run({ type: 'prev' }, { type: 'prev' }))).toEqual({ ok: true, value: 300 });
  });
  it('stops at 7d', () => expect(chosenSeconds(run(...Array.from({ length: 9 }, () => ({ type: 'next' }) as ShareAction)))).toEqual({ ok: true, value: 604800 }));
  it('digit 6 picks 7d, digit 1 picks 5m', () => {
    expect(chosenSeconds(run({ type: 'preset', index: 5 }))).toEqual({ ok: true, value: 604800 });
    expect(chosenSeconds(run({ type: 'preset', index: 0 }))).toEqual({ ok: true, value: 300 });
  });
  it('a typed 1h30m is 5400 s', () => {
    const s = run({ type: 'editStart' }, { type: 'editInput', text: '1h30m' }, { type: 'editDone' });
    expect(chosenSeconds(s)).toEqual({ ok: true, value: 5400 });
  });
  it('a typed 8d is refused with the 7-day limit named', () => {
    const r = chosenSeconds(run({ type: 'editStart' }, { type: 'editInput', text: '8d' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('at most 7 days (604800 s)');
  });
  it('u toggles PUT and back', () => {
    expect(run({ type: 'toggleMethod' }).method).toBe('PUT');
    expect(run({ type: 'toggleMethod' }, { type: 'toggleMethod' }).method).toBe('GET');
  });
});
