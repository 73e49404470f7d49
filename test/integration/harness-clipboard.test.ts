// Proves the Xvfb + xsel clipboard helpers (used to check what the app puts on the clipboard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearClipboard, readClipboard, startXvfb, writeClipboard, type Xvfb } from '../support/clipboard.js';
import { requireXvfb } from '../support/servers.js';
import { run } from '../support/util.js';

const hasXvfb = await requireXvfb();

describe.skipIf(!hasXvfb)('clipboard under Xvfb', () => {
  let xvfb: Xvfb;
  beforeAll(async () => {
    xvfb = await startXvfb();
  });
  afterAll(async () => {
    await xvfb?.stop();
  });

  it('starts on its own display', () => {
    expect(xvfb.display).toMatch(/^:\d+$/);
  });

  it('reads back what xsel -bi wrote, unicode and all, and clears it', async () => {
    const url = 'http://127.0.0.1:9000/team-reports/Q3%20summary%20%2B%20notes%20%231.pdf?X-Amz-Expires=3600&ü=日本🎉';
    await writeClipboard(xvfb.display, url);
    expect(await readClipboard(xvfb.display)).toBe(url);
    await clearClipboard(xvfb.display);
    expect(await readClipboard(xvfb.display)).toBe('');
  });

  it('sees text put there by another program (xsel --input with its own env)', async () => {
    await run('sh', ['-c', 'printf %s "from another process" | xsel --clipboard --input'], {
      env: { ...process.env, DISPLAY: xvfb.display },
    });
    expect(await readClipboard(xvfb.display)).toBe('from another process');
  });
});
