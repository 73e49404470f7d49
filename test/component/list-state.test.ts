import { describe, expect, it } from 'vitest';
import { initialList, listReducer, rowName, visibleRows, type ListAction, type ListState, type Row } from '../../src/ui/list-state.js';

const obj = (name: string, size = 1, modified = 0): Row =>
  ({ kind: 'object', key: `p/${name}`, nameStart: 2, size, modified, storageClass: 'STANDARD' });
const pre = (name: string): Row => ({ kind: 'prefix', key: `p/${name}`, nameStart: 2 });

function run(state: ListState, ...actions: ListAction[]): ListState {
  return actions.reduce(listReducer, state);
}

function loaded(rows: Row[], nextToken: string | null = null, height = 5): ListState {
  return run(initialList(height), { type: 'loading' }, { type: 'loaded', rows, nextToken });
}

describe('a listing, as the cursor moves', () => {
  const rows = Array.from({ length: 20 }, (_, i) => obj(`f${String(i).padStart(2, '0')}`));

  it('Given 20 rows in a 5-row window, When moving down 7, Then the window scrolls to keep the cursor visible', () => {
    const s = run(loaded(rows), ...Array.from({ length: 7 }, () => ({ type: 'move', delta: 1 }) as ListAction));
    expect(s.cursor).toBe(7);
    expect(s.offset).toBe(3);
  });

  it('Given the cursor at the top, When moving up, Then it stays at the first row', () => {
    expect(run(loaded(rows), { type: 'move', delta: -1 }).cursor).toBe(0);
  });

  it('Given a complete listing, When G, Then the cursor is on the last row and nothing more loads', () => {
    const s = run(loaded(rows), { type: 'bottom' });
    expect(s.cursor).toBe(19);
    expect(s.offset).toBe(15);
    expect(s.loadingAll).toBe(false);
  });

  it('Given more pages exist, When G, Then it starts loading all and lands on the last row once complete', () => {
    let s = run(loaded(rows.slice(0, 10), 'tok'), { type: 'bottom' });
    expect(s.loadingAll).toBe(true);
    s = run(s, { type: 'loading' }, { type: 'loaded', rows: rows.slice(10), nextToken: null });
    expect(s.complete).toBe(true);
    expect(s.loadingAll).toBe(false);
    expect(s.cursor).toBe(19);
  });

  it('Given loading all, When Esc cancels, Then loading stops and automatic loads are held until the user moves', () => {
    let s = run(loaded(rows.slice(0, 10), 'tok'), { type: 'bottom' }, { type: 'loading' }, { type: 'cancel' });
    expect(s.loadingAll).toBe(false);
    expect(s.held).toBe(true);
    s = run(s, { type: 'move', delta: -1 });
    expect(s.held).toBe(false);
  });

  it('Given PgDn, Then the cursor moves one window less a row of overlap', () => {
    expect(run(loaded(rows), { type: 'page', dir: 1 }).cursor).toBe(4);
  });

  it('Given a resize to 10 rows, Then the window grows and the cursor stays', () => {
    const s = run(loaded(rows), { type: 'move', delta: 12 }, { type: 'resize', height: 10 });
    expect(s.cursor).toBe(12);
    expect(s.height).toBe(10);
    expect(s.offset).toBeLessThanOrEqual(12);
    expect(s.offset + 10).toBeGreaterThan(12);
  });
});

