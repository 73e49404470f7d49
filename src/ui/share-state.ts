// Pure state of the share panel: the chosen expiry (a preset or a typed duration) and the method.
import { parseDuration, type Parsed } from '../core/duration.js';

export const PRESETS: { label: string; seconds: number }[] = [
  { label: '5m', seconds: 300 },
  { label: '15m', seconds: 900 },
  { label: '1h', seconds: 3600 },
  { label: '12h', seconds: 43200 },
  { label: '1d', seconds: 86400 },
  { label: '7d', seconds: 604800 },
];
export const DEFAULT_PRESET = 2;

export interface ShareState {
  /** index into PRESETS, or -1 for the typed duration */
  preset: number;
  custom: string;
  editing: boolean;
  method: 'GET' | 'PUT';
}

export const initialShare: ShareState = { preset: DEFAULT_PRESET, custom: '', editing: false, method: 'GET' };

export type ShareAction =
  | { type: 'prev' } | { type: 'next' } | { type: 'preset'; index: number }
  | { type: 'editStart' } | { type: 'editInput'; text: string } | { type: 'editBackspace' } | { type: 'editDone' } | { type: 'editCancel' }
  | { type: 'toggleMethod' };

export function shareReducer(s: ShareState, a: ShareAction): ShareState {
  switch (a.type) {
    case 'prev': return { ...s, preset: s.preset < 0 ? DEFAULT_PRESET : Math.max(0, s.preset - 1) };
    case 'next': return { ...s, preset: s.preset < 0 ? DEFAULT_PRESET : Math.min(PRESETS.length - 1, s.preset + 1) };
    case 'preset': return a.index >= 0 && a.index < PRESETS.length ? { ...s, preset: a.index, editing: false } : s;
    case 'editStart': return { ...s, editing: true, preset: -1 };
    case 'editInput': return { ...s, custom: (s.custom + a.text.replace(/[\r\n\t]/g, '')).slice(0, 40) };
    case 'editBackspace': return { ...s, custom: [...s.custom].slice(0, -1).join('') };
    case 'editDone': return { ...s, editing: false };
    case 'editCancel': return { ...s, editing: false, preset: s.custom ? -1 : DEFAULT_PRESET };
    case 'toggleMethod': return { ...s, method: s.method === 'GET' ? 'PUT' : 'GET' };
  }
}

/** The requested lifetime in seconds, or why the typed text is not one. */
export function chosenSeconds(s: ShareState): Parsed<number> {
  if (s.preset >= 0) return { ok: true, value: PRESETS[s.preset].seconds };
  if (!s.custom.trim()) return { ok: false, error: 'type a duration: 30s, 15m, 1h30m, 2d, 1w' };
  return parseDuration(s.custom);
}
