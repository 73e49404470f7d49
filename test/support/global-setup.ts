// vitest globalSetup (integration + e2e projects): start ONE Ceph RGW and ONE moto_server for the run,
// in parallel, and provide their endpoints to test files (see servers.ts: requireRgw / requireMoto).
// When both projects run, they share the same servers (ref-counted on globalThis, main process).
import type { TestProject } from 'vitest/node';
import { motoAvailable, startMoto, type Moto, type MotoInfo } from './moto.js';
import { rgwMissingBinaries, startRgw, type Rgw, type RgwInfo } from './rgw.js';
import { skippedByEnv, type Provided } from './server-policy.js';

interface Shared {
  refs: number;
  rgw: Promise<{ provided: Provided<RgwInfo>; server?: Rgw }>;
  moto: Promise<{ provided: Provided<MotoInfo>; server?: Moto }>;
}

const KEY = Symbol.for('s3peek.test.global-servers');
const holder = globalThis as typeof globalThis & { [KEY]?: Shared };

function log(msg: string) {
  process.stderr.write(`[s3peek test servers] ${msg}\n`);
}

const disabled = () => `disabled by S3PEEK_SKIP_SERVERS=${process.env.S3PEEK_SKIP_SERVERS}`;

async function bootRgw(): Promise<{ provided: Provided<RgwInfo>; server?: Rgw }> {
  if (skippedByEnv('rgw')) return { provided: { state: 'absent', reason: disabled() } };
  const missing = rgwMissingBinaries();
  if (missing.length) return { provided: { state: 'absent', reason: `not installed (missing ${missing.join(', ')})` } };
  try {
    const server = await startRgw();
    const { stop: _stop, ...info } = server;
    log(`ceph rgw ready in ${server.startMs} ms: s3 ${server.s3Endpoint}, sts ${server.stsEndpoint}`);
    return { provided: { state: 'ready', info }, server };
  } catch (err) {
    log(`ceph rgw FAILED to start: ${(err as Error).message}`);
    return { provided: { state: 'failed', error: (err as Error).message } };
  }
}

async function bootMoto(): Promise<{ provided: Provided<MotoInfo>; server?: Moto }> {
  if (skippedByEnv('moto')) return { provided: { state: 'absent', reason: disabled() } };
  if (!motoAvailable()) return { provided: { state: 'absent', reason: 'not installed (moto_server not on PATH)' } };
  try {
    const server = await startMoto();
    const { stop: _stop, ...info } = server;
    log(`moto ready in ${server.startMs} ms: ${server.endpoint}`);
    return { provided: { state: 'ready', info }, server };
  } catch (err) {
    log(`moto FAILED to start: ${(err as Error).message}`);
    return { provided: { state: 'failed', error: (err as Error).message } };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let shared = holder[KEY];
  if (!shared) {
    shared = { refs: 0, rgw: bootRgw(), moto: bootMoto() };
    holder[KEY] = shared;
  }
  shared.refs++;
  const [rgw, moto] = await Promise.all([shared.rgw, shared.moto]);
  project.provide('s3peekRgw', rgw.provided);
  project.provide('s3peekMoto', moto.provided);

  return async () => {
    const s = holder[KEY];
    if (!s || --s.refs > 0) return;
    delete holder[KEY];
    const [r, m] = await Promise.all([s.rgw, s.moto]);
    const running = [r.server && 'ceph rgw', m.server && 'moto'].filter(Boolean);
    await Promise.all([r.server?.stop(), m.server?.stop()]);
    if (running.length) log(`stopped ${running.join(' and ')}`);
  };
}