describe('filtering loaded rows', () => {
  const rows = [pre('Docs/'), obj('Report.PDF'), obj('report-2.txt'), obj('image.png')];

  it('Given "rep", Then matches are case-insensitive and the cursor goes to the first match', () => {
    const s = run(loaded(rows), { type: 'move', delta: 3 }, { type: 'filterStart' }, { type: 'filterInput', text: 'rep' });
    expect(visibleRows(s).map(rowName)).toEqual(['Report.PDF', 'report-2.txt']);
    expect(s.cursor).toBe(0);
  });

  it('Given a filter on the second match, When Esc clears it, Then the same row stays selected', () => {
    const s = run(loaded(rows), { type: 'filterStart' }, { type: 'filterInput', text: 'rep' }, { type: 'move', delta: 1 }, { type: 'filterClear' });
    expect(s.filter).toBe('');
    expect(rowName(visibleRows(s)[s.cursor])).toBe('report-2.txt');
  });

  it('Given a filter typed a key at a time (with a backspace), Then it gives the same rows as the whole filter at once', () => {
    const many = Array.from({ length: 500 }, (_, i) => obj(`file-${i}-${i % 7 === 0 ? 'Report' : 'data'}.txt`));
    const typed = run(loaded(many), { type: 'filterInput', text: 'rep' }, { type: 'filterInput', text: 'ort-' }, { type: 'filterBackspace' }, { type: 'filterInput', text: '.' });
    const fresh = run(loaded(many), { type: 'filterInput', text: 'report.' });
    expect(visibleRows(typed).map(rowName)).toEqual(visibleRows(fresh).map(rowName));
    expect(visibleRows(typed)).toHaveLength(many.filter((r) => rowName(r).includes('Report')).length);
  });

  it('Given a filter, When another page loads, Then its matching rows join the view', () => {
    const first = Array.from({ length: 3000 }, (_, i) => obj(`a-${i}${i % 1000 === 0 ? '-Report' : ''}.txt`));
    const second = Array.from({ length: 3000 }, (_, i) => obj(`b-${i}${i % 1500 === 0 ? '-report' : ''}.txt`));
    const s = run(loaded(first, 'token'), { type: 'filterStart' }, { type: 'filterInput', text: 'REPORT' });
    expect(visibleRows(s).map(rowName)).toEqual(['a-0-Report.txt', 'a-1000-Report.txt', 'a-2000-Report.txt']);
    const more = run(s, { type: 'loading' }, { type: 'loaded', rows: second, nextToken: null });
    expect(visibleRows(more).map(rowName)).toEqual(['a-0-Report.txt', 'a-1000-Report.txt', 'a-2000-Report.txt', 'b-0-report.txt', 'b-1500-report.txt']);
    expect(more.filter).toBe('REPORT');
  });

  it('Given backspace, Then the last character (even a wide one) is removed', () => {
    const s = run(loaded(rows), { type: 'filterInput', text: 'r日' }, { type: 'filterBackspace' });
    expect(s.filter).toBe('r');
  });
});

describe('sorting', () => {
  const rows = [pre('z/'), obj('b', 30, 3), pre('a/'), obj('a', 10, 2), obj('c', 20, 1)];

  it('Given sort by size, Then prefixes stay first and objects go smallest first', () => {
    const s = run(loaded(rows), { type: 'sortNext' });
    expect(s.sort).toBe('size');
    expect(visibleRows(s).map(rowName)).toEqual(['z/', 'a/', 'a', 'c', 'b']);
  });

  it('Given sort by modified reversed, Then prefixes stay first and the newest object comes first', () => {
    const s = run(loaded(rows), { type: 'sortNext' }, { type: 'sortNext' }, { type: 'sortReverse' });
    expect(s.sort).toBe('modified');
    const names = visibleRows(s).map(rowName);
    expect(names.slice(0, 2).sort()).toEqual(['a/', 'z/']);
    expect(names.slice(2)).toEqual(['b', 'a', 'c']);
  });

  it('Given a third s, Then the sort cycles back to name (server order, prefixes first)', () => {
    const s = run(loaded(rows), { type: 'sortNext' }, { type: 'sortNext' }, { type: 'sortNext' });
    expect(s.sort).toBe('name');
    expect(visibleRows(s).map(rowName)).toEqual(['z/', 'a/', 'b', 'a', 'c']);
  });
});

describe('errors and cancellation', () => {
  it('Given the first page fails, Then the error is kept and rows stay empty', () => {
    const s = run(initialList(), { type: 'loading' }, { type: 'failed', error: { kind: 'denied', message: 'Listing is denied', hint: 'h' } });
    expect(s.error?.kind).toBe('denied');
    expect(s.loading).toBe(false);
  });

  it('Given the first page is cancelled, Then the listing says so instead of retrying in a loop', () => {
    const s = run(initialList(), { type: 'loading' }, { type: 'cancel' });
    expect(s.error?.kind).toBe('cancelled');
  });

  it('Given a failure after rows were shown, Then the rows and the cursor are kept', () => {
    const rows = Array.from({ length: 8 }, (_, i) => obj(`f${i}`));
    const s = run(loaded(rows, 'tok'), { type: 'move', delta: 6 }, { type: 'loading' }, { type: 'failed', error: { kind: 'network', message: 'down', hint: '' } });
    expect(s.rows).toHaveLength(8);
    expect(s.cursor).toBe(6);
  });
});
