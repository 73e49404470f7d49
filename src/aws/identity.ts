// Who signs: GetCallerIdentity with the pinned credential. Stores without STS (MinIO, Ceph's plain
// gateway, s3rver) answer with errors or nothing: identity is then "unknown", never a crash.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Session } from './session.js';
import { classifyArn, type ArnInfo } from '../core/arn.js';

export interface Identity {
  known: boolean;
  arn: string;
  account: string;
  userId: string;
  info: ArnInfo | null;
  /** Why the identity is unknown (sanitized text for the UI), when it is. */
  reason: string;
}

export async function getIdentity(session: Session, timeoutMs = 3000): Promise<Identity> {
  const sts = new STSClient({
    region: session.connection.region,
    credentials: session.credentials,
    endpoint: session.connection.stsEndpoint ?? undefined,
    maxAttempts: 1,
  });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
    const arn = out.Arn ?? '';
    return { known: Boolean(arn), arn, account: out.Account ?? '', userId: out.UserId ?? '', info: arn ? classifyArn(arn) : null, reason: '' };
  } catch (err) {
    const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    const reason = e.name === 'TimeoutError' || e.name === 'AbortError'
      ? 'STS did not answer'
      : status === undefined
        ? `cannot reach STS${e.code ? ` (${e.code})` : ''}`
        : `this endpoint has no STS (${status})`;
    return { known: false, arn: '', account: '', userId: '', info: null, reason };
  } finally {
    sts.destroy();
  }
}
