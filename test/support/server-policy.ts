// The parts of the skip policy that the main process (globalSetup) needs too: no vitest runtime import.

/** A server's state as handed over from globalSetup: info, or why there is none. */
export type Provided<T> =
  | { state: 'ready'; info: T }
  | { state: 'absent'; reason: string }
  | { state: 'failed'; error: string };

export function serversRequired(): boolean {
  return process.env.S3PEEK_REQUIRE_SERVERS === '1';
}

export type ServerName = 'rgw' | 'moto' | 'tmux' | 'xvfb';

/**
 * Servers switched off by S3PEEK_SKIP_SERVERS (comma-separated: rgw, moto, tmux, xvfb), e.g. to save
 * Ceph's start-up locally. They count as absent: skipped, or a failure under S3PEEK_REQUIRE_SERVERS=1.
 */
export function skippedByEnv(name: ServerName): boolean {
  return (process.env.S3PEEK_SKIP_SERVERS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes(name);
}

