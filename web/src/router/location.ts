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
