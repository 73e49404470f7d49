// In-process s3rver (npm s3rver@3.7.1) on 127.0.0.1 with a port chosen at run time.
// What s3rver enforces: known access key ids (its account registry) and pre-signed expiry
// (403 AccessDenied "Request has expired"). It does NOT verify SigV4 signatures.
// Used by the embedded demo (`npm run demo`) and by fast listing tests.
// Two process-wide fixes are applied on start (see below): ListObjectsV2 pagination under OpenSSL 3
// (s3rver's DES continuation tokens) and S3-true listings (nested common prefixes, UTF-8 key order).
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import S3Object from 's3rver/lib/models/object.js';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import crypto from 'node:crypto';
import { rmSync, type Dirent } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { seedDemo, type SeedSummary } from './seed.js';
import { fastTmpDir, onProcessExit } from './util.js';

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

/**
 * What the demo hands the app: DEMO_CREDENTIALS as temporary env credentials whose session ends
 * `minutes` from now (AWS_CREDENTIAL_EXPIRATION, read by the SDK's env provider), plus `extra`.
 */
export function demoEnv(minutes = 50, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: DEMO_CREDENTIALS.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + minutes * 60_000).toISOString(),
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** s3rver's built-in key pair (always registered by s3rver itself). */
export const S3RVER_DEFAULT_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

let demoAccount: InstanceType<typeof AWSAccount> | undefined;

/**
 * s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with single DES ('des'), which OpenSSL 3
 * (Node 17+) only has in its legacy provider: every truncated listing answers 500 InternalError
 * ("digital envelope routines::unsupported"). Triple DES with K1 = K2 = K3 computes exactly single DES
 * and is in the default provider, so map 'des' to 'des-ede3-cbc' with the key repeated: tokens are
 * bit-for-bit what s3rver would produce. Applied only when 'des' really is unavailable; idempotent.
 */
function patchDesForOpenSsl3(): void {
  const c = crypto as typeof crypto & { __s3peekDesPatched?: boolean };
  if (c.__s3peekDesPatched) return;
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return; // works as is (legacy provider loaded)
  } catch {
    // patch below
  }
  const map = (algorithm: string, key: crypto.CipherKey): [string, crypto.CipherKey] =>
    algorithm.toLowerCase() === 'des' && Buffer.isBuffer(key) && key.length === 8
      ? ['des-ede3-cbc', Buffer.concat([key, key, key])]
      : [algorithm, key];
  const { createCipheriv, createDecipheriv } = crypto;
  c.createCipheriv = ((algorithm: string, key: crypto.CipherKey, ...rest: unknown[]) =>
    (createCipheriv as (...a: unknown[]) => crypto.Cipher)(...map(algorithm, key), ...rest)) as typeof crypto.createCipheriv;
  c.createDecipheriv = ((algorithm: string, key: crypto.CipherKey, ...rest: unknown[]) =>
    (createDecipheriv as (...a: unknown[]) => crypto.Decipher)(...map(algorithm, key), ...rest)) as typeof crypto.createDecipheriv;
  c.__s3peekDesPatched = true;
}

/**
 * Register an access key with s3rver's (process-wide) account registry, so requests signed with it are
 * accepted. Idempotent. DEMO_CREDENTIALS are registered by startS3rver() itself.
 */
export function registerS3rverCredentials(accessKeyId: string, secretAccessKey: string): void {
  demoAccount ??= new AWSAccount(123456789012, 's3peek-demo');
  if (AWSAccount.registry.get(accessKeyId)?.accessKeys.get(accessKeyId) === secretAccessKey) return;
  demoAccount.createKeyPair(accessKeyId, secretAccessKey);
}

