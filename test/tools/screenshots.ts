// `npm run screenshots`: regenerate screenshots/*.png from a real run of the demo, and the README's keys
// table from src/ui/keymap.ts.
//
// Starts the demo's s3rver (seeded) in this process, runs the built TUI in tmux at 120x40 with the demo's
// temporary credentials (session ends S3PEEK_DEMO_SESSION_MINUTES, default 50, minutes from now), drives
// it with keys, waits for text on screen (with deadlines, never sleeps alone), captures each screen with
// colours (capture-pane -e), turns it into an HTML page (test/support/ansi-html.ts) and renders that with
// headless Chromium. Everything it starts (tmux server on its own socket, s3rver, temp dirs, Chromium)
// is stopped and removed on the way out, also on an error or ctrl-c.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startS3rver, demoEnv, type S3rverHandle } from '../support/s3rver.js';
import { childEnv, startTmux, type Tui } from '../support/tmux.js';
import { ansiToHtml } from '../support/ansi-html.js';
import { run, sleep } from '../support/util.js';
import { keysMarkdown } from '../../src/ui/keymap.js';

// dist/screenshots.js → the repository root
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin', 's3peek.js');
const OUT_DIR = path.join(root, 'screenshots');
const README = path.join(root, 'README.md');
const COLUMNS = 120;
const ROWS = 40;
const SESSION_MINUTES = Number(process.env.S3PEEK_DEMO_SESSION_MINUTES) || 50;
/** The whole run must finish well under a minute; past this, give up (and clean up). */
const OVERALL_DEADLINE_MS = 50_000;
const STEP_TIMEOUT_MS = 10_000;
const POLL_MS = 80;

const t0 = performance.now();
const log = (msg: string) => process.stderr.write(`screenshots: ${msg}\n`);
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

// `--keep DIR`: also write each screen's raw capture (.ansi) and HTML page there, to look at or re-render.
const keepArg = process.argv.indexOf('--keep');
const KEEP_DIR = keepArg > 0 ? path.resolve(process.argv[keepArg + 1] ?? 'screenshots-debug') : null;
// the AWS SDK's Node 20 notice, from the seeding client in this process and the presign CLI
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The user's own colour / AWS settings must not leak into the pictures (the tmux driver drops AWS_*).
for (const k of ['NO_COLOR', 'FORCE_COLOR']) delete process.env[k];

const tmp = mkdtempSync(path.join(os.tmpdir(), 's3peek-screenshots-'));
let server: S3rverHandle | undefined;
let tui: Tui | undefined;
let chromium: Chromium | undefined;
const chromiums = new Set<ChildProcess>();

// Last resort on ctrl-c / kill: synchronous cleanup of what we own (the tmux driver kills its own server).
const emergency = () => {
  for (const c of chromiums) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
  if (server) rmSync(server.directory, { recursive: true, force: true });
};
process.once('exit', emergency);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    emergency();
    process.exit(130);
  });
}

interface Capture {
  name: string;
  title: string;
  ansi: string;
}

/** Wait until the screen stops changing for `quietMs` (the next frame has landed), up to a deadline. */
async function settle(t: Tui, quietMs = 200, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = await t.screen({ color: true });
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    const now = await t.screen({ color: true });
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      break;
    }
  }
  return last;
}

/** Press `key` until the selected row (the one with ▸) matches `row`; each press waits for its frame. */
async function selectRow(t: Tui, row: RegExp, key = 'j', maxPresses = 20): Promise<void> {
  for (let i = 0; i <= maxPresses; i++) {
    const screen = await t.screen();
    const selected = screen.split('\n').find((l) => l.includes('▸')) ?? '';
    if (row.test(selected)) return;
    if (i === maxPresses) break;
    await t.send(key);
    await waitScreen(t, (s) => s !== screen, 'the next frame').catch(() => undefined);
  }
  throw new Error(`screenshots: never got the cursor onto ${row}; screen:\n${await t.screen()}`);
}

/**
 * Poll the screen (one `capture-pane` per poll) until `pred` holds. The tmux driver's waitFor also asks
 * tmux whether the program is still alive on every poll: twice the processes, which shows on a busy
 * 2-core machine. Here that is asked only when the deadline passes, for the error message.
 */
async function waitScreen(t: Tui, pred: (screen: string) => boolean, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = await t.screen();
    if (pred(screen)) return screen;
    if (Date.now() >= deadline) {
      const status = await t.exitStatus().catch(() => null);
      throw new Error(
        `screenshots: ${status === null ? `timeout after ${timeoutMs} ms` : `s3peek exited (status ${status})`} waiting for ${what}; screen:\n${screen}`,
      );
    }
    await sleep(POLL_MS);
  }
}

const shows = (screen: string, m: string | RegExp) => (typeof m === 'string' ? screen.includes(m) : m.test(screen));
const waitFor = (t: Tui, m: string | RegExp) => waitScreen(t, (s) => shows(s, m), String(m));
const waitForGone = (t: Tui, m: string | RegExp) => waitScreen(t, (s) => !shows(s, m), `the end of ${String(m)}`);

