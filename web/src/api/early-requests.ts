// GET requests started before the app renders: the session, the reference data and the first screen's data go
// out together while React boots, instead of one after another (session → reference → list). apiRequest takes a
// started request for the same address; an answer nobody took within a few seconds, or one started before a
// sign-in or sign-out, is never used.

import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../../shared/api/csrf';

/** Sent with every API request: the server refuses a state-changing request from a browser without it (CSRF). */
export const API_HEADERS: Readonly<Record<string, string>> = {
  Accept: 'application/json',
  [CSRF_HEADER]: CSRF_HEADER_VALUE,
};

interface Early {
  response: Promise<Response>;
  at: number;
}

declare global {
  interface Window {
    __otklikEarly?: Record<string, Early>;
  }
}

// index.html starts the session request in an inline script, before any of the app's code has loaded
const started = new Map<string, Early>(typeof window === 'undefined' ? [] : Object.entries(window.__otklikEarly ?? {}));
const MAX_AGE_MS = 10_000;

/** Starts a GET of an `/api/…` address (the form apiUrl builds) unless one is already waiting. */
export function startEarly(url: string): void {
  if (started.has(url)) return;
  const response = fetch(url, { credentials: 'same-origin', headers: API_HEADERS });
  response.catch(() => undefined); // a network error surfaces when (if) the request is taken
  started.set(url, { response, at: Date.now() });
}

/**
 * A copy of a started request's answer, for a look at it before the screen takes the original. Ask right after
 * startEarly: the copy is made when the answer arrives, before anyone reads its body.
 */
export function earlyCopy(url: string): Promise<Response> | undefined {
  return started.get(url)?.response.then((r) => r.clone());
}

const fresh = (early: Early | undefined): early is Early => early !== undefined && Date.now() - early.at <= MAX_AGE_MS;

/** Whether a request for this address was started and not taken yet. */
export function hasEarly(url: string): boolean {
  return fresh(started.get(url));
}

/** The started request for this address, once; undefined if there is none or it is too old. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const early = started.get(url);
  started.delete(url);
  return fresh(early) ? early.response : undefined;
}

/** Forgets every started request (the user signed in or out: their answers belong to another session). */
export function dropEarly(): void {
  started.clear();
}
