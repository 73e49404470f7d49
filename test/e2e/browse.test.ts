// A person browsing: the built binary in tmux at 120x40, keys in, screen out, against the demo seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, demoEnv, startS3rver, type S3rverHandle } from '../support/s3rver.js';
import type { SeedSummary } from '../support/seed.js';
import { requireTmux } from '../support/servers.js';
import { startTui, type Tui } from '../support/tmux.js';

const hasTmux = await requireTmux();
let s3rver: S3rverHandle;
let seed: SeedSummary;

const env = (minutes = 50) => demoEnv(minutes, { S3PEEK_PAGE_SIZE: '500' });

/** The line the cursor (▸) is on. */
const cursorLine = (screen: string) => screen.split('\n').find((l) => l.includes('▸')) ?? '';

describe.skipIf(!hasTmux)('browsing the demo seed in tmux', () => {
  let tui: Tui;
  beforeAll(async () => {
    s3rver = await startS3rver({ seed: true });
    seed = s3rver.seed!;
  });
  afterAll(async () => {
    await tui?.kill();
    await s3rver?.stop();
  });

  it('Given the demo, Then the bucket list shows with the identity line and the session end', async () => {
    tui = await startTui(['--endpoint-url', s3rver.endpoint], { env: env() });
    const screen = await tui.waitFor(seed.deepPrefix.bucket, 15_000);
    for (const b of seed.buckets) expect(screen).toContain(b);
    expect(screen).toMatch(/session ends \d\d:\d\d \(in 49m \d+s\)/);
    expect(screen).toContain(DEMO_CREDENTIALS.accessKeyId);
    expect(screen).toContain(`1 / ${seed.buckets.length}`);
  });

  it('When "/", a name and Enter Enter arrive in one chunk (typed fast), Then the filter is kept and the bucket opens', async () => {
    const bucket = seed.buckets[seed.buckets.length - 1];
    await tui.type(`/${bucket}\r\r`);
    await tui.waitFor(new RegExp(`^s3://${bucket}/\\s*$`, 'm'));
    await tui.send('BSpace');
    await tui.waitFor(`Buckets filter /${bucket}`);
    await tui.send('Escape');
    await tui.waitForGone(`filter /${bucket}`);
    await tui.send('g');
    expect(cursorLine(await tui.waitFor(new RegExp(`▸ ${seed.buckets[0]}`)))).toContain(seed.buckets[0]);
  });

  it('When opening a bucket and walking down to a nested prefix, Then the breadcrumb follows', async () => {
    const { bucket, prefix } = seed.deepPrefix;
    const index = seed.buckets.indexOf(bucket);
    for (let i = 0; i < index; i++) await tui.send('j');
    await tui.waitFor(new RegExp(`▸ ${bucket}`));
    await tui.send('Enter');
    await tui.waitFor(`s3://${bucket}/`);
    for (const part of prefix.split('/').filter(Boolean)) {
      await tui.send('/');
      await tui.type(part);
      await tui.waitFor(new RegExp(`▸ ${part}/`));
      await tui.send('Enter'); // keep the filter, then open
      await tui.send('Enter');
      await tui.waitFor(new RegExp(`s3://${bucket}/\\S*${part}/`));
    }
    expect(await tui.screen()).toContain(`s3://${bucket}/${prefix}`);
  });

  it('When filtering, Then only matching rows remain and the counter says how many', async () => {
    await tui.send('/');
    await tui.type('CSV');
    const screen = await tui.waitFor(/matches in/);
    const rows = screen.split('\n').filter((l) => /^\s*▸?\s+\S.*\s(B|KiB|MiB)\s/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.toLowerCase()).toContain('csv');
  });

  it('When pressing i on an object, Then its details come from HeadObject', async () => {
    await tui.send('Enter');
    await tui.send('i');
    const screen = await tui.waitFor('content type');
    expect(screen).toContain('text/csv');
    expect(screen).toMatch(/size\s+[\d,]+ bytes/);
    expect(screen).toContain('ETag');
    await tui.send('Escape');
    await tui.waitForGone('content type');
  });

  it('When going back up, Then the cursor is on the prefix we came from, at every level', async () => {
    const { prefix } = seed.deepPrefix;
    const parts = prefix.split('/').filter(Boolean);
    await tui.send('Escape'); // clear the filter
    for (let i = parts.length - 1; i >= 0; i--) {
      await tui.send('BSpace');
      const screen = await tui.waitFor(new RegExp(`▸ ${parts[i]}/`));
      expect(cursorLine(screen)).toContain(`${parts[i]}/`);
    }
    await tui.send('BSpace');
    const top = await tui.waitFor('Buckets');
    expect(cursorLine(top)).toContain(seed.deepPrefix.bucket);
  });

  it('When G on the 5,000-object prefix, Then every page loads and the cursor is on the last key', async () => {
    await tui.send('o');
    await tui.type(`s3://${seed.bigPrefix.bucket}/${seed.bigPrefix.prefix}`);
    await tui.send('Enter');
    await tui.waitFor(/\d \/ 500\+/, 15_000);
    await tui.send('G');
    const screen = await tui.waitFor(`5,000 / 5,000`, 30_000);
    expect(screen).not.toContain('5,000+');
  });

  it('When paging through all 5,000 rows and back (more lines than the renderer caches hold), Then every screen shows the rows it should', async () => {
    // Rows on screen, as numbers (app-00042.log → 42), and the counter's cursor position.
    const look = (screen: string) => ({
      rows: screen.split('\n').map((l) => /app-(\d{5})\.log/.exec(l)?.[1]).filter((n): n is string => n !== undefined).map(Number),
      cursor: Number(/▸ app-(\d{5})\.log/.exec(screen)?.[1]),
      counter: Number(/([\d,]+) \/ 5,000/.exec(screen)?.[1].replace(/,/g, '')),
    });
    const consecutive = (rows: number[]) => rows.every((n, i) => i === 0 || n === rows[i - 1] + 1);
    await tui.send('g');
    await tui.waitFor(/▸ app-00001\.log/);
    await tui.send(...Array<string>(200).fill('NPage')); // every row drawn: ~5,000 distinct lines
    const end = look(await tui.waitFor(/▸ app-05000\.log/, 20_000));
    expect(end.rows.length).toBeGreaterThan(20);
    expect(consecutive(end.rows)).toBe(true);
    expect(end.rows.at(-1)).toBe(5000);
    expect(end.counter).toBe(5000);
    await tui.send(...Array<string>(75).fill('PPage'));
    // 75 pages up from the end: the cursor lands on row 5000 - 75 × (window - 1), once every key is drawn.
    let mid = look(await tui.waitForGone(/▸ app-05000\.log/));
    for (let settled = 0; settled < 3; ) {
      await new Promise((r) => setTimeout(r, 100));
      const next = look(await tui.screen());
      settled = next.cursor === mid.cursor ? settled + 1 : 0;
      mid = next;
    }
    expect(consecutive(mid.rows)).toBe(true);
    expect(mid.rows).toContain(mid.cursor);
    expect(mid.counter).toBe(mid.cursor);
    expect(mid.cursor).toBe(5000 - 75 * (end.rows.length - 1));
  });

  it('When q, Then the program exits 0 and the terminal is back as it was', async () => {
    await tui.send('q');
    expect(await tui.waitForExit(5000)).toBe(0);
    const screen = await tui.screen();
    expect(screen).not.toContain('s3peek profile');
    expect(screen).not.toContain('▸');
  });
});

describe.skipIf(!hasTmux)('the TUI at the edges', () => {
  let tui: Tui | undefined;
  let server: S3rverHandle;
  beforeAll(async () => {
    server = await startS3rver({ seed: true });
  });
  afterAll(async () => {
    await tui?.kill();
    await server?.stop();
  });

  it('Given a path on the command line, Then it starts there', async () => {
    const { bucket, prefix } = server.seed!.deepPrefix;
    tui = await startTui(['--endpoint-url', server.endpoint, `s3://${bucket}/${prefix}`], { env: env() });
    const screen = await tui.waitFor(/\.csv/, 15_000);
    expect(screen).toContain(`s3://${bucket}/${prefix}`);
  });

  it('Given a terminal too small, Then a short message replaces the layout, and it reflows when enlarged', async () => {
    await tui!.resize(40, 8);
    await tui!.waitFor('Terminal too small');
    await tui!.resize(120, 40);
    await tui!.waitFor(server.seed!.deepPrefix.prefix);
    await tui!.send('?');
    const help = await tui!.waitFor('Keys — Esc or ? closes');
    expect(help).toContain('Filter loaded rows as you type');
    await tui!.send('q');
    expect(await tui!.waitForExit(5000)).toBe(0);
  });
});
