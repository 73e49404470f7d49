// The application shell: which listing is open, which panel is on top, and the status line. Listing state
// lives in list-state.ts (pure), page loading in use-listing.ts, each panel in its own component.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { useKeys } from './use-keys.js';
import type { Services } from './services.js';
import type { Identity } from '../aws/identity.js';
import type { SignerInfo } from '../aws/session.js';
import { AppError } from '../aws/errors.js';
import { initialList, listReducer, visibleRows, type ListAction, type ListState } from './list-state.js';
import { locationKey, parentOf, rowKeyInParent, ROOT, type Location } from './location.js';
import { useListing } from './use-listing.js';
import { commandFor, type Screen } from './keymap.js';
import { useTerminalSize } from './hooks.js';
import { parseS3Uri, formatS3Uri } from '../core/s3-uri.js';
import { formatCount } from '../core/format.js';
import { formatCountdown } from '../core/duration.js';
import { sanitize } from '../core/sanitize.js';
import { Header, Breadcrumb } from './components/Header.js';
import { IdentityLine } from './components/IdentityLine.js';
import { RowList, ColumnHeader } from './components/RowList.js';
import { Footer, StatusLine, type Status } from './components/Footer.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { DetailsPanel, type DetailsState } from './components/DetailsPanel.js';
import { SharePanel, copiedText, type ShareOutcome } from './components/SharePanel.js';
import { HistoryPanel, type HistoryEntry } from './components/HistoryPanel.js';
import { InspectPanel } from './components/InspectPanel.js';
import { Spinner } from './components/Spinner.js';
import { theme } from './theme.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
/** header (1) + identity (2) + breadcrumb (1) + column header (1) + status (1) + footer (1) + spare (1) */
const CHROME_ROWS = 8;

type Overlay =
  | { type: 'help' }
  | { type: 'details'; bucket: string; key: string; details: DetailsState }
  | { type: 'share'; bucket: string; key: string }
  | { type: 'history' }
  | { type: 'inspect' };

export interface AppProps {
  services: Services;
  initial?: Location;
}

