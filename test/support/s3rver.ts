// In-process s3rver (npm s3rver@3.7.1) on 127.0.0.1 with a port chosen at run time.
// What s3rver enforces: known access key ids (its account registry) and pre-signed expiry
// (403 AccessDenied "Request has expired"). It does NOT verify SigV4 signatures.
// Used by the embedded demo (`npm run demo`) and by fast listing tests.
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seedDemo, type SeedSummary } from './seed.js';

/**
 * Temporary-looking credentials used by the demo (ASIA prefix + session token => "temporary" to the app).
 * s3rver ignores the session token; the session end is whatever the demo launcher sets in
 * AWS_CREDENTIAL_EXPIRATION.
 */
export const DEMO_CREDENTIALS = {
  accessKeyId: 'ASIAS3PEEKDEMO000001',
  secretAccessKey: 'S3peekDemoSecretKey/0123456789abcdefABCD',
  sessionToken:
    'IQoJb3JpZ2luX2VjEAMaCXVzLWVhc3QtMSJHMEUCIQDs3peekDemoSessionTokenNotARealAwsToken0000000000' +
    'AiB0ZXN0LW9ubHktZmFrZS1zZXNzaW9uLXRva2VuLWZvci1zM3BlZWstZGVtbyEqmgIIs3peekDEMOfakeSessionT0' +
    'kenForLocalS3rverOnly+ThisIsNotACredentialAndGrantsNothingOutsideTheEmbeddedDemoServer/00000' +
    'ZmFrZS1kZW1vLXRva2VuLXBhZGRpbmctdG8tbG9vay1saWtlLWEtcmVhbC1zdHMtc2Vzc2lvbi10b2tlbg==',
} as const;

/** s3rver's built-in key pair (always registered by s3rver itself). */
export const S3RVER_DEFAULT_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

let demoAccount: InstanceType<typeof AWSAccount> | undefined;

/**
 * Register an access key with s3rver's (process-wide) account registry, so requests signed with it are
 * accepted. Idempotent. DEMO_CREDENTIALS are registered by startS3rver() itself.
 */
export function registerS3rverCredentials(accessKeyId: string, secretAccessKey: string): void {
  demoAccount ??= new AWSAccount(123456789012, 's3peek-demo');
  if (AWSAccount.registry.get(accessKeyId)?.accessKeys.get(accessKeyId) === secretAccessKey) return;
  demoAccount.createKeyPair(accessKeyId, secretAccessKey);
}

export interface S3rverHandle {
  endpoint: string;
  port: number;
  /** Where s3rver keeps the objects (FilesystemStore layout). */
  directory: string;
  region: 'us-east-1';
  /** Present when started with `{ seed: true }`. */
  seed?: SeedSummary;
  /** The s3rver instance, for store-level access (server.store). */
  server: S3rver;
  /** Closes the server (and its keep-alive connections); removes `directory` if startS3rver created it. */
  stop(): Promise<void>;
}

export interface StartS3rverOptions {
  /** Use this directory instead of a fresh temp dir (it is then NOT removed on stop). */
  directory?: string;
  /** Silence s3rver's request log (default true). */
  silent?: boolean;
  /** Fill the server with the demo data set (seedDemo), writing the big prefix through the store. */
  seed?: boolean;
  /** Port to listen on (default 0: chosen by the OS). */
  port?: number;
}

export async function startS3rver(opts: StartS3rverOptions = {}): Promise<S3rverHandle> {
  registerS3rverCredentials(DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.secretAccessKey);
  const ownDirectory = opts.directory === undefined;
  const directory = opts.directory ?? (await mkdtemp(path.join(os.tmpdir(), 's3peek-s3rver-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    silent: opts.silent ?? true,
    directory,
    resetOnClose: false,
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      const closing = server.close();
      // SDK clients keep connections alive; without this close() waits for their idle timeout
      server.httpServer?.closeAllConnections();
      await closing;
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
    })();
    return stopped;
  };

  const handle: S3rverHandle = { endpoint, port: address.port, directory, region: 'us-east-1', server, stop };
  if (opts.seed) {
    try {
      handle.seed = await seedDemo(endpoint, DEMO_CREDENTIALS, { store: server.store });
    } catch (err) {
      await stop();
      throw err;
    }
  }
  return handle;
}
