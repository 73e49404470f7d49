// Numbers and instants for humans. Implemented by hand rather than with Intl/toLocaleString so
// the output never depends on the machine's locale (tests, screenshots and users all see the same).
// Formatters never throw: a bad value shows as text instead of crashing a screen.

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 1024-based sizes: `0 B`, `1023 B`, `1.0 KiB`, `10.5 MiB`, `1.2 GiB`. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '? B';
  if (n < 0) return `-${formatBytes(-n)}`;
  if (n < 1024) return `${Math.floor(n)} B`;
  let value = n / 1024;
  let unit = 0;
  // Compare the rounded figure, so 1048575 B reads `1.0 MiB`, not `1024.0 KiB`.
  while (Number(value.toFixed(1)) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** Thousands separators: `1,000`, `-12,345`, `1,234.5`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  // Beyond 2^53 String() may switch to exponent notation; grouping it would be wrong.
  if (abs >= Number.MAX_SAFE_INTEGER) return String(n);
  const [int, frac] = String(abs).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Calendar fields of `d` in a zone `tzOffsetMinutes` east of UTC (CET = 60, New York = -300;
 * note the opposite sign of Date#getTimezoneOffset). Without an offset, the Date's own local
 * zone: reading the zone is not reading the clock, and the offset lets tests pin the zone.
 */
function fields(d: Date, tzOffsetMinutes?: number): Fields {
  if (tzOffsetMinutes === undefined) {
    return {
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      day: d.getDate(),
      hours: d.getHours(),
      minutes: d.getMinutes(),
      seconds: d.getSeconds(),
    };
  }
  const shifted = new Date(d.getTime() + tzOffsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
    seconds: shifted.getUTCSeconds(),
  };
}

function isValid(d: Date): boolean {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

function ymd(f: Fields): string {
  return `${String(f.year).padStart(4, '0')}-${pad2(f.month)}-${pad2(f.day)}`;
}

const INVALID = 'invalid date';

/** `HH:MM`, 24-hour, local (or at the given offset east of UTC, in minutes). */
export function formatLocalTime(d: Date, tzOffsetMinutes?: number): string {
  if (!isValid(d)) return INVALID;
  const f = fields(d, tzOffsetMinutes);
  return `${pad2(f.hours)}:${pad2(f.minutes)}`;
}

/** `2026-11-29 15:32` local (or at the given offset east of UTC, in minutes). */
export function formatDateShort(d: Date, tzOffsetMinutes?: number): string {
  if (!isValid(d)) return INVALID;
  const f = fields(d, tzOffsetMinutes);
  return `${ymd(f)} ${pad2(f.hours)}:${pad2(f.minutes)}`;
}

/** `2026-11-29 15:32 UTC`. */
export function formatUtc(d: Date): string {
  if (!isValid(d)) return INVALID;
  const f = fields(d, 0);
  return `${ymd(f)} ${pad2(f.hours)}:${pad2(f.minutes)} UTC`;
}

/** ISO 8601 without milliseconds, `2026-11-29T15:32:00Z`: what JSON output and logs carry. */
export function formatIsoUtc(d: Date): string {
  if (!isValid(d)) return INVALID;
  const f = fields(d, 0);
  return `${ymd(f)}T${pad2(f.hours)}:${pad2(f.minutes)}:${pad2(f.seconds)}Z`;
}

/**
 * A moment as a person reads it relative to `now`: `15:32` when it is within the next (or last) 20 hours,
 * else `Mon 15:32` within a week, else the date: `2026-12-06 15:32`. A bare `15:32` for a 7-day link
 * would name the wrong day.
 */
export function formatWhen(d: Date, now: Date, tzOffsetMinutes?: number): string {
  const ms = Math.abs(d.getTime() - now.getTime());
  if (ms < 20 * 3600_000) return formatLocalTime(d, tzOffsetMinutes);
  if (ms < 6.5 * 86400_000) {
    const shifted = tzOffsetMinutes === undefined ? d : new Date(d.getTime() + tzOffsetMinutes * 60_000);
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][tzOffsetMinutes === undefined ? shifted.getDay() : shifted.getUTCDay()];
    return `${day} ${formatLocalTime(d, tzOffsetMinutes)}`;
  }
  return formatDateShort(d, tzOffsetMinutes);
}
