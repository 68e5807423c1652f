// Data loaded before the app's first render for a resource key: the opening screen's, from the requests the boot
// script started (main.tsx → layout/routes.tsx, openingScreenReady → the screen's primeOpening). The first
// useResource of that key shows it in its first render, or takes the same load if it is still on its way; data no
// screen took within MAX_AGE_MS is dropped (the user went elsewhere first).

export interface Primed {
  promise: Promise<unknown>;
  startedAt: number;
  settled?: { data: unknown; at: Date };
}

const primed = new Map<string, Primed>();
export const PRIMED_MAX_AGE_MS = 10_000;

/** Records the load of a key's data; resolves once it has settled (a failure is left to whoever takes it). */
export function primeResource<T>(key: string, load: Promise<T>): Promise<void> {
  const entry: Primed = { promise: load, startedAt: Date.now() };
  primed.set(key, entry);
  return load.then(
    (data) => {
      entry.settled = { data, at: new Date() };
    },
    () => undefined,
  );
}

/** The key's primed load if it is fresh, left in place. */
export function peekPrimed(key: string): Primed | undefined {
  const entry = primed.get(key);
  return entry && Date.now() - entry.startedAt <= PRIMED_MAX_AGE_MS ? entry : undefined;
}

/** The key's primed load if it is fresh, once (any entry for the key is dropped). */
export function takePrimed(key: string): Primed | undefined {
  const entry = peekPrimed(key);
  primed.delete(key);
  return entry;
}

/** How long the first render waits for primed data: past it, the screen renders and takes the load when it arrives. */
export const PRIME_WAIT_MS = 250;

/** Resolves when the priming has settled or PRIME_WAIT_MS later, whichever is first (at once without one). */
export function primeWait(priming: Promise<void> | undefined): Promise<void> | undefined {
  return priming && Promise.race([priming, new Promise<void>((resolve) => setTimeout(resolve, PRIME_WAIT_MS))]);
}
