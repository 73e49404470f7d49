// Copying without a system clipboard (OSC 52 through tmux, or the URL shown in full), and pasting a
// pre-signed URL into the inspector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnv, startS3rver, type S3rverHandle } from '../support/s3rver.js';
import { requireTmux } from '../support/servers.js';
import { startTui, type Tui } from '../support/tmux.js';
import { runCli } from '../support/cli.js';
import { run } from '../support/util.js';

const hasTmux = await requireTmux();
let server: S3rverHandle;

const env = (extra: Record<string, string> = {}) => demoEnv(50, { DISPLAY: '', ...extra });

describe.skipIf(!hasTmux)('copy fallbacks and the URL inspector', () => {
  let tui: Tui | undefined;
  beforeAll(async () => {
    server = await startS3rver({ seed: true });
  });
  afterAll(async () => {
    await tui?.kill();
    await server?.stop();
  });

  async function openShare(t: Tui) {
    const ref = server.seed!.keys.umlaut;
    const dir = ref.key.slice(0, ref.key.lastIndexOf('/') + 1);
    await t.waitFor(server.seed!.buckets[0], 15_000);
    await t.send('o');
    await t.type(`s3://${ref.bucket}/${dir}`);
    await t.send('Enter');
    const name = ref.key.slice(dir.length);
    await t.waitFor(name, 10_000);
    await t.send('/');
    await t.type(name);
    await t.send('Enter');
    await t.waitFor(new RegExp(`▸ ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await t.send('p');
    await t.waitFor('Share s3://');
  }

  it('Given no display, When copying, Then the URL goes to the terminal via OSC 52 (tmux buffer) and the status says so', async () => {
    tui = await startTui(['--endpoint-url', server.endpoint], { env: env({ TERM: 'xterm-256color' }) });
    await run('tmux', ['-L', tui.socket, 'set', '-g', 'set-clipboard', 'on']);
    await openShare(tui);
    await tui.send('y');
    const screen = await tui.waitFor('Sent via OSC 52', 15_000);
    expect(screen).toMatch(/Sent via OSC 52 — valid until \d\d:\d\d \(49m \d+s, limited by your session\)/);
    const { stdout } = await run('tmux', ['-L', tui.socket, 'show-buffer']);
    expect(stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*X-Amz-Signature=[0-9a-f]{64}/);
    const res = await fetch(stdout.trim());
    expect(res.status).toBe(200);
    await tui.kill();
    tui = undefined;
  });

  it('Given a terminal that cannot take OSC 52 and no display, Then the URL is shown in full with the reason', async () => {
    tui = await startTui(['--endpoint-url', server.endpoint], { env: env(), term: 'linux' });
    await openShare(tui);
    await tui.send('y');
    const screen = await tui.waitFor('Here is the URL', 15_000);
    expect(screen).toMatch(/Not copied: no system clipboard \(DISPLAY and WAYLAND_DISPLAY unset\)/);
    expect(screen).toContain('TERM=linux');
    expect(screen).toContain('X-Amz-Signature=');
    await tui.kill();
    tui = undefined;
  });

  it('When pasting a pre-signed URL after P, Then the breakdown and verdict show, and t probes it live', async () => {
    const ref = server.seed!.keys.awkward;
    const r = await runCli(['--endpoint-url', server.endpoint, 'presign', `s3://${ref.bucket}/${ref.key}`, '--expires', '2h'], env());
    expect(r.code).toBe(0);
    const url = r.stdout.trim();
    tui = await startTui(['--endpoint-url', server.endpoint], { env: env() });
    await tui.waitFor(server.seed!.buckets[0], 15_000);
    await tui.send('P');
    await tui.waitFor('Inspect a pre-signed URL');
    await tui.type(url);
    await tui.send('Enter');
    const screen = await tui.waitFor('expires at');
    expect(screen).toMatch(/bucket\s+team-reports|bucket\s+\S+/);
    expect(screen).toContain(ref.key);
    expect(screen).toMatch(/access key\s+ASIAS3PEEKDEMO000001 \(temporary\)/);
    expect(screen).toMatch(/security token\s+present \(\d+ chars, not shown\)/);
    expect(screen).toMatch(/requested\s+2h/);
    expect(screen).toMatch(/valid until \d\d:\d\d \(49m \d+s left\), limited by the signing session/);
    await tui.send('t');
    expect(await tui.waitFor('probe: live', 10_000)).toMatch(/probe: live — the server answered 20[06]/);
  });
});
