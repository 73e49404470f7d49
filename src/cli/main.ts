// Entry of the bundle. Parses argv, then lazily imports only what the command needs: `--version` and
// `--help` load nothing else, `whoami` never loads Ink, the TUI never waits for code it does not use.
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { helpText, USAGE_HINT } from './help.js';
import { EXIT } from './exit.js';

declare const __S3PEEK_VERSION__: string;

// The SDK prints a Node-20 deprecation warning at load; it must never reach the UI or a script's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function run(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, process.env);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`s3peek: ${err.message}\n${USAGE_HINT}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  switch (args.command) {
    case 'version':
      process.stdout.write(`s3peek ${typeof __S3PEEK_VERSION__ === 'string' ? __S3PEEK_VERSION__ : 'dev'}\n`);
      return EXIT.ok;
    case 'help':
      process.stdout.write(helpText(args.positionals[0]));
      return EXIT.ok;
    case 'browse':
      return (await import('./browse.js')).browse(args);
    case 'ls':
      return (await import('./ls.js')).ls(args);
    case 'presign':
      return (await import('./presign.js')).presignCommand(args);
    case 'whoami':
      return (await import('./whoami.js')).whoami(args);
    case 'inspect':
      return (await import('./inspect.js')).inspect(args);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Last resort: never a stack trace with secrets in it, just what happened.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`s3peek: unexpected error: ${message}\n`);
    process.exitCode = EXIT.runtime;
  },
);
