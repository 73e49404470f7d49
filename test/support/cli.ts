// Runs the BUILT binary as a user would (a child process), capturing every byte it prints. Every capture
// is also recorded for the secret-scanning test (test/e2e/zz-secrets.test.ts reads the log).
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './util.js';

export const BIN = path.join(REPO_ROOT, 'bin', 's3peek.js');

export interface CliResult { code: number; stdout: string; stderr: string }

/** Environment with no AWS_* from the test process, no IMDS lookups, plus `env`. */
export function cleanEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && v !== undefined) base[k] = v;
  base.AWS_EC2_METADATA_DISABLED = 'true';
  base.AWS_CONFIG_FILE = '/nonexistent/s3peek-test-config';
  base.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/s3peek-test-credentials';
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, opts: { timeoutMs?: number; stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      record(args, stdout, stderr);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/**
 * Where every run's output is appended (JSON lines) for the secret scan (test/secrets/scan.test.ts).
 * test/vitest.config.ts sets S3PEEK_OUTPUT_LOG to a fresh file for each `vitest run`.
 */
export function outputLogPath(): string {
  return process.env.S3PEEK_OUTPUT_LOG ?? path.join(os.tmpdir(), 's3peek-test-output.jsonl');
}

export function recordOutput(entry: { args?: readonly string[]; stdout?: string; stderr?: string; screen?: string }): void {
  appendFileSync(outputLogPath(), `${JSON.stringify(entry)}\n`);
}

/** A credential secret the suite created (STS session), so the scan looks for it too. */
export function recordSecret(secret: string): void {
  appendFileSync(outputLogPath(), `${JSON.stringify({ secret })}\n`);
}

function record(args: string[], stdout: string, stderr: string): void {
  recordOutput({ args, stdout, stderr });
}
