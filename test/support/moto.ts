// moto harness: `moto_server -H 127.0.0.1 -p PORT` (Python moto 5), for STS GetCallerIdentity and
// AWS-shaped ARNs (RGW has no GetCallerIdentity). moto checks no signature and no expiry.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { spawn } from 'node:child_process';
import { recordSecret } from './cli.js';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  childExited,
  freePort,
  httpAnswers,
  killGroupSync,
  onProcessExit,
  stopProcessGroup,
  waitUntil,
  which,
} from './util.js';

/** moto's default account id: every ARN it hands out carries it. */
export const MOTO_ACCOUNT_ID = '123456789012';

/** Any credentials work with moto; these look like long-term IAM user keys. */
export const MOTO_CREDENTIALS = {
  accessKeyId: 'AKIAS3PEEKMOTO000001',
  secretAccessKey: 'S3peekMotoTestSecret/0123456789abcdefABC',
} as const;

export interface MotoInfo {
  endpoint: string;
  region: 'us-east-1';
  /** Measured start-up time (spawn to first HTTP answer), ms. */
  startMs: number;
}

export interface Moto extends MotoInfo {
  stop(): Promise<void>;
}

export function motoAvailable(): boolean {
  return which('moto_server') !== null;
}

/** Start `moto_server` on a free loopback port and wait until it answers HTTP. */
export async function startMoto(opts: { timeoutMs?: number } = {}): Promise<Moto> {
  if (!motoAvailable()) throw new Error('startMoto: moto_server is not on PATH');
  const t0 = performance.now();
  const port = await freePort();
  const logDir = await mkdtemp(path.join(os.tmpdir(), 's3peek-moto-'));
  const logFile = path.join(logDir, 'moto.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', logFd, logFd],
    detached: true, // own process group: stop() kills the whole group
  });
  closeSync(logFd);
  child.unref();
  const unregister = onProcessExit(() => killGroupSync(child.pid));
  const endpoint = `http://127.0.0.1:${port}`;

  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`moto_server exited early (${child.exitCode ?? child.signalCode})`);
        }
        return httpAnswers(`${endpoint}/moto-api/`, 500);
      },
      { timeoutMs: opts.timeoutMs ?? 30_000, intervalMs: 50, describe: () => `moto_server did not answer on ${endpoint}` },
    );
  } catch (err) {
    await stopProcessGroup(child, 500);
    unregister();
    const log = await readFile(logFile, 'utf8').catch(() => '');
    await rm(logDir, { recursive: true, force: true });
    throw new Error(`startMoto failed: ${(err as Error).message}\n--- moto.log ---\n${log.slice(-2000)}`);
  }

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    region: 'us-east-1',
    startMs: Math.round(performance.now() - t0),
    stop() {
      stopped ??= (async () => {
        await stopProcessGroup(child, 2000);
        await childExited(child);
        unregister();
        await rm(logDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

export interface MotoAssumedRole {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** AssumedRoleUser.Arn, e.g. arn:aws:sts::123456789012:assumed-role/ROLE/SESSION */
  arn: string;
}

/**
 * STS AssumeRole through moto. moto 5 does not require the role to exist in IAM (checked with 5.2.1):
 * any role ARN is accepted and GetCallerIdentity with the returned keys reports
 * arn:aws:sts::123456789012:assumed-role/ROLE/SESSION.
 */
export async function assumeRoleMoto(
  endpoint: string,
  opts: { roleName: string; sessionName: string; seconds: number; accountId?: string },
): Promise<MotoAssumedRole> {
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: { ...MOTO_CREDENTIALS } });
  try {
    const res = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${opts.accountId ?? MOTO_ACCOUNT_ID}:role/${opts.roleName}`,
        RoleSessionName: opts.sessionName,
        DurationSeconds: opts.seconds,
      }),
    );
    const c = res.Credentials;
    const arn = res.AssumedRoleUser?.Arn;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !arn) {
      throw new Error(`assumeRoleMoto: incomplete AssumeRole answer: ${JSON.stringify(res)}`);
    }
    recordSecret(c.SecretAccessKey);
    recordSecret(c.SessionToken);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      arn,
    };
  } finally {
    sts.destroy();
  }
}
