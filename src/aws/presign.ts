// Signing with the pinned credential, in the bucket's region. The lifetime verdict is computed from the
// same credential and the same clock reading that went into the URL.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Session } from './session.js';
import { bucketRegion } from './listing.js';
import { AppError, toAppError } from './errors.js';
import { computeLifetime, type Lifetime } from '../core/lifetime.js';

export type PresignMethod = 'GET' | 'PUT';

export interface PresignRequest {
  bucket: string;
  key: string;
  seconds: number;
  method?: PresignMethod;
  signerKind?: string;
  now?: Date;
}

export interface PresignResult {
  url: string;
  method: PresignMethod;
  bucket: string;
  key: string;
  region: string;
  lifetime: Lifetime;
}

export async function presign(session: Session, req: PresignRequest): Promise<PresignResult> {
  const method = req.method ?? 'GET';
  const signedAt = req.now ?? new Date();
  const lifetime = computeLifetime({
    signedAt,
    requestedSeconds: req.seconds,
    sessionEndsAt: session.signer.sessionEndsAt,
    signerKind: req.signerKind,
  });
  if (!lifetime.canSign) {
    throw new AppError('session-ended', 'Your session has ended: a URL signed now would never work.', 'Press R (or run `aws sso login`) to re-read credentials.', 'SessionEnded');
  }
  try {
    const region = await bucketRegion(session, req.bucket);
    const input = { Bucket: req.bucket, Key: req.key };
    const command = method === 'PUT' ? new PutObjectCommand(input) : new GetObjectCommand(input);
    const url = await getSignedUrl(session.s3(region), command, { expiresIn: req.seconds, signingDate: signedAt });
    return { url, method, bucket: req.bucket, key: req.key, region, lifetime };
  } catch (err) {
    throw toAppError(err, { during: 'presign', bucket: req.bucket, key: req.key, endpoint: session.connection.endpoint });
  }
}
