// Memory of the TUI's loaded rows, measured apart from everything else (`node dist/bench.js --profile`
// bundles this with esbuild and runs it with --expose-gc): COUNT listing entries shaped exactly like
// src/aws/listing.ts returns them, turned into rows as src/ui/use-listing.ts does (the 'loaded'
// action page by page, visibleRows) as src/ui/use-listing.ts does. Prints JSON: heap bytes per row etc.
import { initialList, internClass, listReducer, visibleRows, type Row } from '../../src/ui/list-state.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const count = Number(process.argv[2] ?? 100_000);
const prefix = 'logs/2026/';
const heap = () => {
  gc();
  gc();
  return process.memoryUsage();
};
const m0 = heap();
let state = initialList(32);
const now = Date.now();
for (let page = 0; page < count / 1000; page++) {
  const rows: Row[] = [];
  for (let i = page * 1000 + 1; i <= page * 1000 + 1000; i++) {
    // what decodeKey(o.Key) gives: a fresh string per key
    const key = decodeURIComponent(`${prefix}event-${String(i).padStart(6, '0')}.json`.replace(/\+/g, '%20'));
    const e = { type: 'object' as const, key, size: 100 + (i % 190), lastModified: new Date(now), storageClass: 'STANDARD', etag: `"${i.toString(16).padStart(32, '0')}"` };
    rows.push({ kind: 'object', key: e.key, nameStart: prefix.length, size: e.size, modified: e.lastModified.getTime(), storageClass: internClass(e.storageClass) });
  }
  state = listReducer(listReducer(state, { type: 'loading' }), { type: 'loaded', rows, nextToken: page + 1 < count / 1000 ? 't' : null });
}
visibleRows(state);
const m1 = heap();
process.stdout.write(`${JSON.stringify({
  count,
  heapUsedBefore: m0.heapUsed,
  heapUsedAfter: m1.heapUsed,
  bytesPerRow: Math.round((m1.heapUsed - m0.heapUsed) / count),
  rssAfter: m1.rss,
  rows: state.rows.length,
})}\n`);
