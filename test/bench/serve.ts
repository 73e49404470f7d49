// Server side of the bench, run in its OWN process (`node dist/bench.js --serve-s3rver DIR`), so that the
// server's work never shares an event loop with the harness that times the clients.
import { registerS3rverCredentials, startS3rver } from '../support/s3rver.js';

/** Long-term-looking keys (AKIA…, no session token) used by every client in the bench. */
export const BENCH_CREDENTIALS = {
  accessKeyId: 'AKIAS3PEEKBENCH00001',
  secretAccessKey: 'S3peekBenchSecretKey/0123456789abcdefABCD',
} as const;

/** Child mode: start s3rver on DIR (kept on stop), print `{"endpoint": ...}` on stdout, stop on SIGTERM or stdin EOF. */
export async function serveS3rver(directory: string): Promise<void> {
  const server = await startS3rver({ directory, silent: true });
  registerS3rverCredentials(BENCH_CREDENTIALS.accessKeyId, BENCH_CREDENTIALS.secretAccessKey);
  process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, pid: process.pid })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop()); // the harness died: do not outlive it
  process.stdin.resume();
}
