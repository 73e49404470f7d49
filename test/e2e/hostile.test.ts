// Hostile names in the TUI: object KEYS on Ceph RGW (RGW takes any UTF-8 in a key but NUL; s3peek lists
// with EncodingType=url and decodes, so control characters survive the XML) and BUCKET names injected
// into ListBuckets by the fault proxy (no server allows them; a malicious endpoint can send them).
// Every name tries one attack on the terminal: clear it, retitle it, write the clipboard (OSC 52, also
// through tmux's DCS passthrough), reset it, leave the alternate screen, reorder text (bidi), hide text
// (zero-width, tags)... The checks, from strongest to plainest:
//   - the raw bytes s3peek writes (tmux pipe-pane) hold no OSC, DCS, RIS, C1, screen clear, title
//     report, stray C0 control, or raw bidi / zero-width / tag character: only the CSI subset Ink uses;
//   - tmux's pane title is unchanged, tmux has no paste buffer (set-clipboard is ON, so an OSC 52 that
//     got through WOULD create one), and the X clipboard (Xvfb) is empty;
//   - the header stays on the first line (the screen was never cleared or scrolled), and each name's
//     visible stand-in (`\x1b[2J`, `\u202e`...) is on screen.
// A first test proves those detectors fire when a program really writes such sequences.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearClipboard, readClipboard, startXvfb, type Xvfb } from '../support/clipboard.js';
import { HOSTILE_NAMES, PWNED, injectBuckets, longKey, s3Error, startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { requireRgw, requireTmux, requireXvfb } from '../support/servers.js';
import { startTmux, startTui, type Tui } from '../support/tmux.js';
import { run, sleep } from '../support/util.js';

const rgw = await requireRgw();
const ok = (await requireTmux()) && (await requireXvfb()) && rgw !== null;

// ---- tmux side channels ---------------------------------------------------------------------------

async function tmux(tui: Tui, ...args: string[]): Promise<string> {
  return (await run('tmux', ['-L', tui.socket, '-f', '/dev/null', ...args], { timeoutMs: 10_000 })).stdout.replace(/\n$/, '');
}
const paneFormat = (tui: Tui, format: string) => tmux(tui, 'display-message', '-p', '-t', 's3peek:0.0', format);
const paneTitle = (tui: Tui) => paneFormat(tui, '#{pane_title}');
const buffers = (tui: Tui) => tmux(tui, 'list-buffers', '-F', '#{buffer_name}: #{buffer_sample}');

/** Make OSC 52 count (set-clipboard on: tmux stores what an application sends) and log the pane's raw output. */
async function watchPane(tui: Tui, logFile: string): Promise<void> {
  await tmux(tui, 'set-option', '-g', 'set-clipboard', 'on');
  await tmux(tui, 'pipe-pane', '-o', '-t', 's3peek:0.0', `cat >> '${logFile}'`);
}

/**
 * Everything in `raw` (what the program wrote to its terminal) that a name could have put there. Ink
 * itself writes only CSI sequences: SGR (m), cursor moves (A B C D G H), erase in line (K), and the
 * private modes ?25 (cursor), ?2026 (synchronized output), ?7 (autowrap) and ?1049 (alternate screen,
 * entered once at start); so any other escape, any C0 control but CR LF, and any C1 control is a finding, as is a raw
 * bidi, zero-width or tag character.
 */
function terminalHazards(raw: string): string[] {
  const found: string[] = [];
  const show = (s: string) => JSON.stringify(s).slice(1, -1).slice(0, 60);
  for (const m of raw.matchAll(/\x1b(\[[0-?]*[ -/]*[@-~]|[\s\S]?)/g)) {
    const seq = m[0];
    const csi = /^\x1b\[([0-?]*)[ -/]*([@-~])$/.exec(seq);
    if (csi) {
      const [, params, final] = csi;
      if ('mABCDGHK'.includes(final!) && /^[0-9;]*$/.test(params!)) continue;
      if ((final === 'h' || final === 'l') && /^\?(7|25|1049|2026)$/.test(params!) && !(params === '?1049' && final === 'l')) continue;
    }
    found.push(`escape ${show(seq)} at ${m.index}: …${show(raw.slice(Math.max(0, m.index! - 20), m.index! + 30))}…`);
  }
  // (CR LF is the pty's own newline translation)
  for (const m of raw.matchAll(/[\x00-\x09\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f\u0080-\u009f]|\r(?!\n)/g)) {
    found.push(`control ${show(m[0])} at ${m.index}: …${show(raw.slice(Math.max(0, m.index! - 20), m.index! + 20))}…`);
  }
  for (const m of raw.matchAll(/[\u061c\u00ad\u115f\u3164\uffa0\u180e\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0041}-\u{e005a}]/gu)) {
    found.push(`invisible/bidi U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${m.index}`);
  }
  return found;
}

const cursorLine = (screen: string) => (screen.split('\n').find((l) => l.includes('▸')) ?? '').trim();

/** Screen text tmux shows for a sanitized name: wide/combining/emoji clusters are compared up to their first odd character. */
function onScreen(visible: string): string {
  if (/^2[56] /.test(visible)) return visible.slice(0, 9);
  return visible;
}

// ---- the detectors work -------------------------------------------------------------------------------

describe.skipIf(!ok)('the detectors (a program that DOES write the sequences trips every one)', () => {
  it('OSC 2 retitles the pane, OSC 52 fills a tmux buffer, and the raw log flags both', async () => {
    const log = path.join(os.tmpdir(), `s3peek-detect-${process.pid}-${Date.now()}.log`);
    const title = 'DETECT-TITLE';
    const clip = Buffer.from('DETECT-CLIP').toString('base64');
    const t = await startTmux(['sh', '-c', `read x; printf '\\033]2;${title}\\033\\\\'; printf '\\033]52;c;${clip}\\007'; printf 'done\\n'; sleep 30`]);
    try {
      await watchPane(t, log);
      const before = await paneTitle(t);
      expect(before).not.toBe(title);
      expect(await buffers(t)).toBe('');
      await t.send('Enter');
      await t.waitFor('done');
      await sleep(200); // pipe-pane's cat flushes
      expect(await paneTitle(t)).toBe(title);
      expect(await buffers(t)).toContain('DETECT-CLIP');
      const hazards = terminalHazards(await readFile(log, 'utf8'));
      expect(hazards.some((h) => h.includes('\\u001b]2;DETECT-TITLE'))).toBe(true);
      expect(hazards.some((h) => h.includes('\\u001b]52;c;'))).toBe(true);
    } finally {
      await t.kill();
      await rm(log, { force: true });
    }
  });
});

// ---- s3peek and the hostile names ---------------------------------------------------------------------

/** Every hostile name, the emoji row included (its ZWJ sequences are where terminal and app widths disagree). */
const EMOJI = HOSTILE_NAMES.find((h) => h.label.startsWith('emoji'))!;
const TUI_NAMES = HOSTILE_NAMES;
/** Object rows have 2 spare columns, so the key case needs more of the emoji that tmux draws 4 wide. */
const EMOJI_KEY = `27 emoji ${'👩🏽‍💻'.repeat(6)}`;

describe.skipIf(!ok)('hostile names in the TUI (RGW keys + proxy-injected bucket names, tmux, Xvfb)', () => {
  const bucket = `hostile-${Date.now()}`;
  const keys = [...TUI_NAMES.map((h) => `h/${h.name}`), longKey('h/')];
  const bucketNames = TUI_NAMES.map((h) => h.name);
  const log = path.join(os.tmpdir(), `s3peek-hostile-${process.pid}-${Date.now()}.log`);
  let proxy: FaultProxy;
  let xvfb: Xvfb;
  /** The app's environment in these tests: RGW's long-term keys, no AWS config files, the private X display. */
  const tuiEnv = (): Record<string, string> => ({
    AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent/s3peek-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/s3peek-test-credentials', DISPLAY: xvfb.display,
  });
  let tui: Tui;
  let initialTitle: string;

  beforeAll(async () => {
    const s3 = new S3Client({ endpoint: rgw!.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: rgw!.accessKeyId, secretAccessKey: rgw!.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const Key of [...keys, `e/${EMOJI.name}`, `e/${EMOJI_KEY}`]) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `hostile ${Key.length}` }));
    s3.destroy();
    proxy = await startFaultProxy(rgw!.s3Endpoint);
    proxy.rule((r) => (r.kind === 'ListBuckets' ? injectBuckets(bucketNames) : undefined));
    xvfb = await startXvfb();
    await clearClipboard(xvfb.display);
    // start inside the bucket (nothing hostile on screen yet: one row, "h/"), then watch the pane
    tui = await startTui(['--endpoint-url', proxy.endpoint, `s3://${bucket}/`], {
      env: tuiEnv(),
      width: 220,
      height: 50,
    });
    await tui.waitFor(/h\/\s+DIR/, 20_000);
    await watchPane(tui, log);
    initialTitle = await paneTitle(tui);
  }, 120_000);
  afterAll(async () => {
    await tui?.kill();
    await proxy?.stop();
    await xvfb?.stop();
    await rm(log, { force: true });
  });

  /** Nothing escaped so far: same title, no tmux buffer, empty X clipboard, header on top, clean raw output. */
  const expectNothingEscaped = async (screen: string) => {
    const lines = screen.split('\n');
    expect(lines[0], screen).toMatch(/^s3peek profile \(default\) · region us-east-1 · endpoint http:\/\/127\.0\.0\.1:\d+/);
    expect(lines[1]).toMatch(/^signer /);
    expect(lines[2]).toMatch(/^session /);
    expect(await paneTitle(tui)).toBe(initialTitle);
    expect(await paneTitle(tui)).not.toContain('PWNED');
    expect(await buffers(tui)).toBe('');
    expect(await readClipboard(xvfb.display)).toBe('');
    expect(await paneFormat(tui, '#{alternate_on}')).toBe('1'); // not kicked out of the alternate screen
    await sleep(100); // let pipe-pane's cat catch up
    const raw = await readFile(log, 'utf8');
    expect(raw.length).toBeGreaterThan(0);
    expect(terminalHazards(raw)).toEqual([]);
  };

  it(`the ${bucketNames.length} hostile bucket names are listed, each as its visible stand-in, and the cursor walks over all of them`, async () => {
    await tui.send('BSpace');
    let screen = await tui.waitFor('Buckets', 20_000);
    screen = await tui.waitFor(TUI_NAMES[0]!.visible, 20_000);
    for (const h of TUI_NAMES) expect(screen, h.label).toContain(onScreen(h.visible));
    await tui.send('g');
    for (let i = 0; i < bucketNames.length; i++) {
      screen = await tui.waitFor(new RegExp(`(?<![\\d,])${i + 1} / \\d+`), 10_000);
      expect(cursorLine(screen), TUI_NAMES[i]!.label).toContain(onScreen(TUI_NAMES[i]!.visible));
      await tui.send('j');
    }
    await expectNothingEscaped(await tui.screen());
  });

  it(`the ${keys.length} hostile keys (one of 1,024 bytes) are listed, each as its visible stand-in, and the cursor walks over all of them`, async () => {
    await tui.send('o');
    await tui.waitFor('open: ', 10_000);
    await tui.type(`s3://${bucket}/h/`);
    await tui.send('Enter');
    let screen = await tui.waitFor(`1 / ${keys.length}`, 20_000);
    expect(screen).toContain(`s3://${bucket}/h/`);
    for (const h of TUI_NAMES) expect(screen, h.label).toContain(onScreen(h.visible));
    expect(screen).toMatch(/28 long 漢漢漢.*….*xxEND!/); // cut in the middle, both ends kept
    for (let i = 0; i < keys.length; i++) {
      screen = await tui.waitFor(new RegExp(`(?<![\\d,])${i + 1} / ${keys.length}`), 10_000);
      if (i < TUI_NAMES.length) expect(cursorLine(screen), TUI_NAMES[i]!.label).toContain(onScreen(TUI_NAMES[i]!.visible));
      await tui.send('j');
    }
    await tui.waitFor(`${keys.length} / ${keys.length}`, 10_000);
    await expectNothingEscaped(await tui.screen());
  });

  it('the details panel (i) and the share panel (p) show the names escaped too', async () => {
    for (const label of ['OSC 52 clipboard write', 'CSI clear screen + home', 'DCS tmux passthrough of OSC 52', 'bidi override (RLO): invoice‮fdp.exe']) {
      const h = TUI_NAMES.find((n) => n.label === label)!;
      const index = TUI_NAMES.indexOf(h);
      await tui.send('g');
      await tui.waitFor(new RegExp(`(?<![\\d,])1 / ${keys.length}`), 10_000);
      for (let i = 0; i < index; i++) await tui.send('j');
      await tui.waitFor(new RegExp(`(?<![\\d,])${index + 1} / ${keys.length}`), 10_000);
      await tui.send('i');
      let screen = await tui.waitFor('content type', 20_000);
      expect(screen, label).toContain(`s3://${bucket}/h/${h.visible}`);
      await tui.send('Escape');
      await tui.waitForGone('content type', 10_000);
      await tui.send('p');
      screen = await tui.waitFor('Share s3://', 10_000);
      expect(screen, label).toContain(`Share s3://${bucket}/h/${h.visible}`);
      await tui.send('Escape');
      await tui.waitForGone('Share s3://', 10_000);
    }
    await expectNothingEscaped(await tui.screen());
  });

  it('copying a link to a hostile key puts a percent-encoded URL on the clipboard, nothing raw; the tmux buffer stays empty', async () => {
    const h = TUI_NAMES.find((n) => n.label === 'OSC 52 clipboard write')!;
    const index = TUI_NAMES.indexOf(h);
    await tui.send('g');
    await tui.waitFor(new RegExp(`(?<![\\d,])1 / ${keys.length}`), 10_000);
    for (let i = 0; i < index; i++) await tui.send('j');
    await tui.waitFor(new RegExp(`(?<![\\d,])${index + 1} / ${keys.length}`), 10_000);
    await tui.send('p');
    await tui.waitFor('Share s3://', 10_000);
    await tui.send('y');
    await tui.waitFor(/Copied — valid until/, 20_000);
    const url = await readClipboard(xvfb.display);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(url).toContain('/h/08%20clip%1B%5D52%3Bc%3B');
    expect(url).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(url).not.toContain(PWNED.clip);
    expect(await buffers(tui)).toBe('');
    // the URL works: it downloads the object (RGW checks the signature)
    const res = await fetch(url.replace(proxy.endpoint, rgw!.s3Endpoint));
    expect(res.status).toBe(403); // the host is part of the signature: only the proxy address is valid
    const viaProxy = await fetch(url);
    expect(viaProxy.status).toBe(200);
    expect(await viaProxy.text()).toBe(`hostile ${`h/${h.name}`.length}`);
    await tui.send('Escape');
    await tui.waitForGone('Share s3://', 10_000);
    await clearClipboard(xvfb.display);
  });

  it('after everything, q exits 0 and the terminal is restored (the alternate screen is left); still no title, no buffer', async () => {
    await tui.send('q');
    expect(await tui.waitForExit(10_000)).toBe(0);
    expect(await paneFormat(tui, '#{alternate_on}')).toBe('0');
    expect(await paneTitle(tui)).toBe(initialTitle);
    expect(await buffers(tui)).toBe('');
    expect(await readClipboard(xvfb.display)).toBe('');
    const screen = await tui.screen();
    expect(screen).not.toContain('s3peek profile');
    await sleep(100);
    const raw = await readFile(log, 'utf8');
    // leaving the alternate screen once, at the very end, is the app's own doing
    const hazards = terminalHazards(raw).filter((f) => !f.startsWith('escape \\u001b[?1049l'));
    expect(hazards).toEqual([]);
    expect(raw.match(/\x1b\[\?1049l/g) ?? []).toHaveLength(1);
    // and it is the last thing that matters: after it, at most mode switches, never text
    const after = raw.slice(raw.indexOf('\x1b[?1049l') + '\x1b[?1049l'.length);
    expect(after, JSON.stringify(after)).toMatch(/^(\x1b\[[0-9;?]*[a-zA-Z]|\r|\n)*$/);
  });

  describe('the emoji name (ZWJ sequences, skin tone, subdivision flag)', () => {
    const emojiEnv = () => ({
      AWS_ACCESS_KEY_ID: rgw!.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw!.secretAccessKey, AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent/s3peek-test-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/s3peek-test-credentials', DISPLAY: xvfb.display,
    });
    const emojiLog = path.join(os.tmpdir(), `s3peek-emoji-${process.pid}-${Date.now()}.log`);
    afterAll(async () => {
      await rm(emojiLog, { force: true });
    });

    it('is listed with its emoji intact (not escaped), and writes nothing hostile to the terminal', async () => {
      const t = await startTui(['--endpoint-url', proxy.endpoint, `s3://${bucket}/`], { env: emojiEnv(), width: 220, height: 50 });
      try {
        await t.waitFor(/e\/\s+DIR/, 20_000);
        await watchPane(t, emojiLog);
        const title = await paneTitle(t);
        await t.send('Enter'); // e/ sorts first
        const screen = await t.waitFor('26 emoji', 20_000);
        expect(screen).toContain('26 emoji 👩');
        expect(screen).not.toContain('\\u200d'); // the ZWJ inside the emoji is kept, not escaped
        expect(await paneTitle(t)).toBe(title);
        expect(await buffers(t)).toBe('');
        await sleep(100);
        expect(terminalHazards(await readFile(emojiLog, 'utf8'))).toEqual([]);
      } finally {
        await t.kill();
      }
    });

    it('as a KEY (six 👩🏽‍💻, which tmux draws 4 columns wide each), does not make its row wrap and scroll the screen: the header stays on the first line', async () => {
      const t = await startTui(['--endpoint-url', proxy.endpoint, `s3://${bucket}/e/`], { env: emojiEnv(), width: 220, height: 50 });
      try {
        const screen = await t.waitFor('27 emoji', 20_000);
        expect(screen.split('\n')[0], screen).toMatch(/^s3peek profile/);
      } finally {
        await t.kill();
      }
    });

    it('as a BUCKET name, does not make its row wrap and scroll the screen', async () => {
      const off = proxy.rule((r) => (r.kind === 'ListBuckets' ? injectBuckets([EMOJI.name]) : undefined));
      const t = await startTui(['--endpoint-url', proxy.endpoint], { env: emojiEnv(), width: 220, height: 50 });
      try {
        const screen = await t.waitFor('26 emoji', 20_000);
        expect(screen.split('\n')[0], screen).toMatch(/^s3peek profile/);
      } finally {
        await t.kill();
        off();
      }
    });
  });

  describe('hostile server error text (the <Message> and the <Code> of an error answer)', () => {
    const evil = `\x1b]0;${PWNED.title}\x07\x1b[2J\u202eevil\u009b2J`;
    const errLog = path.join(os.tmpdir(), `s3peek-errtext-${process.pid}-${Date.now()}.log`);
    afterAll(async () => {
      await rm(errLog, { force: true });
    });

    /** Open the bucket root, watch the pane, make the next listing fail with `code`/`message`, press r. */
    const failWith = async (status: number, code: string, message: string, check: (t: Tui, screen: string) => Promise<void>) => {
      await rm(errLog, { force: true });
      const t = await startTui(['--endpoint-url', proxy.endpoint, `s3://${bucket}/`], {
        env: tuiEnv(),
        width: 220,
        height: 50,
      });
      let armed = false;
      const off = proxy.rule((r) => (r.kind === 'ListObjectsV2' && r.bucket === bucket && armed ? s3Error(status, code, message) : undefined));
      try {
        await t.waitFor(/h\/\s+DIR/, 20_000);
        await watchPane(t, errLog);
        const title = await paneTitle(t);
        armed = true;
        await t.send('r');
        const screen = await t.waitFor(/r retries\./, 20_000);
        await check(t, screen);
        expect(await paneTitle(t)).toBe(title);
        expect(await buffers(t)).toBe('');
        expect(screen.split('\n')[0], screen).toMatch(/^s3peek profile/);
        await sleep(100);
        expect(terminalHazards(await readFile(errLog, 'utf8'))).toEqual([]);
      } finally {
        off();
        await t.kill();
      }
    };

    it('an error whose <Message> holds escapes is shown with visible stand-ins; nothing raw reaches the terminal', async () => {
      await failWith(400, 'WeirdError', `bad things ${evil}`, async (_t, screen) => {
        expect(screen).toContain('bad things \\x1b]0;PWNED-TITLE\\x07\\x1b[2J\\u202eevil\\u009b2J');
      });
    });

    it('a 403 whose <Code> holds escapes: the code is shown with visible stand-ins, nothing raw reaches the terminal', async () => {
      await failWith(403, `Denied${evil}`, 'Access Denied', async (_t, screen) => {
        expect(screen).toContain('is denied (403 Denied\\x1b]0;PWNED-TITLE');
      });
    });
  });
});
