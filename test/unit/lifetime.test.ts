import { describe, expect, it } from 'vitest';
import { computeLifetime, type LifetimeInput } from '../../src/core/lifetime.js';

const SIGNED = new Date('2026-11-29T15:00:00Z');
const at = (secondsAfterSigning: number): Date => new Date(SIGNED.getTime() + secondsAfterSigning * 1000);
const H12 = 12 * 3600;

function lifetime(overrides: Partial<LifetimeInput>) {
  return computeLifetime({ signedAt: SIGNED, requestedSeconds: H12, sessionEndsAt: null, ...overrides });
}

describe('computeLifetime: which limit wins', () => {
  it.each([
    {
      given: 'no session end (long-term keys)',
      sessionEndsAt: null,
      limitedBy: 'request',
      effectiveSeconds: H12,
      warnings: [],
    },
    {
      given: 'a session ending one second before the requested expiry',
      sessionEndsAt: at(H12 - 1),
      limitedBy: 'session',
      effectiveSeconds: H12 - 1,
      warnings: ['session-shorter'],
    },
    {
      given: 'a session ending exactly at the requested expiry (tie)',
      sessionEndsAt: at(H12),
      limitedBy: 'request',
      effectiveSeconds: H12,
      warnings: [],
    },
    {
      given: 'a session ending one second after the requested expiry',
      sessionEndsAt: at(H12 + 1),
      limitedBy: 'request',
      effectiveSeconds: H12,
      warnings: [],
    },
    {
      given: 'a session ending in 47m 12s',
      sessionEndsAt: at(2832),
      limitedBy: 'session',
      effectiveSeconds: 2832,
      warnings: ['session-shorter'],
    },
    {
      given: 'a session ending 500 ms after signing',
      sessionEndsAt: new Date(SIGNED.getTime() + 500),
      limitedBy: 'session',
      effectiveSeconds: 0,
      warnings: ['session-shorter'],
    },
  ])('Given $given When a 12h link is computed Then it is limited by $limitedBy', (c) => {
    const result = lifetime({ sessionEndsAt: c.sessionEndsAt });
    expect(result.limitedBy).toBe(c.limitedBy);
    expect(result.effectiveSeconds).toBe(c.effectiveSeconds);
    expect(result.canSign).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(c.warnings);
    expect(result.requestedExpiresAt).toEqual(at(H12));
  });

  it('Given a session shorter than the request Then the effective expiry is the session end', () => {
    const ends = at(2832);
    expect(lifetime({ sessionEndsAt: ends }).effectiveExpiresAt).toEqual(ends);
  });

  it('Given a session shorter than the request Then the warning says both durations and that the link dies with it', () => {
    const [warning] = lifetime({ sessionEndsAt: at(2832) }).warnings;
    expect(warning.message).toBe('your session ends in 47m 12s, before the 12h you asked for: the link dies with it');
  });

  it('Given the inputs Then they are echoed back unchanged', () => {
    const ends = at(H12 + 60);
    const result = lifetime({ sessionEndsAt: ends, requestedSeconds: 900 });
    expect(result).toMatchObject({ signedAt: SIGNED, requestedSeconds: 900, sessionEndsAt: ends });
    expect(result.effectiveExpiresAt).toEqual(at(900));
  });
});

describe('computeLifetime: sessions that already ended', () => {
  it.each([
    ['exactly at the signing instant', 0, 'just now'],
    ['five minutes before signing', -300, '5m ago'],
  ])('Given a session that ended %s When computed Then signing is refused', (_label, offset, ago) => {
    const result = lifetime({ sessionEndsAt: at(offset) });
    expect(result.canSign).toBe(false);
    expect(result.effectiveSeconds).toBe(0);
    expect(result.limitedBy).toBe('session');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0].code).toBe('session-ended');
    expect(result.warnings[0].message).toContain(ago);
  });
});

describe('computeLifetime: who signs', () => {
  it('Given the root user signs When computed Then a root-signer warning says it is bad practice', () => {
    const result = lifetime({ signerKind: 'root' });
    expect(result.warnings.map((w) => w.code)).toEqual(['root-signer']);
    expect(result.warnings[0].message).toContain('bad practice');
    expect(result.canSign).toBe(true);
  });

  it('Given root signs with a short session When computed Then both warnings appear', () => {
    const codes = lifetime({ signerKind: 'root', sessionEndsAt: at(60) }).warnings.map((w) => w.code);
    expect(codes).toEqual(['session-shorter', 'root-signer']);
  });

  it.each([
    ['an assumed role', { signerKind: 'assumed-role' }],
    ['SSO', { signerKind: 'sso' }],
    ['a federated user', { signerKind: 'federated-user' }],
    ['temporary credentials of unknown kind', { signerKind: 'unknown', temporary: true }],
  ])('Given %s with no known session end When computed Then it warns that the end is unknown', (_label, extra) => {
    const result = lifetime(extra);
    expect(result.warnings.map((w) => w.code)).toEqual(['no-session-info']);
    expect(result.limitedBy).toBe('request');
  });

  it.each([
    ['an IAM user', { signerKind: 'iam-user' }],
    ['an unknown signer not known to be temporary', { signerKind: 'unknown' }],
    ['nothing known', {}],
  ])('Given %s with no session end When computed Then there is no warning', (_label, extra) => {
    expect(lifetime(extra).warnings).toEqual([]);
  });
});

describe('computeLifetime: invalid requests are programming errors', () => {
  it('Given the 7-day maximum When computed Then it is accepted (boundary)', () => {
    expect(lifetime({ requestedSeconds: 604800 }).effectiveSeconds).toBe(604800);
  });

  it.each([604801, 0, -1, 1.5, NaN])('Given requestedSeconds %d When computed Then it throws a RangeError', (seconds) => {
    expect(() => lifetime({ requestedSeconds: seconds })).toThrow(RangeError);
  });

  it('Given an invalid signing date When computed Then it throws a RangeError', () => {
    expect(() => lifetime({ signedAt: new Date('nope') })).toThrow(RangeError);
  });
});
