import { formatCountdown } from './duration.js';
import { formatUtc, formatWhen } from './format.js';

/**
 * The session end as a person reads it, the same in the TUI's identity line and in `whoami`:
 * `ends 15:32 (in 47m 12s) · 2026-11-29 15:32 UTC`, `session ended 15:32 (2m ago)`, or why there is none.
 */
export function sessionEndText(end: Date | null, temporary: boolean, now: Date): string {
  if (!end) return temporary ? 'temporary keys: session end unknown' : 'long-term keys: no session end';
  const left = end.getTime() - now.getTime();
  if (left <= 0) return `session ended ${formatWhen(end, now)} (${formatCountdown(-left)} ago)`;
  return `ends ${formatWhen(end, now)} (in ${formatCountdown(left)}) · ${formatUtc(end)}`;
}
