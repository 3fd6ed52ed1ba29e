import { useSyncExternalStore } from 'react';

export { matchRoute, type Route } from './routes.js';

const listeners = new Set<() => void>();
let moved = false;

/** True once the person has moved between pages inside the app (then each new page's heading takes focus). */
export function navigatedInApp(): boolean {
  return moved;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = (): string => `${location.pathname}${location.search}`;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, snapshot);
  return new URL(href, location.origin);
}

/** Goes to `to` without reloading; `replace` keeps the history length (for filters). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  moved = true;
  if (options.replace === true) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
  if (options.replace !== true) window.scrollTo(0, 0);
}
