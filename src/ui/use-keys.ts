// Ink hands a chunk of plain input to useInput as ONE event ("jjj", "\r\r", a pasted URL). A person
// typing fast, tmux send-keys, or a paste all produce such chunks. This hook splits them into key presses
// and delivers them one per render, so each key sees the state the previous one made ("/" then "r"
// types into the filter instead of refreshing). In text mode, runs of printable text stay whole (a pasted
// URL is one event, not 500 renders).
import { useLayoutEffect, useReducer, useRef } from 'react';
import { useInput, type Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** The key press for one control character or printable character. */
export function keyOf(ch: string): [string, Key] {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  if (code < 0x20) return [String.fromCharCode(code + 0x60), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: ch !== ch.toLowerCase() }];
}

/** Next key press from `rest`: one character, or in text mode a whole run of printable text. */
export function nextKey(rest: string, textMode: boolean): { input: string; key: Key; rest: string } {
  if (textMode) {
    const m = /^[^\u0000-\u001f\u007f]+/u.exec(rest);
    if (m) return { input: m[0], key: { ...NO_KEY }, rest: rest.slice(m[0].length) };
  }
  const ch = String.fromCodePoint(rest.codePointAt(0) ?? 0);
  const [input, key] = keyOf(ch);
  return { input, key, rest: rest.slice(ch.length) };
}

export function useKeys(
  handler: (input: string, key: Key) => void,
  opts: { isActive?: boolean; textMode?: () => boolean } = {},
): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  const textRef = useRef(opts.textMode);
  textRef.current = opts.textMode;
  const activeRef = useRef(opts.isActive ?? true);
  activeRef.current = opts.isActive ?? true;
  // Key presses not handled yet: a parsed key, or a chunk of plain text still to split.
  const queue = useRef<({ input: string; key: Key } | { raw: string })[]>([]);
  const draining = useRef(false);
  // Commits of the component so far, and the count when the last key was handled: the next key waits
  // until a commit has passed, so the handler and textMode it sees are the ones that key's state made.
  // A turn of the event loop is not enough: React may not have rendered yet (seen in the shipped bundle:
  // "\r\r" in one chunk — keep the filter, then open — saw the filter still being edited and was lost).
  const commits = useRef(0);
  const handledAt = useRef(-1);
  useLayoutEffect(() => {
    commits.current++;
  });
  const mounted = useRef(true);
  useLayoutEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // Every handled key re-renders (with whatever state it changed), so a key that changes nothing still
  // lets the next one through.
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const drain = () => {
    // Until the last key's commit, keys that arrive wait in the queue (draining stays true).
    if (commits.current === handledAt.current && activeRef.current && mounted.current) {
      setImmediate(drain);
      return;
    }
    const head = queue.current[0];
    if (!head || !activeRef.current || !mounted.current) {
      queue.current = [];
      draining.current = false;
      return;
    }
    if ('raw' in head) {
      const next = nextKey(head.raw, textRef.current?.() ?? false);
      if (next.rest) head.raw = next.rest;
      else queue.current.shift();
      handlerRef.current(next.input, next.key);
    } else {
      queue.current.shift();
      handlerRef.current(head.input, head.key);
    }
    handledAt.current = commits.current;
    rerender();
    setImmediate(drain);
  };

  useInput((input, key) => {
    const plainChunk = input.length > 1 && !key.meta && !key.escape && !/\u001b/.test(input);
    queue.current.push(plainChunk ? { raw: input } : { input, key });
    if (!draining.current) {
      draining.current = true;
      drain();
    }
  }, { isActive: opts.isActive });
}
