// The profile's `region` from the shared config file, read directly: asking the SDK means building a
// client first (~100 ms of module loading before anything is on screen). Same file, same precedence as
// the SDK: AWS_CONFIG_FILE or ~/.aws/config, `[profile NAME]` (or `[default]`).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function parseProfileRegion(ini: string, profile: string): string | undefined {
  const wanted = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inSection = false;
  for (const raw of ini.split(/\r?\n/)) {
    const line = raw.replace(/[;#].*$/, '').trim();
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) {
      inSection = wanted.includes(section[1].replace(/\s+/g, ' '));
      continue;
    }
    if (!inSection || /^\s/.test(raw)) continue; // indented lines are sub-settings (s3 = …)
    const kv = /^region\s*=\s*(\S+)$/.exec(line);
    if (kv) return kv[1];
  }
  return undefined;
}

export function readProfileRegion(profile: string | null, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  try {
    return parseProfileRegion(readFileSync(file, 'utf8'), profile ?? env.AWS_DEFAULT_PROFILE ?? 'default');
  } catch {
    return undefined;
  }
}
