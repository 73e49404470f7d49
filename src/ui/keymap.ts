// The one key table: command → keys → description → category. The footer hints, the `?` overlay and the
// README's keys table are all generated from it (gemini-cli's keyBindings.ts is the model).
import type { Key } from 'ink';

export type Screen = 'buckets' | 'objects' | 'share' | 'details' | 'history' | 'inspect';

export interface Binding {
  /** Key names: a printable character, or one of the named keys below, optionally `ctrl+`-prefixed. */
  keys: string[];
  description: string;
  category: 'Move' | 'Open' | 'View' | 'Share' | 'Session' | 'App';
  /** Short label for the footer; absent = not in the footer. */
  hint?: string;
  screens: Screen[];
}

const LIST: Screen[] = ['buckets', 'objects'];
const ALL: Screen[] = ['buckets', 'objects', 'share', 'details', 'history', 'inspect'];

export const KEYMAP = {
  down: { keys: ['j', 'down'], description: 'Move down', category: 'Move', hint: 'j/k move', screens: [...LIST, 'history'] },
  up: { keys: ['k', 'up'], description: 'Move up', category: 'Move', screens: [...LIST, 'history'] },
  top: { keys: ['g', 'home'], description: 'Go to the first row', category: 'Move', screens: LIST },
  bottom: { keys: ['G', 'end'], description: 'Last row (loads every page; Esc stops)', category: 'Move', screens: LIST },
  pageDown: { keys: ['pagedown', 'ctrl+f'], description: 'Page down', category: 'Move', screens: LIST },
  pageUp: { keys: ['pageup', 'ctrl+b'], description: 'Page up', category: 'Move', screens: LIST },
  open: { keys: ['return', 'l', 'right'], description: 'Open a bucket or prefix; share an object', category: 'Open', hint: '⏎ open', screens: LIST },
  back: { keys: ['backspace', 'h', 'left'], description: 'Go up one level (keeps your place)', category: 'Open', hint: '⌫ up', screens: ['objects'] },
  openPath: { keys: ['o'], description: 'Open s3://bucket/prefix/ or a prefix here', category: 'Open', hint: 'o open path', screens: LIST },
  filter: { keys: ['/'], description: 'Filter loaded rows as you type (Esc clears)', category: 'View', hint: '/ filter', screens: LIST },
  sort: { keys: ['s'], description: 'Sort by name, size, modified', category: 'View', hint: 's sort', screens: ['objects'] },
  reverse: { keys: ['S'], description: 'Reverse the sort (prefixes stay first)', category: 'View', screens: ['objects'] },
  refresh: { keys: ['r'], description: 'Reload this listing', category: 'View', screens: LIST },
  details: { keys: ['i'], description: 'Object details (HeadObject)', category: 'View', hint: 'i info', screens: ['objects', 'details'] },
  share: { keys: ['p'], description: 'Share: pick an expiry, copy a pre-signed URL', category: 'Share', hint: 'p share', screens: ['objects', 'details'] },
  history: { keys: ['H'], description: 'Links issued this run, with time left', category: 'Share', hint: 'H history', screens: [...LIST, 'history'] },
  inspect: { keys: ['P'], description: 'Paste a URL: see when it really dies', category: 'Share', screens: [...LIST, 'inspect'] },
  prevExpiry: { keys: ['left', 'h'], description: 'Shorter expiry preset', category: 'Share', hint: '←/→ expiry', screens: ['share'] },
  nextExpiry: { keys: ['right', 'l'], description: 'Longer expiry preset', category: 'Share', screens: ['share'] },
  preset: { keys: ['1', '2', '3', '4', '5', '6'], description: 'Expiry preset: 5m, 15m, 1h, 12h, 1d, 7d', category: 'Share', hint: '1-6 preset', screens: ['share'] },
  customExpiry: { keys: ['e'], description: 'Type a custom expiry (30s, 1h30m, 2d, 1w…)', category: 'Share', hint: 'e custom', screens: ['share'] },
  toggleMethod: { keys: ['u'], description: 'Toggle GET (download) / PUT (upload) URL', category: 'Share', hint: 'u GET/PUT', screens: ['share'] },
  copy: { keys: ['y', 'return'], description: 'Sign and copy the URL', category: 'Share', hint: 'y copy', screens: ['share'] },
  probe: { keys: ['t'], description: 'Test the pasted URL against the server now', category: 'Share', hint: 't test', screens: ['inspect'] },
  reloadCredentials: { keys: ['R'], description: 'Re-read credentials (after aws sso login…)', category: 'Session', hint: 'R re-read creds', screens: ALL },
  close: { keys: ['escape'], description: 'Close panel · clear filter · stop loading', category: 'App', hint: 'esc close', screens: ALL },
  help: { keys: ['?'], description: 'Show all keys', category: 'App', hint: '? help', screens: ALL },
  quit: { keys: ['q', 'ctrl+c'], description: 'Quit', category: 'App', hint: 'q quit', screens: ALL },
} satisfies Record<string, Binding>;

export type Command = keyof typeof KEYMAP;

/** The name of the key Ink reports, in the table's vocabulary. */
export function keyName(input: string, key: Key): string {
  const base = key.upArrow ? 'up' : key.downArrow ? 'down' : key.leftArrow ? 'left' : key.rightArrow ? 'right'
    : key.pageUp ? 'pageup' : key.pageDown ? 'pagedown' : key.home ? 'home' : key.end ? 'end'
    : key.return ? 'return' : key.escape ? 'escape' : key.backspace || key.delete ? 'backspace' : key.tab ? 'tab'
    : input;
  return key.ctrl && base.length === 1 ? `ctrl+${base.toLowerCase()}` : base;
}

/** The first command of `screen` bound to this key press, in table order. */
export function commandFor(screen: Screen, input: string, key: Key): Command | null {
  const name = keyName(input, key);
  for (const [cmd, b] of Object.entries(KEYMAP) as [Command, Binding][]) {
    if ((b.screens as Screen[]).includes(screen) && b.keys.includes(name)) return cmd;
  }
  return null;
}

const PRETTY: Record<string, string> = {
  up: '↑', down: '↓', left: '←', right: '→', return: 'Enter', escape: 'Esc', backspace: 'Backspace',
  pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', tab: 'Tab',
};

export function prettyKeys(keys: string[]): string {
  return keys.map((k) => (k.startsWith('ctrl+') ? `ctrl-${k.slice(5)}` : PRETTY[k] ?? k)).join(' ');
}

export function footerHints(screen: Screen): string[] {
  return (Object.values(KEYMAP) as Binding[]).filter((b) => b.hint && b.screens.includes(screen)).map((b) => b.hint!);
}

export function helpRows(): { category: string; keys: string; description: string }[] {
  return (Object.values(KEYMAP) as Binding[]).map((b) => ({ category: b.category, keys: prettyKeys(b.keys), description: b.description }));
}

/** The README's keys table (kept in sync by a test; `npm run screenshots` rewrites it). */
export function keysMarkdown(): string {
  const rows = helpRows().map((r) => `| ${r.keys.replace(/\|/g, '\\|')} | ${r.description} | ${r.category} |`);
  return ['| keys | what it does | group |', '| --- | --- | --- |', ...rows].join('\n');
}
