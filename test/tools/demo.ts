// `npm run demo`: an S3-compatible server (s3rver) on loopback inside this process, seeded in seconds,
// and the s3peek TUI against it with temporary credentials whose session ends ~50 minutes from now,
// so the session-end feature is visible from the first run. Data lives in a temp dir removed on exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startS3rver, demoEnv } from '../support/s3rver.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SESSION_MINUTES = Number(process.env.S3PEEK_DEMO_SESSION_MINUTES) || 50;

const t0 = performance.now();
const server = await startS3rver({ seed: true });
const seeded = Math.round(performance.now() - t0);
process.stderr.write(`s3peek demo: s3rver on ${server.endpoint}, seeded ${server.seed?.buckets.length ?? 0} buckets in ${seeded} ms\n`);

// Temporary env credentials whose session ends SESSION_MINUTES from now (AWS_CREDENTIAL_EXPIRATION).
const env: NodeJS.ProcessEnv = { ...process.env, ...demoEnv(SESSION_MINUTES, { AWS_ENDPOINT_URL_STS: server.endpoint }) };
// Keep the user's own AWS settings out of the demo.
for (const k of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete env[k];

const child = spawn(process.execPath, [path.join(root, 'bin', 's3peek.js'), '--endpoint-url', server.endpoint, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
// ctrl-c belongs to the TUI (raw mode); a SIGINT/SIGTERM here is passed on, then we clean up.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', async (code, signal) => {
  await server.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
