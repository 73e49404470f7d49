// `s3peek whoami` through moto's STS: AWS-shaped ARNs and a real AssumeRole expiration.
import { describe, expect, it } from 'vitest';
import { requireMoto } from '../support/servers.js';
import { assumeRoleMoto, MOTO_CREDENTIALS } from '../support/moto.js';
import { runCli } from '../support/cli.js';

const moto = await requireMoto();

describe.skipIf(!moto)('s3peek whoami against moto', () => {
  it('Given assumed-role credentials, When whoami --json, Then kind, ARN and session end are shown', async () => {
    const creds = await assumeRoleMoto(moto!.endpoint, { roleName: 'Dev', sessionName: 'alice', seconds: 3600 });
    const r = await runCli(['--endpoint-url', moto!.endpoint, 'whoami', '--json'], {
      AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: creds.expiration.toISOString(), AWS_REGION: 'us-east-1',
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('assumed-role');
    expect(j.arn).toBe(creds.arn);
    expect(j.arn).toMatch(/:assumed-role\/Dev\/alice$/);
    expect(j.account).toBe('123456789012');
    expect(j.temporary).toBe(true);
    expect(j.source).toBe('env');
    expect(Date.parse(j.sessionEndsAt)).toBe(Math.floor(creds.expiration.getTime() / 1000) * 1000);
    expect(j.sessionSecondsLeft).toBeGreaterThan(3500);
    expect(j.region).toBe('us-east-1');
  });

  it('Given long-term keys, When whoami, Then it says there is no session end', async () => {
    const r = await runCli(['--endpoint-url', moto!.endpoint, 'whoami'], { ...MOTO_CREDENTIALS_ENV(), AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('long-term keys: no session end');
    // AWS_DEFAULT_REGION is honoured like the AWS CLI does.
    expect(r.stdout).toMatch(/region\s+eu-west-1/);
  });

  it('Given an endpoint without STS, When whoami --json, Then identity is unknown and it still exits 0', async () => {
    const r = await runCli(['--endpoint-url', 'http://127.0.0.1:9', 'whoami', '--json'], MOTO_CREDENTIALS_ENV());
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('unknown');
    expect(j.arn).toBeNull();
    expect(j.accessKeyId).toBe(MOTO_CREDENTIALS.accessKeyId);
  });
});

function MOTO_CREDENTIALS_ENV() {
  return { AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey };
}
