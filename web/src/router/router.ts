// A minimal hash router: "#/inbox?status=triage" → { path: '/inbox', params }. Hash routing needs no server
// support, survives reloads and keeps filters in the address bar, so links can be bookmarked and shared.
import { useSyncExternalStore } from 'react';
import { parseLocation, type Location } from './location';

export { matchPath, parseLocation, type Location } from './location';

function readHash(): string {
  const raw = window.location.hash.replace(/^#/, '');
  return raw.startsWith('/') ? raw : `/${raw}`;
}

// The router owns its snapshot and tells every subscriber at once. Reading window.location live in getSnapshot
// would let a component that re-renders between a hash assignment and the (asynchronous) hashchange event see
// the new address while its parent still shows the old screen.
let current = typeof window === 'undefined' ? '/' : readHash();
const listeners = new Set<() => void>();

function sync(): void {
  const next = readHash();
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', sync);

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

function getSnapshot(): string {
  return current;
}

/** The current location; re-renders the caller when the hash changes. */
export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, getSnapshot, () => '/');
  return parseLocation(hash);
}

export function href(path: string, params?: URLSearchParams | Record<string, string>): string {
  const search = params ? new URLSearchParams(params).toString() : '';
  return `#${path}${search ? `?${search}` : ''}`;
}

/** Navigates; `replace` keeps the history clean for filter edits (Back leaves the screen, not the last keystroke). */
export function navigate(
  path: string,
  params?: URLSearchParams | Record<string, string>,
  options: { replace?: boolean } = {},
): void {
  const target = href(path, params);
  if (target === window.location.hash) return;
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = target;
    window.history.replaceState(window.history.state, '', url);
  } else {
    window.location.hash = target;
  }
  sync();
}

const LIST_KEY = 'otklik.lastList';

/** Remembers the list a case was opened from, so the card's "back" link returns to the same filters. */
export function rememberList(label: string, path: string, search: string): void {
  try {
    window.sessionStorage.setItem(LIST_KEY, JSON.stringify({ label, href: `#${path}${search ? `?${search}` : ''}` }));
  } catch {
    // not essential
  }
}

export function lastList(): { label: string; href: string } | null {
  try {
    const raw = window.sessionStorage.getItem(LIST_KEY);
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { href?: unknown }).href === 'string' &&
      typeof (v as { label?: unknown }).label === 'string'
    ) {
      const { label, href: h } = v as { label: string; href: string };
      return h.startsWith('#/') ? { label, href: h } : null;
    }
  } catch {
    // fall through
  }
  return null;
}
