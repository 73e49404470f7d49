// `s3peek ls`: text columns for people, or JSON lines streamed as pages arrive for scripts.
// JSON keeps exact keys; text passes every name through the sanitizer.
import type { ParsedArgs } from './args.js';
import { openSession, reportError, usageError, write, jsonLine } from './common.js';
import { listBuckets, listPage } from '../aws/listing.js';
import { parseS3Uri } from '../core/s3-uri.js';
import { sanitize } from '../core/sanitize.js';
import { formatBytes, formatDateShort, formatIsoUtc } from '../core/format.js';
import { EXIT } from './exit.js';

export async function ls(args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 1) return usageError(`ls takes one s3:// path, got ${args.positionals.length}`);
  const json = args.flags['--json'] === true;
  const recursive = args.flags['--recursive'] === true;
  const pageSize = args.flags['--page-size'] === undefined ? undefined : Number(args.flags['--page-size']);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
    return usageError('--page-size must be a whole number from 1 to 1000');
  }
  let target: { bucket: string; prefix: string } | null = null;
  if (args.positionals[0] !== undefined) {
    const parsed = parseS3Uri(args.positionals[0]);
    if (!parsed.ok) return usageError(parsed.error);
    target = parsed.value;
  }
  process.stdout.on('error', () => process.exit(EXIT.ok)); // reader closed early (| head)
  try {
    const session = await openSession(args);
    if (!target) {
      for (const b of await listBuckets(session)) {
        await write(json
          ? jsonLine({ type: 'bucket', name: b.name, createdAt: b.createdAt ? formatIsoUtc(b.createdAt) : null })
          : `${b.createdAt ? formatDateShort(b.createdAt) : '                '}  ${sanitize(b.name)}\n`);
      }
      return EXIT.ok;
    }
    let token: string | null = null;
    do {
      const page = await listPage(session, target.bucket, target.prefix, token, { recursive, maxKeys: pageSize });
      let out = '';
      for (const e of page.entries) {
        if (json) {
          out += jsonLine(e.type === 'prefix'
            ? { type: 'prefix', key: e.key }
            : { type: 'object', key: e.key, size: e.size, lastModified: e.lastModified ? formatIsoUtc(e.lastModified) : null, storageClass: e.storageClass, etag: e.etag });
        } else if (e.type === 'prefix') {
          out += `${'PRE'.padStart(27)}  ${sanitize(e.key)}\n`;
        } else {
          const when = e.lastModified ? formatDateShort(e.lastModified) : ''.padEnd(16);
          out += `${when}  ${formatBytes(e.size).padStart(9)}  ${sanitize(e.key)}\n`;
        }
      }
      await write(out);
      token = page.nextToken;
    } while (token);
    return EXIT.ok;
  } catch (err) {
    return reportError(err);
  }
}
