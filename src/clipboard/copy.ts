// Copy with a fallback chain: the system clipboard (clipboardy) first; OSC 52 through the terminal when
// that fails or when over SSH (where the "system" clipboard is the remote machine's); and when neither can
// work, say so, so the caller shows the URL in full. Cyberduck once put an empty string on the clipboard
// without a word (iterate-ch/cyberduck#16334): never claim a copy that did not happen.

export interface CopyResult {
  /** Where the text went; empty when nowhere. */
  via: ('clipboard' | 'osc52')[];
  /** What happened, for the status line. */
  detail: string;
}

export interface CopyOptions {
  env?: NodeJS.ProcessEnv;
  /** Writes raw bytes to the user's terminal; absent when there is no terminal (OSC 52 impossible). */
  writeTerminal?: (data: string) => void;
  /** For tests: skip the system clipboard. */
  skipSystem?: boolean;
}

export function osc52(text: string, env: NodeJS.ProcessEnv): string {
  const seq = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (!env.TMUX) return seq;
  // Inside tmux: the plain sequence reaches tmux itself (with `set-clipboard on` it becomes a tmux buffer
  // and goes on to the outer terminal); the DCS-wrapped one (inner ESCs doubled) passes straight through
  // when `allow-passthrough on`. Sending both works with either setting.
  return `${seq}\x1bPtmux;${seq.replace(/\x1b/g, '\x1b\x1b')}\x1b\\`;
}

export async function copyText(text: string, opts: CopyOptions = {}): Promise<CopyResult> {
  const env = opts.env ?? process.env;
  const overSsh = Boolean(env.SSH_TTY || env.SSH_CONNECTION);
  const via: CopyResult['via'] = [];
  let systemError = '';
  // On Linux without a display clipboardy can only fail (after ~1 s of trying): say why at once.
  const headless = process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  if (headless && !opts.skipSystem) systemError = 'DISPLAY and WAYLAND_DISPLAY unset';
  if (!opts.skipSystem && !headless) {
    try {
      const { default: clipboard } = await import('clipboardy');
      await clipboard.write(text);
      via.push('clipboard');
    } catch (err) {
      systemError = firstLine(err);
    }
  }
  // The Linux console and dumb terminals ignore OSC 52: sending it there would claim a copy that did not happen.
  const terminalCanCopy = Boolean(opts.writeTerminal) && !['dumb', 'linux', ''].includes(env.TERM ?? '');
  if ((overSsh || via.length === 0) && terminalCanCopy && opts.writeTerminal) {
    opts.writeTerminal(osc52(text, env));
    via.push('osc52');
  }
  if (via.length === 0) {
    return { via, detail: `Not copied: no system clipboard (${systemError || 'no display'}) and TERM=${env.TERM || 'unset'} takes no OSC 52` };
  }
  if (via.length === 2) return { via, detail: 'Copied to the clipboard (and via OSC 52 for your local terminal)' };
  if (via[0] === 'osc52') {
    return { via, detail: `Sent to your terminal's clipboard via OSC 52 (if it allows clipboard writes); no system clipboard${systemError ? `: ${systemError}` : ''}` };
  }
  return { via, detail: 'Copied to the clipboard' };
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  // Strip control characters: this text reaches the status line.
  return (msg.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 120);
}