export function App({ services, initial = ROOT }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const listHeight = Math.max(1, rows - CHROME_ROWS);
  const [location, setLocation] = useState<Location>(initial);
  const [lists, setLists] = useState<Record<string, ListState>>({});
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [prompt, setPrompt] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [signer, setSigner] = useState<SignerInfo>(() => services.signer());
  const [sessionEnded, setSessionEnded] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[]>([]);

  const key = locationKey(location);
  const list = lists[key] ?? initialList(listHeight);
  const dispatchFor = useCallback((k: string, a: ListAction) => {
    setLists((prev) => ({ ...prev, [k]: listReducer(prev[k] ?? initialList(listHeight), a) }));
  }, [listHeight]);
  const dispatch = useCallback((a: ListAction) => dispatchFor(key, a), [dispatchFor, key]);

  useEffect(() => {
    if (list.height !== listHeight) dispatch({ type: 'resize', height: listHeight });
  }, [listHeight, list.height, dispatch]);

  // Who am I is asked once the first listing's answer is on the screen (or after 5 s without one): the
  // first rows come after exactly one request, and the STS call does not compete with it. "On the
  // screen": Ink may hold a frame back by a few ms (maxFps), so the call waits 50 ms past the commit.
  const firstAnswer = list.pages > 0 || list.error !== null;
  const [identityDue, setIdentityDue] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setIdentityDue(true), firstAnswer ? 50 : 5000);
    return () => clearTimeout(t);
  }, [firstAnswer]);
  useEffect(() => {
    if (!identityDue) return;
    let live = true;
    services.identity().then((id) => live && setIdentity(id), () => live && setIdentity(null));
    return () => { live = false; };
  }, [services, signer.accessKeyId, identityDue]);

  const [clockSkewSeconds, setClockSkew] = useState<number | null>(null);
  useEffect(() => services.onEvent?.((e) => {
    if (e.type === 'clock') setClockSkew(Math.abs(e.skewMs) > 60_000 ? Math.round(e.skewMs / 1000) : null);
    else setStatus({ tone: 'warn', transient: true, text: `The server is busy${e.reason ? ` (${e.reason})` : ''}: retrying, attempt ${e.attempt} of ${e.maxAttempts}…` });
  }), [services]);

  const onError = useCallback((e: AppError) => {
    if (e.kind === 'session-ended') setSessionEnded(true);
    if (e.kind === 'cancelled') return setStatus({ tone: 'muted', text: 'Cancelled.' });
    setStatus({ tone: e.kind === 'session-ended' ? 'danger' : 'danger', text: `${e.message}${e.hint ? ` ${e.hint}` : ''}` });
  }, []);

  const listing = useListing(services, location, list, dispatch, onError);
  useEffect(() => {
    if (list.pages > 0) setStatus((st) => (st?.transient ? { tone: 'ok', text: 'The server answered after retrying.' } : st));
  }, [list.pages]);
  const view = visibleRows(list);
  const selected = view[list.cursor];

  const go = (to: Location, selectKey?: string | null) => {
    const k = locationKey(to);
    setLocation(to);
    setStatus(null);
    if (selectKey && !lists[k]) {
      // Arriving in a parent we never listed: put the cursor on where we came from once it loads.
      setPendingSelect({ key: k, row: selectKey });
    }
  };
  const [pendingSelect, setPendingSelect] = useState<{ key: string; row: string } | null>(null);
  useEffect(() => {
    if (pendingSelect && pendingSelect.key === key && list.pages > 0) {
      if (view.some((r) => r.key === pendingSelect.row) || list.complete) {
        dispatch({ type: 'select', key: pendingSelect.row });
        setPendingSelect(null);
      }
    }
  }, [pendingSelect, key, list.pages, list.complete, view, dispatch]);

  const reloadCredentials = async () => {
    setStatus({ tone: 'muted', text: 'Re-reading credentials…' });
    try {
      const before = signer;
      const next = await services.refreshCredentials();
      setSigner(next);
      const end = next.sessionEndsAt;
      const left = end ? end.getTime() - services.now().getTime() : null;
      if (left !== null && left <= 0) {
        // The provider handed back the same ended session (env variables, a stale cache): say so plainly.
        setSessionEnded(true);
        setStatus({ tone: 'danger', text: `Re-read credentials, but ${next.accessKeyId === before.accessKeyId ? 'they are the same session, which' : 'the new ones'} ended ${formatCountdown(-left)} ago. Get new ones (aws sso login, a new role session), then press R again.` });
        return;
      }
      setSessionEnded(false);
      // Resume what failed, keeping the rows, cursor and filter.
      if (list.error) dispatch({ type: list.rows.length ? 'retry' : 'reset' });
      const same = next.accessKeyId === before.accessKeyId ? ' (the same key)' : '';
      setStatus({ tone: 'ok', text: `Credentials re-read: ${next.accessKeyId}${same} from ${next.source}${left !== null ? `, session ends in ${formatCountdown(left)}` : ', long-term keys'}.` });
    } catch (err) {
      onError(err instanceof AppError ? err : new AppError('credentials', String(err)));
    }
  };

  const detailsRequest = useRef<AbortController | null>(null);
  const closeOverlay = () => {
    detailsRequest.current?.abort(); // Esc on a slow HeadObject cancels it
    detailsRequest.current = null;
    setOverlay(null);
  };
  const openDetails = (bucket: string, objectKey: string) => {
    setOverlay({ type: 'details', bucket, key: objectKey, details: { state: 'loading' } });
    detailsRequest.current?.abort();
    const ctrl = new AbortController();
    detailsRequest.current = ctrl;
    services.head(bucket, objectKey, ctrl.signal).then(
      (details) => setOverlay((o) => (o?.type === 'details' && o.key === objectKey ? { ...o, details: { state: 'ready', details } } : o)),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const e = err instanceof AppError ? err : new AppError('unknown', String(err));
        if (e.kind === 'session-ended') setSessionEnded(true);
        setOverlay((o) => (o?.type === 'details' && o.key === objectKey ? { ...o, details: { state: 'error', message: e.message, hint: e.hint } } : o));
      },
    );
  };

  const openPath = (text: string) => {
    const t = text.trim();
    if (!t) return;
    let to: Location;
    if (t.startsWith('s3://')) {
      const parsed = parseS3Uri(t);
      if (!parsed.ok) return setStatus({ tone: 'danger', text: `Cannot open ${sanitize(t)}: ${parsed.error}` });
      to = { bucket: parsed.value.bucket, prefix: asPrefix(parsed.value.prefix) };
    } else if (location.bucket === null) {
      const parsed = parseS3Uri(`s3://${t}`);
      if (!parsed.ok) return setStatus({ tone: 'danger', text: `Cannot open ${sanitize(t)}: ${parsed.error}` });
      to = { bucket: parsed.value.bucket, prefix: asPrefix(parsed.value.prefix) };
    } else {
      const rel = t.startsWith('/') ? t.slice(1) : location.prefix + t;
      to = { bucket: location.bucket, prefix: asPrefix(rel) };
    }
    go(to);
  };

  const screen: Screen = overlay?.type === 'details' ? 'details' : overlay?.type === 'history' ? 'history' : location.bucket === null ? 'buckets' : 'objects';
  const quit = () => exit();

  useKeys((input, k) => {
    if (prompt !== null) {
      if (k.return) { setPrompt(null); openPath(prompt); }
      else if (k.escape) setPrompt(null);
      else if (k.backspace || k.delete) setPrompt((p) => (p === null ? p : [...p].slice(0, -1).join('')));
      else if (input && !k.ctrl && !k.meta) setPrompt((p) => (p ?? '') + input);
      return;
    }
    if (list.filterEditing && !overlay) {
      if (k.return) return dispatch({ type: 'filterDone' });
      if (k.escape) return dispatch({ type: 'filterClear' });
      if (k.backspace || k.delete) return dispatch({ type: 'filterBackspace' });
      if (k.upArrow) return dispatch({ type: 'move', delta: -1 });
      if (k.downArrow) return dispatch({ type: 'move', delta: 1 });
      if (input && !k.ctrl && !k.meta) return dispatch({ type: 'filterInput', text: input });
      return;
    }
    if (overlay?.type === 'help') {
      if (k.escape || input === '?') setOverlay(null);
      else if (input === 'q' || (k.ctrl && input === 'c')) quit();
      return;
    }
    const cmd = commandFor(screen, input, k);
    if (!cmd) return;
    if (overlay?.type === 'history') {
      if (cmd === 'close' || cmd === 'history') setOverlay(null);
      else if (cmd === 'quit') quit();
      else if (cmd === 'reloadCredentials') void reloadCredentials();
      return;
    }
    if (overlay?.type === 'details') {
      if (cmd === 'close' || cmd === 'details') closeOverlay();
      else if (cmd === 'share') setOverlay({ type: 'share', bucket: overlay.bucket, key: overlay.key });
      else if (cmd === 'quit') quit();
      else if (cmd === 'help') setOverlay({ type: 'help' });
      else if (cmd === 'reloadCredentials') void reloadCredentials();
      return;
    }
    switch (cmd) {
      case 'down': return dispatch({ type: 'move', delta: 1 });
      case 'up': return dispatch({ type: 'move', delta: -1 });
      case 'top': return dispatch({ type: 'top' });
      case 'bottom': return dispatch({ type: 'bottom' });
      case 'pageDown': return dispatch({ type: 'page', dir: 1 });
      case 'pageUp': return dispatch({ type: 'page', dir: -1 });
      case 'open':
        if (!selected) return;
        if (selected.kind === 'bucket') return go({ bucket: selected.key, prefix: '' });
        if (selected.kind === 'prefix' && location.bucket !== null) return go({ bucket: location.bucket, prefix: selected.key });
        if (selected.kind === 'object' && location.bucket !== null) return setOverlay({ type: 'share', bucket: location.bucket, key: selected.key });
        return;
      case 'back':
        if (location.bucket !== null) go(parentOf(location), rowKeyInParent(location));
        return;
      case 'openPath': return setPrompt('');
      case 'filter': return dispatch({ type: 'filterStart' });
      case 'sort': return dispatch({ type: 'sortNext' });
      case 'reverse': return dispatch({ type: 'sortReverse' });
      case 'refresh':
        setStatus(null);
        // After a failure mid-listing, retry where it failed; otherwise reload, keeping the cursor's row.
        if (list.error && list.rows.length) return dispatch({ type: 'retry' });
        if (selected) setPendingSelect({ key, row: selected.key });
        return dispatch({ type: 'reset' });
      case 'details':
        if (selected?.kind === 'object' && location.bucket !== null) openDetails(location.bucket, selected.key);
        else setStatus({ tone: 'muted', text: 'Details are for objects: move to an object and press i.' });
        return;
      case 'share':
        if (selected?.kind === 'object' && location.bucket !== null) setOverlay({ type: 'share', bucket: location.bucket, key: selected.key });
        else setStatus({ tone: 'muted', text: 'Sharing is for objects: move to an object and press p.' });
        return;
      case 'history': return setOverlay({ type: 'history' });
      case 'inspect': return setOverlay({ type: 'inspect' });
      case 'reloadCredentials': return void reloadCredentials();
      case 'close':
        if (list.loading || list.loadingAll) return listing.cancel();
        if (list.filter) return dispatch({ type: 'filterClear' });
        return;
      case 'help': return setOverlay({ type: 'help' });
      case 'quit': return quit();
      default: return;
    }
  }, {
    isActive: overlay?.type !== 'share' && overlay?.type !== 'inspect',
    textMode: () => prompt !== null || list.filterEditing,
  });

  const onShared = (o: ShareOutcome) => {
    const uri = formatS3Uri(o.result.bucket, o.result.key);
    setHistory((h) => [...h, { uri: sanitize(uri), method: o.result.method, lifetime: o.result.lifetime, copied: o.copy.detail }]);
    setStatus({ tone: o.copy.via.length ? (o.result.lifetime.limitedBy === 'session' ? 'warn' : 'ok') : 'warn', text: copiedText(o.result.lifetime, o.copy) });
  };

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Box flexDirection="column">
        <Text color={theme.warn}>Terminal too small ({columns}x{rows}).</Text>
        <Text>s3peek needs at least {MIN_COLUMNS}x{MIN_ROWS}. Enlarge the window, or press q to quit.</Text>
      </Box>
    );
  }

  const total = view.length;
  const counter = list.filter
    ? `${formatCount(total ? list.cursor + 1 : 0)} / ${formatCount(total)} matches in ${formatCount(list.rows.length)}${list.complete ? '' : '+'}`
    : `${formatCount(total ? list.cursor + 1 : 0)} / ${formatCount(total)}${list.complete ? '' : '+'}`;
  const crumb = location.bucket === null ? 'Buckets' : formatS3Uri(sanitize(location.bucket), sanitize(location.prefix));
  // A kept filter shows beside the breadcrumb, so the status line stays free for messages.
  const notes = [
    list.filter && !list.filterEditing ? `filter /${sanitize(list.filter)} (Esc clears)` : '',
    location.bucket !== null && (list.sort !== 'name' || list.reverse) ? `sorted by ${list.sort}${list.reverse ? ' ↓' : ''}` : '',
  ].filter(Boolean);
  const sortNote = notes.length ? notes.join(' · ') : undefined;

  // A retry in progress says so, over the plain loading line.
  const busy = status?.transient ? null : list.loadingAll
    ? `Loading all: ${formatCount(list.rows.length)} rows (${list.pages} pages)… Esc cancels`
    : list.loading && list.pages === 0 ? `Loading ${crumb}… Esc cancels` : list.loading ? 'Loading more…' : null;

  const body = () => {
    if (overlay?.type === 'help') return <HelpOverlay width={columns} height={listHeight + 1} />;
    if (overlay?.type === 'details') return <DetailsPanel uri={formatS3Uri(sanitize(overlay.bucket), sanitize(overlay.key))} details={overlay.details} width={columns} height={listHeight + 1} />;
    if (overlay?.type === 'history') return <HistoryPanel entries={history} now={services.now} width={columns} height={listHeight + 1} />;
    if (overlay?.type === 'share') {
      return (
        <SharePanel
          services={services} bucket={overlay.bucket} keyName={overlay.key} identity={identity} sessionEnded={sessionEnded}
          width={columns} height={listHeight + 1}
          onClose={() => setOverlay(null)} onShared={onShared} onError={onError}
          onReloadCredentials={() => void reloadCredentials()} onQuit={quit}
        />
      );
    }
    if (overlay?.type === 'inspect') {
      return <InspectPanel services={services} signer={signer} width={columns} height={listHeight + 1} onClose={() => setOverlay(null)} onQuit={quit} />;
    }
    let empty: React.ReactNode = null;
    if (total === 0) {
      if (list.error) {
        empty = (
          <Box flexDirection="column">
            <Text color={theme.danger}>{list.error.message}</Text>
            <Text>{list.error.hint}{list.error.kind !== 'cancelled' ? ' r retries.' : ''}</Text>
          </Box>
        );
      } else if (list.loading || !list.pages) {
        empty = <Spinner label={`Loading ${crumb}…`} />;
      } else if (list.filter) {
        empty = <Text color={theme.muted}>No loaded row matches “{sanitize(list.filter)}”.{list.complete ? '' : ' G loads every page.'}</Text>;
      } else {
        empty = <Text color={theme.muted}>{location.bucket === null ? 'No buckets. o opens a bucket by name.' : 'Nothing here: this prefix is empty.'}</Text>;
      }
    }
    return (
      <Box flexDirection="column" height={listHeight + 1}>
        <ColumnHeader width={columns} kind={location.bucket === null ? 'buckets' : 'objects'} />
        {empty ?? <RowList rows={view} offset={list.offset} cursor={list.cursor} height={listHeight} width={columns} kind={location.bucket === null ? 'buckets' : 'objects'} />}
      </Box>
    );
  };

  const promptLine = prompt !== null
    ? <Text><Text color={theme.accent}>open: </Text>{sanitize(prompt)}▏<Text color={theme.muted}> (s3://bucket/prefix/ or a prefix here · Enter · Esc)</Text></Text>
    : list.filterEditing && !overlay
      ? <Text><Text color={theme.accent}>/</Text>{sanitize(list.filter)}▏<Text color={theme.muted}> (Enter keeps · Esc clears)</Text></Text>
      : null;

  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Header connection={services.connection} width={columns} />
      <IdentityLine identity={identity} signer={signer} now={services.now} sessionEnded={sessionEnded} clockSkewSeconds={clockSkewSeconds} width={columns} />
      <Breadcrumb path={crumb} width={columns} note={sortNote} />
      {body()}
      {promptLine ?? <StatusLine status={status} width={columns} busy={busy} />}
      <Footer screen={overlay?.type === 'share' ? 'share' : overlay?.type === 'inspect' ? 'inspect' : screen} counter={overlay ? undefined : counter} width={columns} />
    </Box>
  );
}

function asPrefix(p: string): string {
  return p === '' || p.endsWith('/') ? p : `${p}/`;
}
