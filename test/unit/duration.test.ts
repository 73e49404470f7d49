import { describe, expect, it } from 'vitest';
import { MAX_PRESIGN_SECONDS, formatCountdown, formatDuration, parseDuration } from '../../src/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['1h', 3600],
    ['1h30m', 5400],
    ['2h 5m', 7500],
    ['12h', 43200],
    ['1d', 86400],
    ['7d', 604800],
    ['1w', 604800],
    ['3600', 3600],
    ['1', 1],
    ['1H30M', 5400],
    ['  15m\n', 900],
    ['1d 2h 3m 4s', 93784],
    ['2 hours', 7200],
    ['90 min', 5400],
    ['0h30m', 1800],
    ['604800', 604800],
    ['6d23h59m59s', 604799],
  ])('Given "%s" When parsed Then it is %i seconds', (input, seconds) => {
    expect(parseDuration(input)).toEqual({ ok: true, value: seconds });
  });

  it('Given exactly the 7-day maximum When parsed Then it is accepted (boundary)', () => {
    expect(parseDuration(String(MAX_PRESIGN_SECONDS))).toEqual({ ok: true, value: 604800 });
  });

  it.each([
    ['604801', '604801 s is too long'],
    ['8d', '8d is 691200 s'],
    ['7d1s', '7d1s is 604801 s'],
    ['2w', '2w is 1209600 s'],
    ['99999999999999999999d', 'more than 604800 s'],
  ])('Given "%s", over 7 days, When parsed Then it is refused saying what was asked and the limit', (input, asked) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(asked);
    expect(result.error).toContain('at most 7 days (604800 s)');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0', 'must be longer than 0 seconds'],
    ['0s', 'must be longer than 0 seconds'],
    ['0h0m', 'must be longer than 0 seconds'],
    ['-5m', 'negative'],
    ['-3600', 'negative'],
    ['1.5h', 'fraction'],
    ['0.5', 'fraction'],
    ['abc', '"abc" is not a number followed by a unit'],
    ['1x', 'unknown unit "x"'],
    ['1h30', '"30" has no unit'],
    ['1h1h', 'appears twice'],
    ['h', 'not a number followed by a unit'],
    ['1mo', 'unknown unit "mo"'],
  ])('Given "%s" When parsed Then it is refused with a message about %s', (input, reason) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(reason);
  });

  it.each(['abc', '1x', '', '-5m', '1.5h'])('Given the typo "%s" When parsed Then the message shows examples', (input) => {
    const result = parseDuration(input);
    expect(result.ok ? '' : result.error).toContain('use e.g. 15m, 1h30m, 7d');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1s'],
    [45, '45s'],
    [59, '59s'],
    [60, '1m'],
    [2832, '47m 12s'],
    [3600, '1h'],
    [3601, '1h 1s'],
    [5400, '1h 30m'],
    [43200, '12h'],
    [86400, '1d'],
    [604799, '6d 23h'],
    [604800, '7d'],
    [59.9, '59s'],
  ])('Given %d seconds When formatted Then it reads "%s" (two most significant non-zero units, rounded down)', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it.each([
    [-90, '1m 30s'],
    [-2832, '47m 12s'],
  ])('Given %d seconds (in the past) When formatted Then it shows the magnitude for the caller to add "ago"', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it.each([NaN, Infinity])('Given the non-number %d When formatted Then it reads 0s instead of throwing', (s) => {
    expect(formatDuration(s)).toBe('0s');
  });
});

describe('formatCountdown', () => {
  it.each([
    [-5000, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1000, '1s'],
    [2_832_999, '47m 12s'],
    [604_800_000, '7d'],
  ])('Given %d ms left When shown as a countdown Then it reads "%s" (floored to seconds)', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
