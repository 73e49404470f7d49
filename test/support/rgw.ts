// Ceph RGW harness: a throw-away single-node cluster (1 mon, 1 memstore OSD, no mgr) with two gateways:
//   s3Endpoint  - plain S3, STS off: AWS-like error codes (SignatureDoesNotMatch, AccessDenied on expiry)
//   stsEndpoint - STS on: AssumeRole with DurationSeconds down to 1 s; URLs signed with the session's
//                 credentials die when the session ends (403 AccessDenied, "Token expired" in the log).
// Ports are chosen at run time, data lives in a temp dir, processes are stopped by PID.
// The cluster is brought up by test/support/rgw/start-rgw.sh (the project's own copy of the recipe).
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, freePort, missingBinaries, onProcessExit, run } from './util.js';
import { recordSecret } from './cli.js';

// resolved from the repo root (not import.meta.url) so that this also works when bundled into dist/
const START_SCRIPT = path.join(REPO_ROOT, 'test', 'support', 'rgw', 'start-rgw.sh');
const STOP_SCRIPT = path.join(REPO_ROOT, 'test', 'support', 'rgw', 'stop-rgw.sh');

/** Binaries start-rgw.sh needs (Debian: ceph-mon ceph-osd radosgw ceph-common, plus curl). */
export const RGW_BINARIES = [
  'ceph',
  'ceph-mon',
  'ceph-osd',
  'ceph-authtool',
  'monmaptool',
  'radosgw',
  'radosgw-admin',
  'curl',
] as const;

/** Long-term credentials of the RGW user `test` (an AKIA-shaped key: "long-term" to the app). */
export const RGW_CREDENTIALS = {
  accessKeyId: 'AKIAS3PEEKRGW0000001',
  secretAccessKey: 'S3peekRgwTestSecret/0123456789abcdefABCD',
} as const;

/** Everything a test needs to talk to the cluster (serialisable: this is what vitest `provide`s). */
export interface RgwInfo {
  s3Endpoint: string;
  stsEndpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** arn:aws:iam:::role/S3Access - assumable by the user above, s3:* on everything. */
  roleArn: string;
  region: 'us-east-1';
  /** Temp dir with ceph.conf, keyrings, logs (log/*.log, log/*.out) and the pids file. */
  dataDir: string;
  /** Measured start-up time (script start to both gateways answering), ms. */
  startMs: number;
}

export interface Rgw extends RgwInfo {
  /** SIGKILLs every daemon by PID (instant; memstore data is thrown away) and deletes dataDir. */
  stop(): Promise<void>;
}

/** Names of missing binaries; empty when RGW can be started here. */
export function rgwMissingBinaries(): string[] {
  return missingBinaries(RGW_BINARIES);
}

function parseKeyValues(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function readPidsSync(dataDir: string): number[] {
  try {
    return readFileSync(path.join(dataDir, 'pids'), 'utf8')
      .split('\n')
      .map((l) => Number(l.trim().split(/\s+/)[1]))
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
}

async function logTail(dataDir: string, lines = 15): Promise<string> {
  try {
    const dir = path.join(dataDir, 'log');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.out') || f.endsWith('.log')).sort();
    const parts: string[] = [];
    for (const f of files) {
      const text = (await readFile(path.join(dir, f), 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
      if (text) parts.push(`--- ${f} ---\n${text}`);
    }
    return parts.join('\n');
  } catch {
    return '';
  }
}

/**
 * Start a throw-away Ceph cluster with a plain S3 gateway and an STS gateway.
 * Takes ~2.5-5 s; ~200 MB RAM. Throws (with the daemons' log tails) when the cluster does not come up.
 */
export async function startRgw(opts: { timeoutMs?: number } = {}): Promise<Rgw> {
  const missing = rgwMissingBinaries();
  if (missing.length) throw new Error(`startRgw: missing binaries: ${missing.join(', ')}`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 's3peek-rgw-'));
  const [monPort, monPortV1, s3Port, stsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const unregister = onProcessExit(() => {
    for (const pid of readPidsSync(dataDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });

  let out: Record<string, string>;
  try {
    const { stdout } = await run('bash', [START_SCRIPT, dataDir], {
      env: {
        ...process.env,
        MON_PORT: String(monPort),
        MON_PORT_V1: String(monPortV1),
        S3_PORT: String(s3Port),
        STS_PORT: String(stsPort),
        S3_ACCESS_KEY: RGW_CREDENTIALS.accessKeyId,
        S3_SECRET_KEY: RGW_CREDENTIALS.secretAccessKey,
        RGW_STS_MIN_DURATION: '1',
        RGW_START_TIMEOUT: String(Math.ceil((opts.timeoutMs ?? 60_000) / 1000)),
      },
    });
    out = parseKeyValues(stdout);
  } catch (err) {
    // the script already stopped what it started (ordered, keeping the logs); collect them, then clean up
    const tail = await logTail(dataDir);
    await run('bash', [STOP_SCRIPT, dataDir]).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    unregister();
    throw new Error(`startRgw failed: ${(err as Error).message}${tail ? `\n${tail}` : ''}`);
  }

  let stopped: Promise<void> | undefined;
  return {
    s3Endpoint: out.S3_ENDPOINT!,
    stsEndpoint: out.S3_STS_ENDPOINT!,
    accessKeyId: out.S3_ACCESS_KEY!,
    secretAccessKey: out.S3_SECRET_KEY!,
    roleArn: out.S3_ROLE_ARN!,
    region: 'us-east-1',
    dataDir,
    startMs: Number(out.READY_MS),
    stop() {
      stopped ??= (async () => {
        await run('bash', [STOP_SCRIPT, dataDir]);
        await rm(dataDir, { recursive: true, force: true });
        unregister();
      })();
      return stopped;
    },
  };
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/**
 * STS AssumeRole against the STS gateway for `seconds` (RGW accepts down to 1 s).
 * The returned credentials only work against `rgw.stsEndpoint` (the gateway with STS on).
 */
export async function assumeRoleRgw(
  rgw: Pick<RgwInfo, 'stsEndpoint' | 'accessKeyId' | 'secretAccessKey' | 'roleArn' | 'region'>,
  seconds: number,
  opts: { sessionName?: string } = {},
): Promise<TemporaryCredentials> {
  const sts = new STSClient({
    endpoint: rgw.stsEndpoint,
    region: rgw.region,
    credentials: { accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey },
  });
  try {
    const res = await sts.send(
      new AssumeRoleCommand({
        RoleArn: rgw.roleArn,
        RoleSessionName: opts.sessionName ?? `s3peek-test-${process.pid}-${Date.now()}`,
        DurationSeconds: seconds,
      }),
    );
    const c = res.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error(`assumeRoleRgw: incomplete credentials in AssumeRole answer: ${JSON.stringify(res)}`);
    }
    recordSecret(c.SecretAccessKey);
    recordSecret(c.SessionToken);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  } finally {
    sts.destroy();
  }
}