/**
 * s3rver 3.7.1's FilesystemStore.listObjects walks directories and, with a delimiter, never descends
 * below the first level under the prefix: a "folder" that holds only sub-folders (reports/2026/ with
 * only q2/ q3/ inside) is missing from CommonPrefixes. It also orders keys by file-system name
 * ("a b" after "a/x"), not by UTF-8 bytes as S3 does. This replacement keeps s3rver's storage layout,
 * its metadata reading and its controller contract (maxKeys counts objects; the continuation token
 * is the last object key) but computes the listing the S3 way: every key under the prefix, sorted by
 * UTF-8 bytes, keys after startAfter, grouped by the delimiter (of any length). Idempotent.
 */
function patchListObjects(): void {
  const proto = FilesystemStore.prototype as S3rver.FilesystemStore & { __s3peekListPatched?: boolean };
  if (proto.__s3peekListPatched) return;
  const OBJECT_SUFFIX = '._S3rver_object';
  proto.listObjects = async function listObjects(this: S3rver.FilesystemStore, bucket, options) {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const keys: { key: string; bytes: Buffer }[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const e of entries) {
        const name = FilesystemStore.decodeKeyPath(e.name);
        if (e.isDirectory()) {
          const sub = `${rel}${name}/`;
          if (sub.startsWith(prefix) || prefix.startsWith(sub)) await walk(path.join(dir, e.name), sub);
        } else if (name.endsWith(OBJECT_SUFFIX)) {
          const key = rel + name.slice(0, -OBJECT_SUFFIX.length);
          if (key.startsWith(prefix)) keys.push({ key, bytes: Buffer.from(key, 'utf8') });
        }
      }
    };
    await walk(this.getBucketPath(bucket), '');
    keys.sort((a, b) => Buffer.compare(a.bytes, b.bytes));

    const after = Buffer.from(startAfter, 'utf8');
    const objectKeys: string[] = [];
    const commonPrefixes = new Set<string>();
    let isTruncated = false;
    for (const { key, bytes } of keys) {
      if (startAfter && Buffer.compare(bytes, after) <= 0) continue;
      if (delimiter) {
        const idx = key.indexOf(delimiter, prefix.length);
        if (idx !== -1) {
          commonPrefixes.add(key.slice(0, idx + delimiter.length));
          continue;
        }
      }
      if (objectKeys.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      objectKeys.push(key);
    }
    const metadata = await Promise.all(
      objectKeys.map((key) =>
        this.getMetadata(bucket, key).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return undefined; // deleted meanwhile
          throw err;
        }),
      ),
    );
    const objects: S3rver.StoredObject[] = [];
    objectKeys.forEach((key, i) => {
      const m = metadata[i];
      if (m) objects.push(new S3Object(bucket, key, null, m));
    });
    return { objects, commonPrefixes: [...commonPrefixes], isTruncated };
  };
  proto.__s3peekListPatched = true;
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
  /** Use this directory instead of a fresh temp dir under fastTmpDir() (it is then NOT removed on stop). */
  directory?: string;
  /** Silence s3rver's request log (default true). */
  silent?: boolean;
  /** Fill the server with the demo data set (seedDemo), writing the big prefix through the store. */
  seed?: boolean;
  /** Port to listen on (default 0: chosen by the OS). */
  port?: number;
}

export async function startS3rver(opts: StartS3rverOptions = {}): Promise<S3rverHandle> {
  patchDesForOpenSsl3();
  patchListObjects();
  registerS3rverCredentials(DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.secretAccessKey);
  const ownDirectory = opts.directory === undefined;
  const directory = opts.directory ?? (await mkdtemp(path.join(fastTmpDir(), 's3peek-s3rver-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    silent: opts.silent ?? true,
    directory,
    resetOnClose: false,
  });
  // a run that dies without stop() must not leave ~14 MB behind in /dev/shm
  const unregister = ownDirectory ? onProcessExit(() => rmSync(directory, { recursive: true, force: true })) : () => {};
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (err) {
    if (ownDirectory) await rm(directory, { recursive: true, force: true });
    unregister();
    throw err;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      const closing = server.close();
      // SDK clients keep connections alive; without this close() waits for their idle timeout
      server.httpServer?.closeAllConnections();
      await closing;
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
      unregister();
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
