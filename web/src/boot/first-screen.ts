// The boot script, imported first by main.tsx and importing nothing heavy, so it runs before the app's code (zod,
// React, the screens) is evaluated. From the session the server wrote into the page (server/http/web-page.ts) it
// asks at once for the reference data and, if the user may open the screen in the address, that screen's data;
// the screens take these answers (api/early-requests.ts) instead of waiting for one request after another
// (session → reference → list → counts), and the server works on them while the browser evaluates the app.
// A filtered inbox address is left to the screen: only the app's parser (api/case-query.ts) decides which
// filters are valid.
import { apiUrl } from '../api/client';
import { facetParams, toSearchParams } from '../api/case-params';
import { earlyCopy, startEarly } from '../api/early-requests';
import { canOpen, type Access, type Screen } from '../auth/access';
import { moscowIsoDate } from '../common/format';
import { ATTENTION_SHOWN } from '../dashboard/attention';
import { DASHBOARD_FACETS, periodQuery, readPeriod } from '../dashboard/period';
import { FILTER_FACETS } from '../inbox/filter-facets';
import { loadScreenCode, screenCodeFor } from '../layout/screen-code';
import { parseLocation } from '../router/location';

interface FirstScreen {
  screen: Screen;
  requests: (params: URLSearchParams, now: Date) => string[];
}

/** The screens that open from an address with the data requests they make first, in the order they need them. */
const SCREENS: Record<string, FirstScreen> = {
  '/inbox': {
    screen: 'inbox',
    requests: (params) =>
      params.size > 0
        ? []
        : [apiUrl('/cases', toSearchParams({})), apiUrl('/cases/facets', facetParams({}, FILTER_FACETS))],
  },
  '/dashboard': {
    screen: 'dashboard',
    requests: (params, now) => {
      const period = periodQuery(readPeriod(params, now).period);
      const range = toSearchParams(period);
      return [
        apiUrl('/cases/facets', facetParams(period, DASHBOARD_FACETS)),
        // the other panels (dashboard-page.tsx, attention-panels.tsx): the screen is ready when all have answered
        apiUrl('/analytics/spikes', new URLSearchParams({ on: moscowIsoDate(now), window: 'week' })),
        apiUrl('/cases', toSearchParams({ deadline: 'at_risk', sort: 'due_asc', pageSize: ATTENTION_SHOWN })),
        apiUrl('/analytics/points', range),
        apiUrl('/votes', range),
        apiUrl('/campaigns', range),
      ];
    },
  },
};

export const SESSION_URL = apiUrl('/auth/session');

/** What to ask for once the session says who is signed in: the reference data (every screen waits for it), then
 * the screen's own data unless they may not open it. */
export function firstScreenRequests(hash: string, me: Access, now: Date): string[] {
  const { path, params } = parseLocation(hash.replace(/^#/, ''));
  const screen = SCREENS[path];
  const own = screen && canOpen(me, screen.screen) ? screen.requests(params, now) : [];
  return [apiUrl('/reference'), ...own];
}

/** The user of a /api/auth/session answer, as far as the access rules read it; null when signed out or odd. */
export function sessionAccess(body: unknown): Access | null {
  const user = (body as { user?: unknown } | null)?.user as Partial<Access> | null | undefined;
  if (!user || typeof user.role !== 'string' || !Array.isArray(user.permissions)) return null;
  if (!user.permissions.every((p) => typeof p === 'string')) return null;
  if (user.organisationId !== null && typeof user.organisationId !== 'number') return null;
  return { role: user.role, permissions: user.permissions, organisationId: user.organisationId };
}

declare global {
  interface Window {
    __otklikSession?: unknown;
  }
}

function requestFor(me: Access | null, hash: string, now: Date): void {
  if (!me) return; // signed out: a request now would only answer 401
  for (const url of firstScreenRequests(hash, me, now)) startEarly(url);
}

/** With the session written into the page, at once; otherwise (the Vite dev server) once it has answered. */
async function start(hash: string, now: Date): Promise<void> {
  performance.mark('otklik:boot');
  const code = screenCodeFor(parseLocation(hash.replace(/^#/, '')).path);
  if (code) loadScreenCode(code).catch(() => undefined); // a failure shows on the screen, which asks again
  if (window.__otklikSession !== undefined) {
    requestFor(sessionAccess(window.__otklikSession), hash, now);
    return;
  }
  startEarly(SESSION_URL);
  const response = await earlyCopy(SESSION_URL);
  if (response?.ok) requestFor(sessionAccess(await response.json()), hash, now);
}

if (typeof window !== 'undefined') void start(window.location.hash, new Date()).catch(() => undefined);
