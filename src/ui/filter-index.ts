// The `/` filter over loaded rows, fast enough for every key press on 100,000 of them.
//
// Rows are indexed in chunks of up to CHUNK rows: each chunk holds its rows' lower-cased names joined by
// "\n" in one string, and where each name starts. A filter is then one native `indexOf` scan per chunk
// (a needle that matches nothing costs microseconds), the matches land in a typed array, and no per-row
// closure or lower-case string is kept. A name may itself contain "\n": a hit counts only when it lies
// wholly inside one name, so the separator never joins two names into a false match.
//
// Chunks are added as pages arrive (rows only ever grow by appending, or are replaced by a new listing),
// and the index lives in a WeakMap keyed by the listing's first row, so it goes away with the listing.

/** The part of a row the filter needs: its name is `key.slice(nameStart)`. */
export interface Named { key: string; nameStart: number }

const CHUNK = 2048;

interface Chunk {
  /** lower-cased names, each followed by "\n" */
  hay: string;
  /** start of each name in `hay`, plus one past the last separator */
  starts: Int32Array;
}

interface Index {
  /** rows indexed so far */
  n: number;
  /** the row at n - 1, to check that the rows were appended to, not replaced */
  last: Named | undefined;
  chunks: Chunk[];
}

const indexes = new WeakMap<Named, Index>();

/** A row's name: its key without the listing's prefix. */
export function nameOf(r: Named): string {
  return r.nameStart ? r.key.slice(r.nameStart) : r.key;
}

function chunkOf(rows: readonly Named[], from: number, to: number): Chunk {
  const starts = new Int32Array(to - from + 1);
  const parts: string[] = new Array(to - from);
  let pos = 0;
  for (let i = from; i < to; i++) {
    const lower = nameOf(rows[i]).toLowerCase();
    starts[i - from] = pos;
    parts[i - from] = lower;
    pos += lower.length + 1;
  }
  starts[to - from] = pos;
  return { hay: parts.join('\n') + '\n', starts };
}

function indexFor(rows: readonly Named[]): Index {
  const first = rows[0];
  let ix = indexes.get(first);
  if (!ix || ix.n > rows.length || (ix.n > 0 && rows[ix.n - 1] !== ix.last)) {
    ix = { n: 0, last: undefined, chunks: [] };
    indexes.set(first, ix);
  }
  // A partly filled last chunk is built again with the new rows.
  const last = ix.chunks[ix.chunks.length - 1];
  if (last && last.starts.length - 1 < CHUNK && ix.n < rows.length) {
    ix.chunks.pop();
    ix.n -= last.starts.length - 1;
  }
  while (ix.n < rows.length) {
    const to = Math.min(rows.length, ix.n + CHUNK);
    ix.chunks.push(chunkOf(rows, ix.n, to));
    ix.n = to;
  }
  ix.last = rows[ix.n - 1];
  return ix;
}

/** Build (or top up) the index now, e.g. when the user opens the filter, so the first key press is cheap. */
export function warmFilterIndex(rows: readonly Named[]): void {
  if (rows.length) indexFor(rows);
}

/**
 * The rows whose name contains `needle` (already lower-cased, not empty), in their order. When every row
 * matches, `rows` itself comes back (no copy).
 */
export function filterRows<T extends Named>(rows: readonly T[], needle: string): readonly T[] {
  if (!rows.length) return rows;
  const ix = indexFor(rows);
  const hits = new Int32Array(rows.length);
  let n = 0;
  const len = needle.length;
  let base = 0;
  for (const { hay, starts } of ix.chunks) {
    const count = starts.length - 1;
    let pos = 0;
    let row = 0;
    for (;;) {
      const at = hay.indexOf(needle, pos);
      if (at < 0) break;
      while (starts[row + 1] <= at) row++;
      // starts[row + 1] - 1 is this name's separator: the hit must end before it.
      if (at + len < starts[row + 1]) hits[n++] = base + row;
      row++;
      if (row >= count) break;
      pos = starts[row];
    }
    base += count;
  }
  if (n === rows.length) return rows;
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = rows[hits[i]];
  return out;
}
