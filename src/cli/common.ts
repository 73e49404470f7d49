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

export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
