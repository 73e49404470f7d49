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
 * overrides and invisible characters raw: they are escaped as \uXXXX, still exact after JSON.parse.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
