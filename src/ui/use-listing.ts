// Loads pages for the current listing: the first page at once (exactly one request before rows show),
// the next page as the cursor nears the end, and every page while `G` is loading all. Esc aborts.
import { useEffect, useRef } from 'react';
import type { Services } from './services.js';
import { locationKey, type Location } from './location.js';
import type { BucketEntry, ListPage } from '../aws/listing.js';
import { internClass, visibleRows, type ListAction, type ListState, type Row } from './list-state.js';
import { AppError } from '../aws/errors.js';

export function useListing(
  services: Services,
  location: Location,
  list: ListState,
  dispatch: (a: ListAction) => void,
  onError: (e: AppError) => void,
): { cancel: () => void } {
  const inflight = useRef<AbortController | null>(null);

  const total = visibleRows(list).length;
  const nearEnd = total - list.cursor <= list.height * 2;
  const wantFirst = list.pages === 0 && !list.complete;
  const wantMore = list.nextToken !== null && !list.held && (nearEnd || list.loadingAll);
  const shouldLoad = !list.loading && !list.error && (wantFirst || wantMore);

  useEffect(() => {
    if (!shouldLoad) return;
    const ctrl = new AbortController();
    inflight.current = ctrl;
    dispatch({ type: 'loading' });
    const first = list.pages === 0 ? services.takePrefetch?.(locationKey(location)) ?? null : null;
    const job = location.bucket === null
      ? ((first as Promise<BucketEntry[]> | null) ?? services.listBuckets(ctrl.signal)).then((buckets) => ({
          rows: buckets.map((b): Row => ({ kind: 'bucket', key: b.name, nameStart: 0, createdAt: b.createdAt?.getTime() ?? null })),
          nextToken: null,
        }))
      : ((first as Promise<ListPage> | null) ?? services.listPage(location.bucket, location.prefix, list.nextToken, ctrl.signal)).then((page) => {
          const start = location.prefix.length;
          return {
            rows: page.entries.map((e): Row => {
              const nameStart = e.key.startsWith(location.prefix) ? start : 0;
              // The caches are declared up front so every row keeps one object shape (V8 stays fast
              // when the filter later fills them in).
              return e.type === 'prefix'
                ? { kind: 'prefix', key: e.key, nameStart, display: undefined }
                : { kind: 'object', key: e.key, nameStart, size: e.size, modified: e.lastModified?.getTime() ?? null, storageClass: internClass(e.storageClass), display: undefined };
            }),
            nextToken: page.nextToken,
          };
        });
    job.then(
      (page) => {
        if (!ctrl.signal.aborted) dispatch({ type: 'loaded', rows: page.rows, nextToken: page.nextToken });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const e = err instanceof AppError ? err : new AppError('unknown', String((err as Error)?.message ?? err));
        dispatch({ type: 'failed', error: { message: e.message, hint: e.hint, kind: e.kind } });
        onError(e);
      },
    ).finally(() => {
      if (inflight.current === ctrl) inflight.current = null;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one request per decision to load
  }, [shouldLoad, location.bucket, location.prefix, list.pages]);

  // Leaving a listing (or unmounting) aborts its request; the listing is marked so it resumes on return.
  useEffect(() => () => {
    if (inflight.current) {
      inflight.current.abort();
      inflight.current = null;
      dispatch({ type: 'interrupted' });
    }
  }, [location.bucket, location.prefix]);

  return {
    cancel: () => {
      inflight.current?.abort();
      inflight.current = null;
      dispatch({ type: 'cancel' });
    },
  };
}
