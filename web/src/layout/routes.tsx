// Which screen an address shows and who may see it. Every screen is a code chunk of its own (screen-code.ts), loaded
// on the first visit; the screen the app opens at starts loading in the boot script, and main.tsx renders once it
// is there (openingScreenReady), so the first screen appears without a spinner in between. A screen mounted after
// its code arrived is rendered directly: React holds back content that replaces a just-shown Suspense fallback
// for up to 300 ms, which would be a third of the time a screen may take to open.
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import type { Permission } from '../../../shared/auth/roles';
import { hasPermission } from '../api/contract';
import { canOpen, homePath, type Screen } from '../auth/access';
import { AccountPage } from '../auth/account-page';
import { useMe } from '../auth/auth-context';
import { matchPath, navigate, useLocation } from '../router/router';
import { primeWait } from '../common/primed-resources';
import { Loading } from '../common/states';
import { MessagePage } from './message-page';
import { loadedScreenCode, loadScreenCode, screenCodeFor, type ScreenCodeKey } from './screen-code';

interface ScreenEntry<P extends object = object> {
  screen: Screen;
  Page: ComponentType<P>;
}

/** A screen from its chunk: a spinner until the code has arrived, unless it had when the screen was mounted. */
function screen<K extends ScreenCodeKey, P extends object>(
  id: Screen,
  key: K,
  pick: (m: NonNullable<ReturnType<typeof loadedScreenCode<K>>>) => ComponentType<P>,
): ScreenEntry<P> {
  const Lazy = lazy(() => loadScreenCode(key).then((m) => ({ default: pick(m) })));
  const Page = (props: P) => {
    // fixed for the life of the screen: switching from the lazy one to the loaded one would remount it
    const [Ready] = useState(() => {
      const m = loadedScreenCode(key);
      return m ? pick(m) : null;
    });
    return Ready ? (
      <Ready {...props} />
    ) : (
      <Suspense fallback={<Loading label="Загрузка раздела…" />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
  return { screen: id, Page };
}

const SCREENS: Record<string, ScreenEntry> = {
  '/inbox': screen('inbox', '/inbox', (m) => m.InboxPage),
  '/triage': screen('triage', '/triage', (m) => m.TriagePage),
  '/desk': screen('desk', '/desk', (m) => m.DeskPage),
  '/clusters': screen('clusters', '/clusters', (m) => m.ClustersPage),
  '/classifier': screen('classifier', '/classifier', (m) => m.ClassifierPage),
  '/kpi': screen('kpi', '/kpi', (m) => m.KpiPage),
  '/reports': screen('reports', '/reports', (m) => m.ReportsPage),
  '/documents': screen('documents', '/documents', (m) => m.DocumentsPage),
  '/audit': screen('audit', '/audit', (m) => m.AuditPage),
  '/publication': screen('publication', '/publication', (m) => m.PublicationPage),
  '/admin/users': screen('admin', '/admin/users', (m) => m.UsersPage),
  '/admin/tokens': screen('admin', '/admin/tokens', (m) => m.TokensPage),
  '/admin/categories': screen('admin', '/admin/categories', (m) => m.CategoriesPage),
  '/admin/organisations': screen('admin', '/admin/organisations', (m) => m.OrganisationsPage),
  '/admin/directory': screen('admin', '/admin/directory', (m) => m.DirectoryPage),
  '/admin/routing': screen('admin', '/admin/routing', (m) => m.RoutingPage),
  '/admin/deadlines': screen('admin', '/admin/deadlines', (m) => m.DeadlinesPage),
  '/admin/keywords': screen('admin', '/admin/keywords', (m) => m.KeywordsPage),
  '/admin/norms': screen('admin', '/admin/norms', (m) => m.NormsPage),
  '/admin/channels': screen('admin', '/admin/channels', (m) => m.ChannelsPage),
  '/dashboard': screen('dashboard', '/dashboard', (m) => m.DashboardPage),
  '/analytics/ratings': screen('analytics', '/analytics/ratings', (m) => m.RatingsPage),
  '/analytics/spikes': screen('analytics', '/analytics/spikes', (m) => m.SpikesPage),
  '/analytics/problems': screen('analytics', '/analytics/problems', (m) => m.ProblemsPage),
  '/analytics/workload': screen('analytics', '/analytics/workload', (m) => m.WorkloadPage),
  '/notifications': screen('notifications', '/notifications', (m) => m.NotificationsPage),
  '/comms/pages': screen('comms', '/comms/pages', (m) => m.PagesPage),
  '/comms/votes': screen('comms', '/comms/votes', (m) => m.VotesPage),
  '/comms/media': screen('comms', '/comms/media', (m) => m.MediaPage),
  '/comms/practices': screen('comms', '/comms/practices', (m) => m.PracticesPage),
  '/comms/seminars': screen('comms', '/comms/seminars', (m) => m.SeminarsPage),
  '/comms/knowledge': screen('comms', '/comms/knowledge', (m) => m.KnowledgePage),
  '/seminars': screen('seminars', '/seminars', (m) => m.SeminarsPage),
  '/comms/campaigns': screen('comms', '/comms/campaigns', (m) => m.CampaignsPage),
  '/projects': screen('projects', '/projects', (m) => m.ProjectsPage),
  '/risks': screen('projects', '/risks', (m) => m.RisksPage),
  '/po-documents': screen('projects', '/po-documents', (m) => m.OfficeDocumentsPage),
  '/centre': screen('projects', '/centre', (m) => m.CentrePage),
  '/groups': screen('projects', '/groups', (m) => m.GroupsPage),
  '/roadmap': screen('projects', '/roadmap', (m) => m.RoadmapPage),
  '/plans': screen('projects', '/plans', (m) => m.PlansPage),
};
/** The case card: any user who may read cases (the server decides which cases). */
const CASE_CARD = screen('inbox', '/cases/:id', (m) => m.CasePage);
const PROJECT_PAGE = screen('projects', '/projects/:id', (m) => m.ProjectPage);

/**
 * Resolves once the code of the screen at `path` has loaded (or failed: a failure shows on the screen itself) and
 * the data the screen primes for its first render (its `primeOpening`, from the requests the boot script started)
 * has arrived, or PRIME_WAIT_MS later: the screen then takes the same request when it arrives.
 */
export function openingScreenReady(path: string, params: URLSearchParams): Promise<void> {
  const key = screenCodeFor(path);
  if (!key) return Promise.resolve();
  return loadScreenCode(key).then(
    (m) => primeWait('primeOpening' in m ? m.primeOpening(params) : undefined),
    () => undefined,
  );
}

function Forbidden() {
  const me = useMe();
  return (
    <MessagePage
      title="Нет доступа"
      text="У вашей роли нет доступа к этому разделу."
      link={{ href: `#${homePath(me)}`, label: 'На главную' }}
    />
  );
}

export function Routes() {
  const me = useMe();
  const { path } = useLocation();
  const home = homePath(me);

  useEffect(() => {
    if (path === '/' && home !== '/none') navigate(home, undefined, { replace: true });
  }, [path, home]);

  if (path === '/') {
    return home === '/none' ? (
      <MessagePage title="Нет доступных разделов" text="Обратитесь к администратору, чтобы получить права." />
    ) : null;
  }
  if (path === '/account') return <AccountPage />;
  const entry = SCREENS[path];
  if (entry) return canOpen(me, entry.screen) ? <entry.Page /> : <Forbidden />;
  const project = matchPath('/projects/:id', path);
  if (project?.id) return canOpen(me, 'projects') ? <PROJECT_PAGE.Page id={Number(project.id)} /> : <Forbidden />;
  const card = matchPath('/cases/:id', path);
  if (card?.id) {
    const read: Permission = 'cases.read';
    return hasPermission(me, read) ? <CASE_CARD.Page id={card.id} /> : <Forbidden />;
  }
  return (
    <MessagePage
      title="Страница не найдена"
      text="Такого раздела нет."
      link={{ href: `#${home}`, label: 'На главную' }}
    />
  );
}