/** Open a path with the `o` prompt and wait for `expect` in the listing. */
async function openPath(t: Tui, uri: string, expect: string | RegExp): Promise<void> {
  await t.send('o');
  await waitFor(t, 'open: ');
  await t.type(uri);
  await waitFor(t, uri);
  await t.send('Enter');
  await waitFor(t, expect);
}

/**
 * One headless Chromium for all the pictures, driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: JSON messages ending in NUL, commands on fd 3, answers on fd 4). One start-up
 * instead of one per picture: `chromium --screenshot` costs ~2.5 s a picture on a busy 2-core machine.
 */
class Chromium {
  private next = 1;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private waiters: { method: string; sessionId?: string; resolve: () => void }[] = [];
  private buffer = '';
  private stderr = '';
  private constructor(private readonly child: ChildProcess) {
    const out = child.stdio[4] as NodeJS.ReadableStream;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nul: number;
      while ((nul = this.buffer.indexOf('\0')) >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, nul));
        this.buffer = this.buffer.slice(nul + 1);
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.error) p?.reject(new Error(`chromium: ${msg.error.message}`));
          else p?.resolve(msg.result);
        } else if (msg.method) {
          this.waiters = this.waiters.filter((w) => {
            if (w.method !== msg.method || (w.sessionId && w.sessionId !== msg.sessionId)) return true;
            w.resolve();
            return false;
          });
        }
      }
    });
    (child.stdio[3] as NodeJS.WritableStream).on('error', () => undefined); // EPIPE once it has gone: 'exit' reports
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`chromium exited (${code ?? signal}):\n${this.stderr.trim().split('\n').slice(-8).join('\n')}`));
      this.pending.clear();
    });
  }

  static async launch(profile: string): Promise<Chromium> {
    const child = spawn('chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--hide-scrollbars', '--mute-audio', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    chromiums.add(child);
    child.on('exit', () => chromiums.delete(child));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new Chromium(child);
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = this.next++;
    const pipe = this.child.stdio[3] as NodeJS.WritableStream;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      pipe.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  event(method: string, sessionId?: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, sessionId, resolve }));
  }

  /** A page of the given size to load files into. */
  async page(width: number, height: number): Promise<(url: string, png: string) => Promise<void>> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    await this.send('Page.enable', {}, sessionId);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
    return async (url, png) => {
      const loaded = this.event('Page.loadEventFired', sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      await loaded;
      // every glyph's font (CJK, emoji fallbacks) loaded before the picture
      await this.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true }, sessionId);
      const { data } = await this.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height, scale: 1 } }, sessionId);
      writeFileSync(png, Buffer.from(data, 'base64'));
    };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    await Promise.race([this.send('Browser.close').catch(() => undefined), sleep(2000)]);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

function updateReadme(): 'rewritten' | 'unchanged' {
  const text = readFileSync(README, 'utf8');
  const start = '<!-- keys:start -->';
  const end = '<!-- keys:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} block`);
  const next = `${text.slice(0, a + start.length)}\n${keysMarkdown()}\n${text.slice(b)}`;
  if (next === text) return 'unchanged';
  writeFileSync(README, next);
  return 'rewritten';
}

