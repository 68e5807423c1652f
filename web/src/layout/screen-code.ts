// The code of every screen: a chunk each, loaded on the first visit. No React here, so the boot script
// (boot/first-screen.ts) starts loading the opening screen's code together with its data, before the app itself
// is evaluated; routes.tsx shows the screens from the same loaders (one import per chunk either way).
import { matchPath } from '../router/location';

const CODE = {
  '/inbox': () => import('../inbox/inbox-page'),
  '/triage': () => import('../triage/triage-page'),
  '/desk': () => import('../desk/desk-page'),
  '/clusters': () => import('../clusters/clusters-page'),
  '/classifier': () => import('../classifier/classifier-page'),
  '/kpi': () => import('../kpi/kpi-page'),
  '/reports': () => import('../reports/reports-page'),
  '/documents': () => import('../documents/documents-page'),
  '/audit': () => import('../audit/audit-page'),
  '/publication': () => import('../publication/publication-page'),
  '/admin/users': () => import('../admin/users-page'),
  '/admin/tokens': () => import('../admin/tokens-page'),
  '/admin/categories': () => import('../admin/categories-page'),
  '/admin/organisations': () => import('../admin/organisations-page'),
  '/admin/directory': () => import('../admin/directory-page'),
  '/admin/routing': () => import('../admin/routing-page'),
  '/admin/deadlines': () => import('../admin/deadlines-page'),
  '/admin/keywords': () => import('../admin/keywords-page'),
  '/admin/norms': () => import('../admin/norms-page'),
  '/admin/channels': () => import('../admin/channels-page'),
  '/dashboard': () => import('../dashboard/dashboard-page'),
  '/analytics/ratings': () => import('../analytics/ratings-page'),
  '/analytics/spikes': () => import('../analytics/spikes-page'),
  '/analytics/problems': () => import('../analytics/problems-page'),
  '/analytics/workload': () => import('../analytics/workload-page'),
  '/notifications': () => import('../notifications/notifications-page'),
  '/comms/pages': () => import('../comms/pages-page'),
  '/comms/votes': () => import('../comms/votes-page'),
  '/comms/media': () => import('../comms/media-page'),
  '/comms/practices': () => import('../comms/practices-page'),
  '/comms/seminars': () => import('../comms/seminars-page'),
  '/comms/knowledge': () => import('../comms/knowledge-page'),
  '/seminars': () => import('../comms/seminars-page'),
  '/comms/campaigns': () => import('../comms/campaigns-page'),
  '/cases/:id': () => import('../case/case-page'),
  '/projects': () => import('../projects/projects-page'),
  '/projects/:id': () => import('../projects/project-page'),
  '/risks': () => import('../projects/risks-page'),
  '/po-documents': () => import('../projects/office-documents-page'),
  '/centre': () => import('../projects/centre-page'),
  '/groups': () => import('../groups/groups-page'),
  '/roadmap': () => import('../roadmap/roadmap-page'),
  '/plans': () => import('../projects/plans-page'),
};

export type ScreenCodeKey = keyof typeof CODE;
type Code<K extends ScreenCodeKey> = Awaited<ReturnType<(typeof CODE)[K]>>;

const loading = new Map<ScreenCodeKey, Promise<unknown>>();
const loaded = new Map<ScreenCodeKey, unknown>();

/** The screen's module, imported once (a failed import is tried again on the next call). */
export function loadScreenCode<K extends ScreenCodeKey>(key: K): Promise<Code<K>> {
  let promise = loading.get(key);
  if (!promise) {
    promise = CODE[key]().then((m) => {
      loaded.set(key, m);
      return m;
    });
    loading.set(key, promise);
    promise.catch(() => loading.delete(key));
  }
  return promise as Promise<Code<K>>;
}

/** The screen's module if it has already arrived. */
export function loadedScreenCode<K extends ScreenCodeKey>(key: K): Code<K> | undefined {
  return loaded.get(key) as Code<K> | undefined;
}

/** Which screen's code an address needs, if any. */
export function screenCodeFor(path: string): ScreenCodeKey | undefined {
  if (path in CODE && !path.includes(':')) return path as ScreenCodeKey;
  if (matchPath('/projects/:id', path)) return '/projects/:id';
  return matchPath('/cases/:id', path) ? '/cases/:id' : undefined;
}
