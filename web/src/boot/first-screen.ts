// Imported first by main.tsx: before React renders, starts loading the code of the screen in the address, asks
// who is signed in and, for a signed-in user, the reference data and (if they may open it) the screen's data. The screens ask for the same addresses later and get these answers (api/early-requests.ts) instead of
// waiting for one request after another (session → reference → list → counts).
import { apiUrl } from '../api/client';
import { parseCaseQuery, toSearchParams } from '../api/case-query';
import { facetParams } from '../api/cases-api';
import { sessionSchema, type Me } from '../api/contract';
import { earlyCopy, startEarly } from '../api/early-requests';
import { canOpen, homePath, type Screen } from '../auth/access';
import { DASHBOARD_FACETS, periodQuery } from '../dashboard/analytics-source';
import { readPeriod } from '../dashboard/period';
import { FILTER_FACETS } from '../inbox/use-case-list';
import { preloadScreen } from '../layout/routes';
import { parseLocation } from '../router/router';

interface FirstScreen { screen: Screen; requests: (params: URLSearchParams, now: Date) => string[] }

/** The screens that open from an address with the data requests they make first, in the order they need them. */
const SCREENS: Record<string, FirstScreen> = {
  '/inbox': {
    screen: 'inbox',
    requests: (params) => {
      const query = parseCaseQuery(params);
      return [apiUrl('/cases', toSearchParams(query)), apiUrl('/cases/facets', facetParams(query, FILTER_FACETS))];
    },
  },
  '/dashboard': {
    screen: 'dashboard',
    requests: (params, now) => [apiUrl('/cases/facets', facetParams(periodQuery(readPeriod(params, now).period), DASHBOARD_FACETS))],
  },
};

export const SESSION_URL = apiUrl('/auth/session');

/** What to ask for once the session says who `me` is: the reference data (every screen waits for it), then the
 * screen's own data unless they may not open it. */
export function firstScreenRequests(hash: string, me: Me, now: Date): string[] {
  const { path, params } = parseLocation(hash.replace(/^#/, ''));
  const screen = SCREENS[path];
  const own = screen && canOpen(me, screen.screen) ? screen.requests(params, now) : [];
  return [apiUrl('/reference'), ...own];
}

async function start(hash: string, now: Date): Promise<void> {
  const { path } = parseLocation(hash.replace(/^#/, ''));
  preloadScreen(path);
  startEarly(SESSION_URL);
  const response = await earlyCopy(SESSION_URL);
  if (!response?.ok) return;
  const session = sessionSchema.safeParse(await response.json());
  if (!session.success || !session.data.user) return; // signed out: a request now would only answer 401
  const me = session.data.user;
  if (path === '/') preloadScreen(homePath(me)); // the app goes on to the user's home screen
  for (const url of firstScreenRequests(hash, me, now)) startEarly(url);
}

if (typeof window !== 'undefined') void start(window.location.hash, new Date()).catch(() => undefined);
