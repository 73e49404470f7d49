import type { ParsedArgs } from './args.js';
import { openSession, reportError, usageError } from './common.js';
import { EXIT } from './exit.js';
import { parseS3Uri } from '../core/s3-uri.js';

export async function browse(args: ParsedArgs): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      's3peek: the terminal UI needs a terminal (stdin and stdout must be a TTY).\n' +
        '  For scripts use: s3peek ls, s3peek presign, s3peek whoami, s3peek inspect (s3peek --help).\n',
    );
    return EXIT.usage;
  }
  let initial = { bucket: null as string | null, prefix: '' };
  if (args.positionals[0]) {
    const parsed = parseS3Uri(args.positionals[0]);
    if (!parsed.ok) return usageError(parsed.error);
    const p = parsed.value.prefix;
    initial = { bucket: parsed.value.bucket, prefix: p === '' || p.endsWith('/') ? p : `${p}/` };
  }
  // Colour is decided before Ink (and chalk) load.
  if (!args.globals.color) process.env.FORCE_COLOR = '0';
  // The first listing request leaves before the UI's code (Ink, React, the layout engine) is even
  // loaded: against a distant region the round trip then overlaps the loading (npm run bench measures
  // the first frame).
  let session;
  try {
    session = await openSession(args);
  } catch (err) {
    return reportError(err);
  }
  const { startFirstListing } = await import('../ui/prefetch.js');
  const prefetch = await startFirstListing(session, initial);
  const { runTui } = await import('../ui/run.js');
  return runTui(session, initial, Promise.resolve(prefetch));
}
