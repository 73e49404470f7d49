// Proves the tmux driver (used by the e2e tests on the built binary) against plain shell programs.
import { afterEach, describe, expect, it } from 'vitest';
import { requireTmux } from '../support/servers.js';
import { startTmux, type Tui } from '../support/tmux.js';

const hasTmux = await requireTmux();

describe.skipIf(!hasTmux)('tmux driver', () => {
  const started: Tui[] = [];
  const start = async (...args: Parameters<typeof startTmux>) => {
    const tui = await startTmux(...args);
    started.push(tui);
    return tui;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((t) => t.kill()));
  });

  it('types literal text, sends key names, and keeps the final screen and exit status', async () => {
    const tui = await start(['bash', '-c', 'printf "name? "; read x; echo "got:$x"; exit 7']);
    await tui.waitFor('name?');
    expect(await tui.exited()).toBe(false);
    expect(await tui.exitStatus()).toBeNull();
    await tui.type('Enter C-c ü 日本 🎉 "quoted" $HOME');
    await tui.send('Enter');
    expect(await tui.waitForExit()).toBe(7);
    expect(await tui.exited()).toBe(true);
    const screen = await tui.screen();
    expect(screen).toContain('got:Enter C-c ü 日本 🎉 "quoted" $HOME');
    expect(screen).not.toContain('Pane is dead'); // the final frame is untouched
    expect(screen.split('\n')[0]).toMatch(/^name\? /); // nothing scrolled away
  });

  it('gives the program a 120x40 terminal, CI=false, and none of the test run\'s VITEST*/AWS_* variables', async () => {
    const saved = process.env.AWS_PROFILE;
    process.env.AWS_PROFILE = 'leaked-from-the-test-process';
    try {
      const tui = await start([
        'bash',
        '-c',
        'echo "size:$(tput cols)x$(tput lines) ci:$CI vitest:${VITEST:-none} profile:${AWS_PROFILE:-none} term:$TERM"; sleep 30',
      ]);
      const screen = await tui.waitFor(/size:\d+x\d+/);
      expect(screen).toContain('size:120x40 ci:false vitest:none profile:none term:tmux-256color');
      expect(process.env.VITEST).toBeDefined(); // (they were there to be removed)
    } finally {
      if (saved === undefined) delete process.env.AWS_PROFILE;
      else process.env.AWS_PROFILE = saved;
    }
  });

  it('passes the given env and cwd', async () => {
    const tui = await start(['bash', '-c', 'echo "v=$S3PEEK_HARNESS pwd=$(pwd)"; sleep 30'], {
      env: { S3PEEK_HARNESS: 'hello world' },
      cwd: '/tmp',
    });
    await tui.waitFor('v=hello world pwd=/tmp');
  });

  it('resizes the terminal; the program sees the new size', async () => {
    const tui = await start(['bash', '-c', 'trap \'echo "resized:$(tput cols)x$(tput lines)"\' WINCH; echo ready; while :; do sleep 0.05; done'], {
      width: 100,
      height: 30,
    });
    await tui.waitFor('ready');
    await tui.resize(60, 20);
    await tui.waitFor('resized:60x20');
  });

  it('C-c reaches the program (not the harness) and the exit status says SIGINT', async () => {
    const tui = await start(['bash', '-c', 'echo waiting; sleep 30']);
    await tui.waitFor('waiting');
    await tui.send('C-c');
    expect(await tui.waitForExit()).toBe(130);
  });

  it('waitFor throws with the last screen on deadline; waitForGone waits for text to go away', async () => {
    const tui = await start(['bash', '-c', 'echo "loading..."; sleep 0.4; clear; echo done; sleep 30']);
    await tui.waitFor('loading...');
    await tui.waitForGone('loading...');
    await expect(tui.waitFor('never shown', 300)).rejects.toThrow(/timeout after 300 ms waiting for "never shown"; last screen:\n.*done/s);
  });

  it('fails fast when the program exits without showing the text', async () => {
    const tui = await start(['bash', '-c', 'echo bye; exit 3']);
    await expect(tui.waitFor('never shown', 10_000)).rejects.toThrow(/program exited \(status 3\).*final screen:\n.*bye/s);
  });

  it('captures colours with { color: true }', async () => {
    const tui = await start(['bash', '-c', 'printf "\\033[31mred\\033[0m plain\\n"; sleep 30']);
    await tui.waitFor('red plain');
    expect(await tui.screen({ color: true })).toMatch(/\x1b\[31mred\x1b\[(0|39)m plain/);
  });
});
