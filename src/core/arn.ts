// Who signed? Classifies the ARN returned by sts:GetCallerIdentity (docs/domain.md §4).
// The partition is parsed, never assumed: aws-cn and aws-us-gov users exist, and S3-compatible
// stores hand out odd shapes (Ceph: `arn:aws:iam:::user/test`). Never throws: an identity we do
// not understand is "unknown", not a crash.

export type IdentityKind = 'iam-user' | 'assumed-role' | 'sso' | 'federated-user' | 'root' | 'unknown';

export interface ArnInfo {
  kind: IdentityKind;
  partition: string;
  account: string;
  /** The principal's own name: user name, role session name, federated user name, or 'root'. */
  name: string;
  role?: string;
  session?: string;
  /** IAM path of a user, e.g. `/division/`; absent when the user sits at the root path. */
  path?: string;
  /** For SSO: the permission set's name, extracted from the AWSReservedSSO_ role name. */
  permissionSet?: string;
  /** Compact label for a status bar: `user/NAME`, `assumed-role/ROLE/SESSION`, `sso/SET/SESSION`. */
  short: string;
}

// IAM Identity Center names the role it creates AWSReservedSSO_<PermissionSet>_<hex suffix>.
// Permission set names may themselves contain underscores, hence the greedy middle group.
const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]+$/i;

function unknown(input: string, partition = '', account = ''): ArnInfo {
  return { kind: 'unknown', partition, account, name: '', short: input };
}

export function classifyArn(arn: string): ArnInfo {
  const input = typeof arn === 'string' ? arn.trim() : '';
  const parts = input.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] === '') return unknown(input);

  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE. The service is not checked: the resource
  // type alone is unambiguous, and some S3-compatible stores put unexpected services here.
  const partition = parts[1];
  const account = parts[4];
  const resource = parts.slice(5).join(':');
  const segments = resource.split('/');
  const type = segments[0];
  const rest = segments.slice(1);
  const base = { partition, account };

  if (type === 'root' && rest.length === 0) {
    return { ...base, kind: 'root', name: 'root', short: 'root' };
  }

  if (rest.length === 0) return unknown(input, partition, account);

  switch (type) {
    case 'user': {
      // user/NAME or user/PATH/.../NAME; the path is everything between, as IAM writes it.
      const name = rest[rest.length - 1];
      if (name === '') return unknown(input, partition, account);
      const middle = rest.slice(0, -1).filter((s) => s !== '');
      const info: ArnInfo = { ...base, kind: 'iam-user', name, short: `user/${name}` };
      if (middle.length > 0) info.path = `/${middle.join('/')}/`;
      return info;
    }
    case 'assumed-role': {
      if (rest.length < 2 || rest.some((s) => s === '')) return unknown(input, partition, account);
      const role = rest[0];
      const session = rest.slice(1).join('/');
      const sso = SSO_ROLE.exec(role);
      if (sso) {
        const permissionSet = sso[1];
        return { ...base, kind: 'sso', name: session, role, session, permissionSet, short: `sso/${permissionSet}/${session}` };
      }
      return { ...base, kind: 'assumed-role', name: session, role, session, short: `assumed-role/${role}/${session}` };
    }
    case 'federated-user': {
      const name = rest.join('/');
      if (name === '') return unknown(input, partition, account);
      return { ...base, kind: 'federated-user', name, short: `federated-user/${name}` };
    }
    default:
      return unknown(input, partition, account);
  }
}

const LABELS: Record<IdentityKind, string> = {
  'iam-user': 'IAM user',
  'assumed-role': 'assumed role',
  sso: 'SSO',
  'federated-user': 'federated user',
  root: 'root user',
  unknown: 'unknown',
};

export function kindLabel(kind: IdentityKind): string {
  return LABELS[kind] ?? 'unknown';
}
