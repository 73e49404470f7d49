// Availability + skip policy for tests that need an external server or tool.
//
// - absent (not installed, or listed in S3PEEK_SKIP_SERVERS=rgw,moto,tmux,xvfb)
//                                    -> the test file is skipped, with a printed reason
// - absent under S3PEEK_REQUIRE_SERVERS=1 (CI) -> throws: the file fails
// - installed but failed to start   -> always throws (that is a bug, not an absence)
//
// RGW and moto are started ONCE per run by test/support/global-setup.ts (vitest globalSetup of the
// integration and e2e projects) and handed to test files with vitest provide/inject.
// Usage in a test file:
//   const rgw = await requireRgw();
//   describe.skipIf(!rgw)('...', () => { ... rgw!.s3Endpoint ... });
import { inject } from 'vitest';
import type { MotoInfo } from './moto.js';
import type { RgwInfo } from './rgw.js';
import { serversRequired, skippedByEnv, type Provided, type ServerName } from './server-policy.js';
import { missingBinaries } from './util.js';

export { serversRequired, skippedByEnv, type Provided, type ServerName } from './server-policy.js';

declare module 'vitest' {
  export interface ProvidedContext {
    s3peekRgw: Provided<RgwInfo>;
    s3peekMoto: Provided<MotoInfo>;
  }
}

/** Skip (returns null, prints why) or, under S3PEEK_REQUIRE_SERVERS=1, throw. */
export function absent(what: string, reason: string): null {
  const msg = `${what}: ${reason}`;
  if (serversRequired()) throw new Error(`S3PEEK_REQUIRE_SERVERS=1 but ${msg}`);
  console.warn(`skipped: ${msg}`);
  return null;
}

function fromProvided<T>(key: 's3peekRgw' | 's3peekMoto', what: string): T | null {
  const p = inject(key) as Provided<T> | undefined;
  if (p === undefined) {
    throw new Error(
      `${what} was not provided: this test file must run in a vitest project whose globalSetup is ` +
        `test/support/global-setup.ts (integration, e2e)`,
    );
  }
  if (p.state === 'ready') return p.info;
  if (p.state === 'absent') return absent(what, p.reason);
  throw new Error(`${what} failed to start: ${p.error}`);
}

/** The run's shared Ceph RGW (plain S3 + STS gateways), or null when Ceph is not installed. */
export async function requireRgw(): Promise<RgwInfo | null> {
  return fromProvided<RgwInfo>('s3peekRgw', 'ceph radosgw');
}

/** The run's shared moto_server, or null when moto is not installed. */
export async function requireMoto(): Promise<MotoInfo | null> {
  return fromProvided<MotoInfo>('s3peekMoto', 'moto_server');
}

/** Checks that local tools are on PATH (e.g. tmux, Xvfb + xsel); skip/throw policy as above. */
export async function requireTools(what: string, bins: readonly string[], name?: ServerName): Promise<boolean> {
  if (name && skippedByEnv(name)) {
    absent(what, `disabled by S3PEEK_SKIP_SERVERS=${process.env.S3PEEK_SKIP_SERVERS}`);
    return false;
  }
  const missing = missingBinaries(bins);
  if (missing.length === 0) return true;
  absent(what, `not installed (missing ${missing.join(', ')})`);
  return false;
}

export const requireTmux = () => requireTools('tmux', ['tmux'], 'tmux');
export const requireXvfb = () => requireTools('Xvfb clipboard', ['Xvfb', 'xsel'], 'xvfb');
