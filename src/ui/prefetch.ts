// The first listing, started before the UI is drawn. useListing takes it instead of sending its own
// request, once, for the location the app opens at.
import type { Session } from '../aws/session.js';
import type { BucketEntry, ListPage } from '../aws/listing.js';
import { locationKey, type Location } from './location.js';

export interface Prefetch {
  key: string;
  result: Promise<BucketEntry[] | ListPage>;
  controller: AbortController;
}

export async function startFirstListing(session: Session, at: Location): Promise<Prefetch> {
  const listing = await import('../aws/listing.js');
  const controller = new AbortController();
  const pageSize = Number(process.env.S3PEEK_PAGE_SIZE) || undefined;
  const result = at.bucket === null
    ? listing.listBuckets(session, { signal: controller.signal })
    : listing.listPage(session, at.bucket, at.prefix, null, { signal: controller.signal, maxKeys: pageSize });
  result.catch(() => undefined); // handled by whoever takes it
  return { key: locationKey(at), result, controller };
}
