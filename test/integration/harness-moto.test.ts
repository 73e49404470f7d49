// Proves the moto harness: AssumeRole gives temporary credentials with a real Expiration, and
// GetCallerIdentity with them reports an AWS-shaped assumed-role ARN.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { assumeRoleMoto, MOTO_ACCOUNT_ID, MOTO_CREDENTIALS } from '../support/moto.js';
import { requireMoto } from '../support/servers.js';

const moto = await requireMoto();

describe.skipIf(!moto)('moto (STS)', () => {
  it('GetCallerIdentity with AssumeRole credentials shows assumed-role/ROLE/SESSION', async () => {
    const before = Date.now();
    const creds = await assumeRoleMoto(moto!.endpoint, { roleName: 'S3PeekReader', sessionName: 'alice-laptop', seconds: 900 });
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.sessionToken.length).toBeGreaterThan(20);
    // the session ends `seconds` after the call (moto computes it from its own clock)
    expect(creds.expiration.getTime()).toBeGreaterThanOrEqual(before + 900_000 - 2_000);
    expect(creds.expiration.getTime()).toBeLessThanOrEqual(Date.now() + 900_000 + 2_000);
    expect(creds.arn).toBe(`arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/S3PeekReader/alice-laptop`);

    const sts = new STSClient({ endpoint: moto!.endpoint, region: moto!.region, credentials: creds });
    try {
      const id = await sts.send(new GetCallerIdentityCommand({}));
      expect(id.Arn).toBe(`arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/S3PeekReader/alice-laptop`);
      expect(id.Account).toBe(MOTO_ACCOUNT_ID);
      expect(id.UserId).toMatch(/^AROA[A-Z0-9]+:alice-laptop$/);
    } finally {
      sts.destroy();
    }
  });

  it('GetCallerIdentity with long-term keys is not an assumed role', async () => {
    const sts = new STSClient({ endpoint: moto!.endpoint, region: moto!.region, credentials: { ...MOTO_CREDENTIALS } });
    try {
      const id = await sts.send(new GetCallerIdentityCommand({}));
      expect(id.Account).toBe(MOTO_ACCOUNT_ID);
      expect(id.Arn).toMatch(/^arn:aws:(iam|sts)::\d{12}:/);
      expect(id.Arn).not.toContain('assumed-role');
    } finally {
      sts.destroy();
    }
  });
});
