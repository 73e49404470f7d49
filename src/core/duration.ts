// Durations as people type them (`15m`, `1h30m`, `7d`) and as people read them (`47m 12s`).
// Pure: no clock reads; callers pass every instant in.

/** SigV4 caps X-Amz-Expires at 7 days; the SDK throws above it (see docs/domain.md §5). */
export const MAX_PRESIGN_SECONDS = 604800;

/** A result that carries either a value or a message a user can act on. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const EXAMPLES = 'use e.g. 15m, 1h30m, 7d';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

// Long spellings map onto the one-letter units, so `2 hours` and `2h` mean the same thing.
// `mo`/`month` is deliberately absent: a month is longer than any pre-signed URL can live.
const UNIT_ALIASES: Record<string, string> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
};

// One `<number><unit>` part; whitespace may sit between number and unit and between parts.
const PART = /(\d+)\s*([a-z]+)\s*/y;

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/**
 * Parse a pre-signed URL lifetime into whole seconds.
 * Refuses rather than clamps anything over 7 days: silently shortening a link surprised people
 * (aws/aws-sdk-ruby#2887), so the message says what was asked and what the limit is.
 */
export function parseDuration(input: string): Parsed<number> {
  const text = input.trim().toLowerCase();
  if (text === '') return fail(`empty duration: ${EXAMPLES}`);
  if (text.startsWith('-')) return fail(`"${input.trim()}" is negative: a duration must be longer than 0 seconds (${EXAMPLES})`);
  if (/\d[.,]\d/.test(text)) {
    return fail(`"${input.trim()}" has a fraction: write whole units instead (1h30m rather than 1.5h; ${EXAMPLES})`);
  }

  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const parsed = parseUnits(text, input.trim());
    if (!parsed.ok) return parsed;
    seconds = parsed.value;
  }

  if (seconds === 0) return fail('a duration must be longer than 0 seconds');
  if (seconds > MAX_PRESIGN_SECONDS) {
    // Beyond 2^53 the exact figure is meaningless; say "more than" instead of printing noise.
    const limit = `a pre-signed URL can live at most 7 days (${MAX_PRESIGN_SECONDS} s)`;
    if (/^\d+$/.test(text)) return fail(`${text} s is too long; ${limit}`);
    const asked = Number.isSafeInteger(seconds) ? `${seconds} s` : `more than ${MAX_PRESIGN_SECONDS} s`;
    return fail(`${input.trim()} is ${asked}; ${limit}`);
  }
  return { ok: true, value: seconds };
}

function parseUnits(text: string, shown: string): Parsed<number> {
  PART.lastIndex = 0;
  const seen = new Set<string>();
  let total = 0;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const m = PART.exec(text);
    if (!m) {
      const rest = text.slice(at);
      const why = /^\d+$/.test(rest) ? `"${rest}" has no unit` : `"${rest}" is not a number followed by a unit`;
      return fail(`cannot read "${shown}": ${why} (units: s, m, h, d, w; ${EXAMPLES})`);
    }
    const unit = UNIT_ALIASES[m[2]];
    if (unit === undefined) return fail(`cannot read "${shown}": unknown unit "${m[2]}" (units: s, m, h, d, w; ${EXAMPLES})`);
    if (seen.has(unit)) return fail(`cannot read "${shown}": the unit "${unit}" appears twice (${EXAMPLES})`);
    seen.add(unit);
    total += Number(m[1]) * UNIT_SECONDS[unit];
  }
  return { ok: true, value: total };
}

const FORMAT_UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * Seconds as the two most significant non-zero units: `47m 12s`, `1h 30m`, `6d 23h`, `7d`.
 * Always rounds down, so a countdown never promises more time than is left.
 * Negative input formats its absolute value: callers add "ago". Non-finite input gives `0s`.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '0s';
  let rest = Math.floor(Math.abs(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of FORMAT_UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** Milliseconds left, floored to seconds; anything at or below zero reads `0s`. */
export function formatCountdown(ms: number): string {
  if (!(ms > 0)) return '0s';
  return formatDuration(Math.floor(ms / 1000));
}
