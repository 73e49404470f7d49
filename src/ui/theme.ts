// Semantic colours. NO_COLOR / --no-color turn colour off at the source (FORCE_COLOR=0 before Ink loads).
export const theme = {
  ok: 'green',
  warn: 'yellow',
  danger: 'red',
  muted: 'gray',
  accent: 'cyan',
  selected: 'blue',
} as const;

export type Tone = 'ok' | 'warn' | 'danger' | 'muted' | 'accent';

/** The tone for a session with `msLeft` remaining (null: no session end). */
export function sessionTone(msLeft: number | null): Tone {
  if (msLeft === null) return 'ok';
  if (msLeft <= 0) return 'danger';
  if (msLeft < 15 * 60_000) return 'warn';
  return 'ok';
}
