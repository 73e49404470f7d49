// Each screen's states, rendered by Ink into a fake terminal (ink-testing-library, 100 columns x 24 rows).
// The UI's only door to the world is the Services interface (plain data), so these tests hand it plain
// data — the AWS SDK is exercised for real in the integration and e2e tiers.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import type { Services } from '../../src/ui/services.js';
import type { ListPage } from '../../src/aws/listing.js';
import { AppError } from '../../src/aws/errors.js';

const NOW = new Date('2026-11-29T15:00:00Z');
let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

function services(over: Partial<Services> = {}): Services {
  return {
    connection: { profile: 'dev', region: 'eu-west-1', endpoint: null, stsEndpoint: null, pathStyle: false },
    signer: () => ({ accessKeyId: 'ASIAEXAMPLE', temporary: true, source: 'sso', sessionEndsAt: new Date(NOW.getTime() + 47 * 60_000 + 12_000) }),
    refreshCredentials: async () => ({ accessKeyId: 'ASIANEW', temporary: true, source: 'sso', sessionEndsAt: new Date(NOW.getTime() + 3600_000) }),
    identity: async () => ({ known: true, arn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice', account: '111122223333', userId: 'X', info: { kind: 'assumed-role', partition: 'aws', account: '111122223333', name: 'alice', role: 'Dev', session: 'alice', short: 'assumed-role/Dev/alice' }, reason: '' }),
    listBuckets: async () => [{ name: 'alpha', createdAt: new Date('2024-01-02T03:04:00Z') }, { name: 'beta', createdAt: null }],
    listPage: async (): Promise<ListPage> => ({ entries: [], nextToken: null }),
    head: async () => { throw new AppError('denied', 'Reading the details is denied (403 AccessDenied).', 'Try another object.'); },
    presign: async () => { throw new Error('not used'); },
    copy: async () => ({ via: [], detail: 'no clipboard' }),
    now: () => NOW,
    ...over,
  };
}

async function frameMatching(lastFrame: () => string | undefined, re: RegExp, ms = 3000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = lastFrame() ?? '';
    if (re.test(f)) return f;
    if (Date.now() > end) throw new Error(`no frame matched ${re}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function show(s: Services, initial?: { bucket: string | null; prefix: string }) {
  const r = render(<App services={s} initial={initial} />);
  unmount = r.unmount;
  return r;
}

describe('the bucket list', () => {
  it('Given buckets, Then it shows them with the header, the identity line and a counter', async () => {
    const { lastFrame } = show(services());
    const f = await frameMatching(lastFrame, /alpha/);
    expect(f).toContain('profile dev · region eu-west-1 · AWS S3');
    expect(f).toContain('beta');
    expect(f).toContain('1 / 2');
    const id = await frameMatching(lastFrame, /assumed-role\/Dev\/alice/);
    expect(id).toMatch(/session ends \d\d:\d\d \(in 47m 12s\)/);
  });

  it('Given ListBuckets is denied, Then it says so and offers o — never a dead end', async () => {
    const { lastFrame } = show(services({ listBuckets: async () => { throw new AppError('denied', 'Listing buckets is denied (403 AccessDenied).', 'Press o to open a bucket by name.'); } }));
    const f = await frameMatching(lastFrame, /denied/);
    expect(f).toContain('Press o to open a bucket by name.');
  });

  it('Given no buckets, Then the empty state says what to do', async () => {
    const { lastFrame } = show(services({ listBuckets: async () => [] }));
    expect(await frameMatching(lastFrame, /No buckets/)).toContain('o opens a bucket by name');
  });

  it('Given a listing that never answers, Then a loading state shows', async () => {
    const { lastFrame } = show(services({ listBuckets: () => new Promise(() => {}) }));
    expect(await frameMatching(lastFrame, /Esc cancels/)).toContain('Loading Buckets');
  });
});

describe('the object browser', () => {
  const page: ListPage = {
    entries: [
      { type: 'prefix', key: 'r/2026/' },
      { type: 'object', key: 'r/summary.pdf', size: 2_621_440, lastModified: new Date('2026-11-28T10:00:00Z'), storageClass: 'STANDARD', etag: '"a"' },
      { type: 'object', key: 'r/\u001b[2Jevil.txt', size: 0, lastModified: null, storageClass: 'GLACIER', etag: '"b"' },
    ],
    nextToken: 'more',
  };

  it('Given a page with more to come, Then prefixes come first, sizes are human, and the counter says +', async () => {
    const { lastFrame } = show(services({ listPage: async (_b, _p, token) => (token ? new Promise(() => {}) : page) }), { bucket: 'alpha', prefix: 'r/' });
    const f = await frameMatching(lastFrame, /summary\.pdf/);
    expect(f).toContain('s3://alpha/r/');
    expect(f.indexOf('2026/')).toBeLessThan(f.indexOf('summary.pdf'));
    expect(f).toContain('2.5 MiB');
    expect(f).toMatch(/1 \/ 3\+/);
  });

  it('Given a hostile key, Then the escape sequence is shown, never sent', async () => {
    const { lastFrame } = show(services({ listPage: async () => ({ ...page, nextToken: null }) }), { bucket: 'alpha', prefix: 'r/' });
    const f = await frameMatching(lastFrame, /evil/);
    expect(f).toContain('\\x1b[2Jevil.txt');
    expect(f).not.toContain('\u001b[2J');
  });

  it('Given HeadObject is denied, When i, Then the details panel says so and the list is kept', async () => {
    const { lastFrame, stdin } = show(services({ listPage: async () => ({ ...page, nextToken: null }) }), { bucket: 'alpha', prefix: 'r/' });
    await frameMatching(lastFrame, /summary\.pdf/);
    stdin.write('j');
    await frameMatching(lastFrame, /▸ summary\.pdf/);
    stdin.write('i');
    expect(await frameMatching(lastFrame, /denied/)).toContain('Try another object.');
    stdin.write('\u001b');
    expect(await frameMatching(lastFrame, /▸ summary\.pdf/)).not.toContain('denied');
  });
});

describe('a terminal too small', () => {
  it('Given fewer than 60 columns, Then a short message replaces the layout', async () => {
    const r = render(<App services={services()} />);
    unmount = r.unmount;
    // ink-testing-library's stdout is 100 wide: emulate a narrow terminal by resizing.
    Object.defineProperty(r.stdout, 'columns', { get: () => 40 });
    r.stdout.emit('resize');
    expect(await frameMatching(r.lastFrame, /Terminal too small/)).toContain('at least 60x12');
  });
});
