// "#/inbox?status=triage" → { path: '/inbox', params }: no React here, so the boot script (boot/first-screen.ts)
// reads the address with the router's own rules before the app has loaded.
export interface Location {
  path: string;
  params: URLSearchParams;
  /** The raw query string without "?", stable between renders (use it as a dependency key). */
  search: string;
}

export function parseLocation(hash: string): Location {
  const [path = '/', search = ''] = hash.split('?', 2);
  return { path: path.replace(/\/+$/, '') || '/', params: new URLSearchParams(search), search };
}

/** Matches "/cases/:id" against a path; returns the named segments or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) out[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return out;
}
