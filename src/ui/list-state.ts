// Pure state of one listing (a bucket list or one prefix): loaded rows, cursor, window, filter, sort.
// No Ink, no I/O: tested on its own. Windowing lives here (cli-kit's use-select-state does the same).
import { sanitize } from '../core/sanitize.js';
import { filterRows, nameOf, warmFilterIndex } from './filter-index.js';

// Rows are lean: 100,000 of them must stay well under 200 MB with Ink and the SDK loaded. The name is the
// key minus the listing's prefix (`nameStart`), display text is computed on first use (only for rows on
// screen), dates are numbers. The filter keeps its own compact index (filter-index.ts).
export interface BucketRow { kind: 'bucket'; key: string; createdAt: number | null }
export interface PrefixRow { kind: 'prefix'; key: string }
export interface ObjectRow { kind: 'object'; key: string; size: number; modified: number | null; storageClass: string }
export type Row = (BucketRow | PrefixRow | ObjectRow) & {
  /** where the name starts in the key (the listing's prefix length) */
  nameStart: number;
  /** cache: sanitized name, set by rowDisplay() */
  display?: string;
};

export function rowName(r: Row): string {
  return nameOf(r);
}

export function rowDisplay(r: Row): string {
  return (r.display ??= sanitize(rowName(r)));
}

const classes = new Map<string, string>();
/** One string per storage class, not one per row. */
export function internClass(c: string): string {
  let v = classes.get(c);
  if (v === undefined) classes.set(c, (v = c));
  return v;
}

export type SortKey = 'name' | 'size' | 'modified';
export const SORT_KEYS: SortKey[] = ['name', 'size', 'modified'];

export interface ListError { message: string; hint: string; kind: string }

export interface ListState {
  rows: Row[];
  nextToken: string | null;
  /** every page is loaded */
  complete: boolean;
  loading: boolean;
  /** `G`: loading every remaining page */
  loadingAll: boolean;
  error: ListError | null;
  /** index into the visible rows */
  cursor: number;
  /** first visible row of the window */
  offset: number;
  height: number;
  filter: string;
  filterEditing: boolean;
  sort: SortKey;
  reverse: boolean;
  /** pages requested so far (shown in the loading-all progress) */
  pages: number;
  /** jump to the end once everything is loaded */
  pendingBottom: boolean;
  /** Esc stopped loading: no automatic page loads until the user moves again */
  held: boolean;
}

export function initialList(height = 20): ListState {
  return {
    rows: [], nextToken: null, complete: false, loading: false, loadingAll: false, error: null,
    cursor: 0, offset: 0, height, filter: '', filterEditing: false, sort: 'name', reverse: false, pages: 0, pendingBottom: false, held: false,
  };
}

// Single-entry memo: the view is recomputed only when rows, filter or sort change, not per key press.
let memo: { rows: Row[]; filter: string; sort: SortKey; reverse: boolean; view: Row[] } | null = null;

export function visibleRows(s: Pick<ListState, 'rows' | 'filter' | 'sort' | 'reverse'>): Row[] {
  if (memo && memo.rows === s.rows && memo.filter === s.filter && memo.sort === s.sort && memo.reverse === s.reverse) {
    return memo.view;
  }
  const needle = s.filter.toLowerCase();
  const filtered = needle ? (filterRows(s.rows, needle) as Row[]) : s.rows;
  const view = sortRows(filtered, s.sort, s.reverse);
  memo = { rows: s.rows, filter: s.filter, sort: s.sort, reverse: s.reverse, view };
  return view;
}

/** Prefix rows in an array, remembered per array: a filter that keeps every row does not count again. */
const prefixCounts = new WeakMap<Row[], number>();
function countPrefixes(rows: Row[]): number {
  let n = prefixCounts.get(rows);
  if (n === undefined) {
    n = 0;
    for (let i = 0; i < rows.length; i++) if (rows[i].kind === 'prefix') n++;
    prefixCounts.set(rows, n);
  }
  return n;
}

function sortRows(rows: Row[], sort: SortKey, reverse: boolean): Row[] {
  const prefixes = countPrefixes(rows);
  // The common case, S3's own order with nothing to move: no copy at all.
  if (sort === 'name' && !reverse && (prefixes === 0 || prefixes === rows.length)) return rows;
  const groups: Row[] = [];
  const items: Row[] = [];
  for (const r of rows) (r.kind === 'prefix' ? groups : items).push(r);
  if (sort === 'name') {
    // S3 returns keys in order; keep that order (it is the byte order S3 pages by).
    if (reverse) { groups.reverse(); items.reverse(); }
  } else {
    const value = (r: Row) => (r.kind === 'object' ? (sort === 'size' ? r.size : r.modified ?? 0) : r.kind === 'bucket' ? r.createdAt ?? 0 : 0);
    items.sort((a, b) => (reverse ? value(b) - value(a) : value(a) - value(b)));
    if (reverse) groups.reverse();
  }
  // Prefixes stay first whatever the sort.
  return groups.length === 0 ? items : groups.concat(items);
}

