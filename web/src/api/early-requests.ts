// GET requests started before the app renders: the session, the reference data and the first screen's data go
// out together while React boots, instead of one after another (session → reference → list). apiRequest takes a
// started request for the same address; an answer nobody took within a few seconds, or one started before a
// sign-in or sign-out, is never used.

interface Early { response: Promise<Response>; at: number }

const started = new Map<string, Early>();
const MAX_AGE_MS = 10_000;

/** Starts a GET of an `/api/…` address (the form apiUrl builds) unless one is waiting; a copy of the answer. */
export function startEarly(url: string): Promise<Response> {
  let early = started.get(url);
  if (!early) {
    early = { response: fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }), at: Date.now() };
    early.response.catch(() => undefined); // a network error surfaces when (if) the request is taken
    started.set(url, early);
  }
  // the body is read once by whoever takes the request; the caller here reads its own copy
  return early.response.then((r) => r.clone());
}

/** The started request for this address, once; undefined if there is none or it is too old. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const early = started.get(url);
  if (!early) return undefined;
  started.delete(url);
  return Date.now() - early.at <= MAX_AGE_MS ? early.response : undefined;
}

/** Forgets every started request (the user signed in or out: their answers belong to another session). */
export function dropEarly(): void {
  started.clear();
}
