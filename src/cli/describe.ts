// Plain-text descriptions of the signer and a lifetime, shared by whoami and presign.
import type { Identity } from '../aws/identity.js';
import type { ConnectionInfo, SignerInfo } from '../aws/session.js';
import { kindLabel } from '../core/arn.js';
import { sanitize } from '../core/sanitize.js';
import { sessionEndText } from '../core/session-end.js';

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function describeSigner(identity: Identity, signer: SignerInfo, conn: ConnectionInfo, now: Date, color: boolean): string {
  const rows: [string, string][] = [
    ['identity', identity.known ? sanitize(identity.arn) : `unknown (${identity.reason})`],
    ['kind', identity.info ? kindLabel(identity.info.kind) : 'unknown'],
    ['account', identity.known ? sanitize(identity.account) : '-'],
    ['access key', `${signer.accessKeyId} (${signer.temporary ? 'temporary' : 'long-term'}, from ${signer.source})`],
    ['session', sessionEndText(signer.sessionEndsAt, signer.temporary, now)],
    ['region', conn.region],
    ['profile', conn.profile ?? '(default chain)'],
  ];
  if (conn.endpoint) rows.push(['endpoint', sanitize(conn.endpoint)]);
  const left = signer.sessionEndsAt ? signer.sessionEndsAt.getTime() - now.getTime() : Infinity;
  const tone = left <= 0 ? '31' : left < 15 * 60_000 ? '33' : '32';
  return rows.map(([k, v]) => `${paint(color, '2', k.padEnd(11))}${k === 'session' ? paint(color, tone, v) : v}\n`).join('');
}
