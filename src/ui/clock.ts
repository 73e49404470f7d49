// One clock for every countdown on screen: a single one-second tick that only the components showing
// time subscribe to (the identity line, the share panel, the history). The rest of the app — the
// 100,000-row list included — does not re-render when the second changes, and no two countdowns on
// screen ever disagree.
import { useSyncExternalStore } from 'react';

let read: () => Date = () => new Date();
let current: Date | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      current = read();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): Date {
  return (current ??= read());
}

/** The current time, shared and re-read once a second. `now` is the services clock (tests fix it). */
export function useClock(now: () => Date): Date {
  if (read !== now) {
    read = now;
    current = now();
  }
  return useSyncExternalStore(subscribe, snapshot);
}
