import type { ParsedArgs } from './args.js';
import { openSession, reportError, jsonLine } from './common.js';
import { getIdentity } from '../aws/identity.js';
import { describeSigner } from './describe.js';
import { EXIT } from './exit.js';
import { formatIsoUtc } from '../core/format.js';

export async function whoami(args: ParsedArgs): Promise<number> {
  try {
    const session = await openSession(args, { s3: false });
    const identity = await getIdentity(session);
    const signer = session.signer;
    const now = new Date();
    if (args.flags['--json'] === true) {
      process.stdout.write(jsonLine({
        arn: identity.known ? identity.arn : null,
        account: identity.known ? identity.account : null,
        userId: identity.known ? identity.userId : null,
        kind: identity.info?.kind ?? 'unknown',
        accessKeyId: signer.accessKeyId,
        temporary: signer.temporary,
        source: signer.source,
        sessionEndsAt: signer.sessionEndsAt ? formatIsoUtc(signer.sessionEndsAt) : null,
        sessionSecondsLeft: signer.sessionEndsAt ? Math.floor((signer.sessionEndsAt.getTime() - now.getTime()) / 1000) : null,
        region: session.connection.region,
        profile: session.connection.profile,
      }));
    } else {
      process.stdout.write(describeSigner(identity, signer, session.connection, now, args.globals.color && process.stdout.isTTY === true));
    }
    return EXIT.ok;
  } catch (err) {
    return reportError(err);
  }
}
