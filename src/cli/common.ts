import type { ParsedArgs } from './args.js';
import { Session } from '../aws/session.js';
import { AppError, toAppError } from '../aws/errors.js';
import { EXIT } from './exit.js';
import { USAGE_HINT } from './help.js';

export function openSession(args: ParsedArgs, load: { s3?: boolean } = {}): Promise<Session> {
  const g = args.globals;
  return Session.open({ profile: g.profile, region: g.region, endpointUrl: g.endpointUrl, pathStyle: g.pathStyle }, process.env, load);
}

/** One line on stderr for a runtime failure (message + what to do); returns the exit code. */
export function reportError(err: unknown): number {
  const e = err instanceof AppError ? err : toAppError(err);
  process.stderr.write(`s3peek: ${e.message}${e.hint ? `\n  ${e.hint}` : ''}\n`);
  return e.kind === 'invalid' ? EXIT.usage : EXIT.runtime;
}

export function usageError(message: string): number {
  process.stderr.write(`s3peek: ${message}\n${USAGE_HINT}\n`);
  return EXIT.usage;
}

/** Writes and waits for the pipe to drain, so large outputs reach a closed-early reader cleanly. */
export function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/**
 * One JSON line. JSON.stringify leaves C1 controls (a one-byte CSI or OSC to many terminals), bidi
 * controls and invisible characters (zero-width, Hangul fillers, tag characters) raw: they are escaped as
 * \uXXXX, so a terminal showing the output sees only ASCII escapes, and JSON.parse still gives the exact key.
 */
const JSON_HAZARDS = /[\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180b-\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;
export function jsonLine(value: unknown): string {
  const escaped = JSON.stringify(value).replace(JSON_HAZARDS, (c) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
  return `${escaped}\n`;
}
