// The environment every client in the bench gets, and facts about the machine for the report.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { which } from '../support/util.js';
import { BENCH_CREDENTIALS } from './serve.js';

/**
 * Same long-term credentials and region for s3peek and the AWS CLI; no instance metadata lookups;
 * empty config/credentials files so nothing from the user's ~/.aws leaks in. Everything else AWS_* is
 * dropped from the inherited environment.
 */
export function clientEnv(benchDataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  mkdirSync(benchDataDir, { recursive: true });
  const empty = path.join(benchDataDir, 'empty-aws-config');
  writeFileSync(empty, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('AWS_') || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: BENCH_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: BENCH_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_PAGER: '',
    ...extra,
  };
}

/** The AWS CLI's real entry point: a pyenv shim would add a bash + pyenv start to every run. */
export function awsBinary(): string {
  const shim = which('aws');
  if (!shim) throw new Error('bench: the AWS CLI (aws) is not on PATH');
  if (shim.includes('/shims/') && which('pyenv')) {
    try {
      const real = execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).trim();
      if (real) return real;
    } catch {
      // fall back to the shim
    }
  }
  return shim;
}

export function python(): string {
  return which('python3') ?? 'python3';
}

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0] ?? '';
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n')[0] ?? '?';
  }
}

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  aws: string;
  moto: string;
  tmux: string;
}

export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1]!.trim();
  } catch {
    // not Linux
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu,
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    aws: firstLine(awsBinary(), ['--version']),
    moto: firstLine(python(), ['-c', 'import moto; print("moto " + moto.__version__)']),
    tmux: firstLine('tmux', ['-V']),
  };
}