export type ListAction =
  | { type: 'move'; delta: number }
  | { type: 'top' }
  | { type: 'bottom' }
  | { type: 'page'; dir: 1 | -1 }
  | { type: 'resize'; height: number }
  | { type: 'loading' }
  | { type: 'loaded'; rows: Row[]; nextToken: string | null; replace?: boolean }
  | { type: 'failed'; error: ListError }
  | { type: 'loadAll' }
  | { type: 'cancel' }
  | { type: 'interrupted' }
  | { type: 'filterStart' }
  | { type: 'filterInput'; text: string }
  | { type: 'filterBackspace' }
  | { type: 'filterDone' }
  | { type: 'filterClear' }
  | { type: 'sortNext' }
  | { type: 'sortReverse' }
  | { type: 'select'; key: string }
  | { type: 'reset' }
  /** after a failure: try the failed request again, keeping the rows, cursor and filter */
  | { type: 'retry' };

function clampWindow(s: ListState, cursor: number, total: number): ListState {
  const c = Math.max(0, Math.min(cursor, total - 1));
  let offset = s.offset;
  if (c < offset) offset = c;
  if (c >= offset + s.height) offset = c - s.height + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, total - s.height)));
  return { ...s, cursor: Math.max(0, c), offset };
}

export function listReducer(state: ListState, a: ListAction): ListState {
  const moving = a.type === 'move' || a.type === 'top' || a.type === 'bottom' || a.type === 'page' || a.type === 'loadAll';
  const s = moving && state.held ? { ...state, held: false } : state;
  const total = () => visibleRows(s).length;
  switch (a.type) {
    case 'move': return clampWindow(s, s.cursor + a.delta, total());
    case 'top': return clampWindow({ ...s, pendingBottom: false }, 0, total());
    case 'bottom':
      if (!s.complete) return { ...clampWindow(s, total() - 1, total()), loadingAll: true, pendingBottom: true };
      return clampWindow(s, total() - 1, total());
    case 'page': return clampWindow(s, s.cursor + a.dir * Math.max(1, s.height - 1), total());
    case 'resize': return clampWindow({ ...s, height: Math.max(1, a.height) }, s.cursor, total());
    case 'loading': return { ...s, loading: true, error: null };
    case 'loaded': {
      const rows = a.replace ? a.rows : s.rows.concat(a.rows);
      const complete = a.nextToken === null;
      const next: ListState = {
        ...s, rows, nextToken: a.nextToken, complete, loading: false, error: null, pages: s.pages + 1,
        loadingAll: s.loadingAll && !complete,
      };
      const n = visibleRows(next).length;
      if (complete && s.pendingBottom) return clampWindow({ ...next, pendingBottom: false }, n - 1, n);
      return clampWindow(next, a.replace ? 0 : next.cursor, n);
    }
    case 'failed': return { ...s, loading: false, loadingAll: false, pendingBottom: false, error: a.error };
    case 'loadAll': return { ...s, loadingAll: !s.complete };
    case 'cancel': {
      const error = s.pages === 0 && s.loading ? { kind: 'cancelled', message: 'Loading cancelled.', hint: 'Press r to try again.' } : s.error;
      return { ...s, loadingAll: false, pendingBottom: false, loading: false, held: true, error };
    }
    case 'interrupted': return { ...s, loading: false };
    case 'filterStart':
      // Index the names now (about 6 ms per 100,000 rows, once): the first typed character is then cheap.
      warmFilterIndex(s.rows);
      return { ...s, filterEditing: true };
    case 'filterInput': return clampWindow({ ...s, filter: s.filter + a.text, offset: 0 }, 0, visibleRows({ ...s, filter: s.filter + a.text }).length);
    case 'filterBackspace': {
      const filter = [...s.filter].slice(0, -1).join('');
      return clampWindow({ ...s, filter, offset: 0 }, 0, visibleRows({ ...s, filter }).length);
    }
    case 'filterDone': return { ...s, filterEditing: false };
    case 'filterClear': {
      // Keep the selected row selected when the filter goes away.
      const selected: Row | undefined = visibleRows(s)[s.cursor];
      const cleared = { ...s, filter: '', filterEditing: false };
      const view = visibleRows(cleared);
      const idx = selected === undefined ? 0 : Math.max(0, view.indexOf(selected));
      return clampWindow(cleared, idx, view.length);
    }
    case 'sortNext': {
      const sort = SORT_KEYS[(SORT_KEYS.indexOf(s.sort) + 1) % SORT_KEYS.length];
      return clampWindow({ ...s, sort, offset: 0 }, 0, total());
    }
    case 'sortReverse': return clampWindow({ ...s, reverse: !s.reverse, offset: 0 }, 0, total());
    case 'select': {
      const idx = visibleRows(s).findIndex((r) => r.key === a.key);
      return idx < 0 ? s : clampWindow(s, idx, total());
    }
    case 'reset': return { ...initialList(s.height), filter: s.filter, sort: s.sort, reverse: s.reverse };
    case 'retry': return { ...s, error: null, held: false };
  }
}
