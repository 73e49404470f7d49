// Secrets stay secret: every byte the binary printed during this test run (CLI stdout/stderr recorded by
// test/support/cli.ts, TUI screens recorded by test/support/tmux.ts) is scanned for every secret access
// key and session token the suite used. A session token may appear only inside a pre-signed URL (the
// one thing the user asked for); a secret access key may appear nowhere. Runs last (sequence.groupOrder).
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../support/s3rver.js';
import { RGW_CREDENTIALS } from '../support/rgw.js';
import { MOTO_CREDENTIALS } from '../support/moto.js';
import { outputLogPath, runCli } from '../support/cli.js';
import { absent } from '../support/servers.js';

interface Entry { args?: string[]; stdout?: string; stderr?: string; screen?: string; secret?: string }

function readLog(): Entry[] {
  const file = outputLogPath();
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry);
}

/** The text with every pre-signed URL removed (tokens are allowed inside the URL the user asked for). */
function withoutUrls(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/g, '<url>');
}

function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

describe('no secret is ever printed', () => {
  it('Given runs that fail in ways that could leak, Then their output is recorded for the scan', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIASECRETSCANTEST01', AWS_SECRET_ACCESS_KEY: 'ScanTestSecretKeyMustNeverBePrinted00000', AWS_SESSION_TOKEN: 'ScanTestSessionTokenMustOnlyAppearInUrls', AWS_REGION: 'us-east-1' };
    const runs = await Promise.all([
      runCli(['--endpoint-url', 'http://127.0.0.1:9', 'ls'], env),
      runCli(['--endpoint-url', 'http://127.0.0.1:9', 'whoami', '--json'], env),
      runCli(['--endpoint-url', 'http://127.0.0.1:9', 'presign', 's3://b/k', '--json'], env),
      runCli(['--endpoint-url', 'http://127.0.0.1:9', 'presign', 's3://b/k', '--expires', '9d'], env),
      runCli(['--profile', 'does-not-exist', 'whoami'], env),
    ]);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  });

  // Run alone (`--project secrets`) there is nothing to scan: skipped with the reason, except in CI.
  const othersRan = readLog().some((e) => e.screen !== undefined);
  if (!othersRan) absent('secret scan', 'no TUI or CLI output recorded in this run (run the whole suite)');

  it.skipIf(!othersRan)('Given every run of the binary in this test run, Then no secret key appears, and tokens only inside URLs', () => {
    const entries = readLog();
    const outputs = entries.filter((e) => e.secret === undefined);
    // The scan must have something to scan: the CLI and TUI tests of this run recorded their output.
    expect(outputs.length).toBeGreaterThan(30);
    expect(outputs.some((e) => e.screen !== undefined)).toBe(true);
    const secrets = new Set<string>([
      DEMO_CREDENTIALS.secretAccessKey, DEMO_CREDENTIALS.sessionToken, RGW_CREDENTIALS.secretAccessKey, MOTO_CREDENTIALS.secretAccessKey,
      'ScanTestSecretKeyMustNeverBePrinted00000', 'ScanTestSessionTokenMustOnlyAppearInUrls',
      ...entries.filter((e) => e.secret).map((e) => e.secret!),
    ]);
    expect(secrets.size).toBeGreaterThan(6); // dynamic STS credentials were recorded too
    const leaks: string[] = [];
    for (const e of outputs) {
      const text = withoutUrls([e.stdout ?? '', e.stderr ?? '', e.screen ?? ''].join('\n'));
      for (const s of secrets) {
        if (forms(s).some((f) => text.includes(f))) leaks.push(`${(e.args ?? ['(tui)']).join(' ')} printed ${s.slice(0, 6)}…`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
