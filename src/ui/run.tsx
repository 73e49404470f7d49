// Starts the TUI in the alternate screen and guarantees the terminal is restored on every way out:
// q, ctrl-c, SIGTERM, SIGHUP and an uncaught error.
import React from 'react';
import { render } from 'ink';
import { appendFileSync } from 'node:fs';
import { App } from './app.js';
import { realServices } from './services.js';
import type { Session } from '../aws/session.js';
import type { Location } from './location.js';
import type { Prefetch } from './prefetch.js';

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

/**
 * For `npm run bench`: with S3PEEK_FRAME_LOG=FILE, append the milliseconds from each key press (stdin
 * data) to the frame that follows it. Off by default: no cost.
 */
function frameProbe(): (() => void) | undefined {
  const file = process.env.S3PEEK_FRAME_LOG;
  if (!file) return undefined;
  let keyAt = 0;
  process.stdin.on('data', () => {
    keyAt = performance.now();
  });
  return () => {
    if (!keyAt) return;
    appendFileSync(file, `${(performance.now() - keyAt).toFixed(3)}\n`);
    keyAt = 0;
  };
}

export async function runTui(session: Session, initial: Location, prefetch?: Promise<Prefetch>): Promise<number> {
  const out = process.stdout;
  const pageSize = Number(process.env.S3PEEK_PAGE_SIZE) || undefined;
  const services = await realServices(session, (s) => out.write(s), pageSize, await prefetch);

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    } catch {
      /* stdin already closed */
    }
    out.write(LEAVE_ALT);
  };

  out.write(ENTER_ALT);
  const app = render(<App services={services} initial={initial} />, {
    exitOnCtrlC: true,
    patchConsole: true,
    // Ink holds back a frame that comes within 1000/maxFps ms of the last: keep that under a few ms so a
    // key press is drawn at once (key → frame is measured by npm run bench).
    maxFps: 250,
    onRender: frameProbe(),
  });

  const onSignal = (signal: NodeJS.Signals) => {
    app.unmount();
    restore();
    process.exit(signal === 'SIGTERM' ? 143 : 129);
  };
  const onCrash = (err: unknown) => {
    try {
      app.unmount();
    } catch {
      /* keep going: the terminal matters more */
    }
    restore();
    process.stderr.write(`s3peek: crashed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  try {
    await app.waitUntilExit();
  } finally {
    restore();
    session.destroy();
  }
  return 0;
}
