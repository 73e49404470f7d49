import { describe, expect, it } from 'vitest';
import { sessionEndText } from '../../src/core/session-end.js';

const now = new Date('2026-11-29T15:00:00Z');
describe('the session end as a person reads it', () => {
  it('long-term keys have none', () => expect(sessionEndText(null, false, now)).toBe('long-term keys: no session end'));
  it('temporary keys without an expiration say so', () => expect(sessionEndText(null, true, now)).toBe('temporary keys: session end unknown'));
  it('a session ending in 47m 12s', () => expect(sessionEndText(new Date(now.getTime() + 2832_000), true, now)).toMatch(/^ends \d\d:\d\d \(in 47m 12s\) · 2026-11-29 15:47 UTC$/));
  it('a session that ended 2 minutes ago', () => expect(sessionEndText(new Date(now.getTime() - 120_000), true, now)).toMatch(/^session ended \d\d:\d\d \(2m ago\)$/));
});
