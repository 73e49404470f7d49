// Hand-rolled argv parsing: no dependency, strict about unknown flags (exit 2 with a hint).

export interface GlobalOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  /** undefined = default (on when an endpoint URL is set). */
  pathStyle?: boolean;
  color: boolean;
}

export type CommandName = 'browse' | 'ls' | 'presign' | 'whoami' | 'inspect' | 'help' | 'version';

export interface ParsedArgs {
  command: CommandName;
  globals: GlobalOptions;
  positionals: string[];
  /** Command flags: booleans are true when present, values are strings. */
  flags: Record<string, string | boolean>;
}

export class UsageError extends Error {}

interface FlagSpec {
  /** takes a value (`--expires 1h` or `--expires=1h`) */
  value?: boolean;
}

const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  '--profile': { value: true },
  '--region': { value: true },
  '--endpoint-url': { value: true },
  '--path-style': {},
  '--no-path-style': {},
  '--no-color': {},
  '--help': {},
  '-h': {},
};

export const COMMAND_FLAGS: Record<Exclude<CommandName, 'help' | 'version'>, Record<string, FlagSpec>> = {
  browse: {},
  ls: { '--recursive': {}, '-r': {}, '--json': {}, '--page-size': { value: true } },
  presign: { '--expires': { value: true }, '--method': { value: true }, '--copy': {}, '--json': {}, '--strict': {} },
  whoami: { '--json': {} },
  inspect: { '--probe': {}, '--json': {} },
};

const COMMANDS = new Set(['ls', 'presign', 'whoami', 'inspect', 'help']);

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const globals: GlobalOptions = { color: !('NO_COLOR' in env && env.NO_COLOR !== '') };
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  let command: CommandName | undefined;
  let wantHelp = false;

  // The first positional may name a command; everything else is positional for it.
  const first = firstPositional(argv);
  if (argv.includes('--version') || argv.includes('-V')) {
    return { command: 'version', globals, positionals, flags };
  }
  if (first >= 0 && COMMANDS.has(argv[first])) {
    command = argv[first] as CommandName;
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (command && command !== 'browse' && i === first) continue;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    const cmdSpecs = command && command !== 'help' && command !== 'version' ? COMMAND_FLAGS[command] : COMMAND_FLAGS.browse;
    const spec = GLOBAL_FLAGS[name] ?? cmdSpecs[name];
    if (!spec) {
      const where = command && command !== 'help' ? `for '${command}'` : '';
      throw new UsageError(`unknown option '${name}' ${where}`.trim());
    }
    let value: string | undefined;
    if (spec.value) {
      value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`option '${name}' needs a value`);
      }
    } else if (inline !== undefined) {
      throw new UsageError(`option '${name}' takes no value`);
    }
    switch (name) {
      case '--profile': globals.profile = value; break;
      case '--region': globals.region = value; break;
      case '--endpoint-url': globals.endpointUrl = value; break;
      case '--path-style': globals.pathStyle = true; break;
      case '--no-path-style': globals.pathStyle = false; break;
      case '--no-color': globals.color = false; break;
      case '--help': case '-h': wantHelp = true; break;
      case '-r': flags['--recursive'] = true; break;
      default: flags[name] = value ?? true;
    }
  }

  if (wantHelp || command === 'help') {
    return { command: 'help', globals, positionals: command === 'help' ? positionals : command ? [command] : [], flags };
  }
  if (!command) {
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
    if (positionals.length === 1 && !positionals[0].startsWith('s3://')) {
      throw new UsageError(`unknown command '${positionals[0]}'`);
    }
    command = 'browse';
  }
  return { command, globals, positionals, flags };
}

/** Index of the first argument that is neither a flag nor a global flag's value. */
function firstPositional(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!a.startsWith('-')) return i;
    if (!a.includes('=') && GLOBAL_FLAGS[a]?.value) i++;
  }
  return -1;
}