async function main(): Promise<void> {
  const overall = setTimeout(() => {
    log(`giving up after ${OVERALL_DEADLINE_MS / 1000} s`);
    emergency();
    process.exit(1);
  }, OVERALL_DEADLINE_MS);
  overall.unref();

  // Chromium starts while s3rver seeds.
  const browserStarting = Chromium.launch(path.join(tmp, 'chromium-profile'));
  browserStarting.catch(() => undefined); // awaited below
  server = await startS3rver({ seed: true });
  log(`s3rver on ${server.endpoint}, seeded ${server.seed?.totalObjects ?? 0} objects (${elapsed()})`);
  // The demo's environment (test/tools/demo.ts). The tmux driver adds CI=false (so Ink draws live
  // frames); but chalk's supports-color turns colour OFF whenever a CI variable exists at all, so force
  // the level a 256-colour terminal (tmux-256color) gets without CI in the environment.
  const appEnv = demoEnv(SESSION_MINUTES, { AWS_ENDPOINT_URL_STS: server.endpoint, FORCE_COLOR: '2' });
  const endpoint = ['--endpoint-url', server.endpoint];

  // A pre-signed URL to paste into the inspector, made by the CLI against the same server and session.
  const inspectUri = 's3://team-reports/日本/資料.txt';
  const presigned = run(process.execPath, [BIN, ...endpoint, 'presign', inspectUri, '--expires', '1h'], {
    env: childEnv({ env: appEnv }),
    cwd: root,
    timeoutMs: STEP_TIMEOUT_MS,
  });
  presigned.catch(() => undefined); // awaited below

  const t = (tui = await startTmux([process.execPath, BIN, ...endpoint], { env: appEnv, width: COLUMNS, height: ROWS, cwd: root }));
  // Each screen is rendered as soon as it is captured, one at a time, while the TUI moves on.
  const browser = (chromium = await browserStarting);
  const render = await browser.page(...pageSize());
  const rendered: string[] = [];
  let renders: Promise<void> = Promise.resolve();
  const shot = async (name: string, title: string) => {
    const c: Capture = { name, title, ansi: await settle(t) };
    log(`captured ${name} (${elapsed()})`);
    renders = renders.then(async () => {
      const page = ansiToHtml(c.ansi, { columns: COLUMNS, rows: ROWS, title: c.title });
      const htmlFile = path.join(tmp, `${c.name}.html`);
      writeFileSync(htmlFile, page.html);
      if (KEEP_DIR) {
        mkdirSync(KEEP_DIR, { recursive: true });
        writeFileSync(path.join(KEEP_DIR, `${c.name}.ansi`), c.ansi);
        writeFileSync(path.join(KEEP_DIR, `${c.name}.html`), page.html);
      }
      await render(pathToFileURL(htmlFile).href, path.join(tmp, `${c.name}.png`));
      rendered.push(c.name);
    });
    renders.catch(() => undefined); // awaited at the end
  };

  // 1. the bucket list, once the identity check has answered
  await waitFor(t, /team-reports[\s\S]*1 \/ 4/);
  await waitScreen(t, (s) => !s.includes('identity: checking'), 'the identity check');
  await shot('buckets', 's3peek — buckets');

  // 2. the 5,000-object prefix with a filter typed (only the loaded pages are searched)
  await openPath(t, 's3://logs-archive/app/2026/11/', 'app-00001.log');
  await t.send('/');
  await waitFor(t, '(Enter keeps · Esc clears)');
  await t.type('0042');
  await waitFor(t, /▸ app-00042\.log[\s\S]*matches in/);
  await shot('browser-filter', 's3peek — s3://logs-archive/app/2026/11/ filtered');
  await t.send('Escape');
  await waitForGone(t, 'matches in');

  // 3. details of an object with an emoji name and user metadata
  await openPath(t, 's3://media-assets/media/', 'launch.png');
  await selectRow(t, /launch\.png/);
  await t.send('i');
  await waitFor(t, /launch-2026[\s\S]*confetti over the product logo/);
  await shot('details', 's3peek — object details');
  await t.send('Escape');
  await waitForGone(t, 'launch-2026');

  // 4. share: 12h asked, the ~50 min session wins; then 15m, the request wins
  await openPath(t, 's3://team-reports/reports/2026/q3/', 'revenue by region.csv');
  await selectRow(t, /Q3 summary \+ notes #1\.pdf/);
  await t.send('Enter');
  await waitFor(t, /Share [\s\S]*effective/);
  await t.send('4');
  await waitFor(t, /limited by your session[\s\S]*you asked for 12h/);
  await shot('share-session-limited', 's3peek — share: limited by the session');
  await t.send('2');
  await waitFor(t, /\(15m\), as requested/);
  await shot('share-request-limited', 's3peek — share: limited by the request');
  await t.send('Escape');
  await waitForGone(t, 'effective');

  // 5. every key
  await t.send('?');
  await waitFor(t, 'Keys — Esc or ? closes');
  await shot('help', 's3peek — keys');
  await t.send('Escape');
  await waitForGone(t, 'Keys — Esc or ? closes');

  // 6. inspect a pasted pre-signed URL, and test it against the server
  const url = (await presigned).stdout.trim();
  if (!/^https?:\/\/\S+$/.test(url)) throw new Error(`presign printed no URL: ${JSON.stringify(url)}`);
  await t.send('P');
  await waitFor(t, 'Inspect a pre-signed URL');
  await t.type(url);
  await waitFor(t, /expires at[\s\S]*left/);
  await t.send('Enter');
  await waitFor(t, '(t tests it now');
  await t.send('t');
  await waitFor(t, /probe: /);
  await shot('inspect', 's3peek — inspect a pre-signed URL');

  await t.send('q');
  const status = await t.waitForExit(STEP_TIMEOUT_MS);
  if (status !== 0) log(`warning: s3peek exited with status ${status}`);
  await t.kill();
  await server.stop();
  await renders;
  await browser.close();
  log(`TUI and rendering done (${elapsed()})`);

  // All pictures made: only now replace the ones in screenshots/.
  mkdirSync(OUT_DIR, { recursive: true });
  const written = rendered.sort().map((name) => {
    const to = path.join(OUT_DIR, `${name}.png`);
    copyFileSync(path.join(tmp, `${name}.png`), to);
    return to;
  });
  const readme = updateReadme();
  clearTimeout(overall);
  for (const f of written) process.stdout.write(`wrote ${path.relative(root, f)} (${Math.round(statSync(f).size / 1024)} KiB)\n`);
  process.stdout.write(`README.md keys table: ${readme === 'rewritten' ? 'rewritten' : 'already up to date'}\n`);
  process.stdout.write(`done in ${elapsed()}\n`);
}

/** The browser page size for a COLUMNS x ROWS screen with a title bar. */
function pageSize(): [number, number] {
  const { width, height } = ansiToHtml('', { columns: COLUMNS, rows: ROWS, title: '' });
  return [width, height];
}

try {
  await main();
} catch (err) {
  process.stderr.write(`screenshots: failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await tui?.kill().catch(() => undefined);
  await chromium?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}
