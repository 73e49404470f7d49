import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDateShort,
  formatIsoUtc,
  formatLocalTime,
  formatUtc,
} from '../../src/core/format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1048575, '1.0 MiB'], // rounds up into the next unit, never "1024.0 KiB"
    [1048576, '1.0 MiB'],
    [10.5 * 1024 * 1024, '10.5 MiB'],
    [1288490189, '1.2 GiB'],
    [5 * 1024 ** 4, '5.0 TiB'],
    [2 * 1024 ** 6, '2.0 EiB'],
    [4096 * 1024 ** 6, '4096.0 EiB'],
    [-2048, '-2.0 KiB'],
    [NaN, '? B'],
  ])('Given %d bytes When formatted Then it reads "%s" (1024-based)', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [12345, '12,345'],
    [999999, '999,999'],
    [1000000, '1,000,000'],
    [-1234567, '-1,234,567'],
    [1234.5, '1,234.5'],
  ])('Given %d When formatted Then it reads "%s" whatever the locale', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe('dates and times', () => {
  const d = new Date('2026-11-29T15:32:45.678Z');

  it.each([
    [0, '15:32'],
    [60, '16:32'],
    [-300, '10:32'],
    [330, '21:02'],
    [540, '00:32'], // crosses midnight
  ])('Given an offset of %i minutes east of UTC When the local time is shown Then it reads %s', (offset, text) => {
    expect(formatLocalTime(d, offset)).toBe(text);
  });

  it.each([
    [0, '2026-11-29 15:32'],
    [540, '2026-11-30 00:32'],
    [-960, '2026-11-28 23:32'],
  ])('Given an offset of %i minutes When the short date is shown Then it reads %s', (offset, text) => {
    expect(formatDateShort(d, offset)).toBe(text);
  });

  it('Given no offset When local times are shown Then they use the Date\'s own local zone', () => {
    const ownOffset = -d.getTimezoneOffset();
    expect(formatLocalTime(d)).toBe(formatLocalTime(d, ownOffset));
    expect(formatDateShort(d)).toBe(formatDateShort(d, ownOffset));
    expect(formatLocalTime(d)).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
  });

  it.each([
    [d, '2026-11-29 15:32 UTC', '2026-11-29T15:32:45Z'],
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02 03:04 UTC', '2026-01-02T03:04:05Z'],
    [new Date('1999-12-31T23:59:59.999Z'), '1999-12-31 23:59 UTC', '1999-12-31T23:59:59Z'],
  ])('Given %s When shown in UTC Then it reads %s and, as ISO, %s', (date, utc, iso) => {
    expect(formatUtc(date)).toBe(utc);
    expect(formatIsoUtc(date)).toBe(iso);
  });

  it('Given an invalid Date When formatted Then every formatter says so instead of throwing', () => {
    const bad = new Date('nope');
    expect([formatLocalTime(bad), formatDateShort(bad), formatUtc(bad), formatIsoUtc(bad)]).toEqual(
      Array(4).fill('invalid date'),
    );
  });
});
