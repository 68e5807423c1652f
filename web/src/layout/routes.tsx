// Which screen an address shows and who may see it. Every screen is a code chunk of its own, loaded on the first
// visit; the screen the app opens at starts loading at once (preloadScreen, called by boot/first-screen.ts).
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import type { Permission } from '../../../shared/auth/roles';
import { hasPermission } from '../api/contract';
import { canOpen, homePath, type Screen } from '../auth/access';
import { useMe } from '../auth/auth-context';
import { matchPath, navigate, useLocation } from '../router/router';
import { Loading } from '../common/states';
import { MessagePage } from './message-page';

interface ScreenEntry<P extends object = object> { screen: Screen; load: () => Promise<unknown>; Page: ComponentType<P> }

/** A screen from its chunk: `load` imports it, `Page` shows a spinner until it has arrived. */
function screen<M, P extends object>(id: Screen, load: () => Promise<M>, pick: (m: M) => ComponentType<P>): ScreenEntry<P> {
  const Lazy = lazy(() => load().then((m) => ({ default: pick(m) })));
  const Page = (props: P) => <Suspense fallback={<Loading label="Загрузка раздела…" />}><Lazy {...props} /></Suspense>;
  return { screen: id, load, Page };
}

const SCREENS: Record<string, ScreenEntry> = {
  '/inbox': screen('inbox', () => import('../inbox/inbox-page'), (m) => m.InboxPage),
  '/triage': screen('triage', () => import('../triage/triage-page'), (m) => m.TriagePage),
  '/desk': screen('desk', () => import('../desk/desk-page'), (m) => m.DeskPage),
  '/clusters': screen('clusters', () => import('../clusters/clusters-page'), (m) => m.ClustersPage),
  '/kpi': screen('kpi', () => import('../kpi/kpi-page'), (m) => m.KpiPage),
  '/reports': screen('reports', () => import('../reports/reports-page'), (m) => m.ReportsPage),
  '/dashboard': screen('dashboard', () => import('../dashboard/dashboard-page'), (m) => m.DashboardPage),
  '/analytics/ratings': screen('analytics', () => import('../analytics/ratings-page'), (m) => m.RatingsPage),
  '/analytics/spikes': screen('analytics', () => import('../analytics/spikes-page'), (m) => m.SpikesPage),
  '/analytics/problems': screen('analytics', () => import('../analytics/problems-page'), (m) => m.ProblemsPage),
  '/analytics/workload': screen('analytics', () => import('../analytics/workload-page'), (m) => m.WorkloadPage),
};
/** The case card: any user who may read cases (the server decides which cases). */
const CASE_CARD = screen('inbox', () => import('../case/case-page'), (m) => m.CasePage);

/** Starts loading the code of the screen at `path` (a failure shows when the screen itself asks for it). */
export function preloadScreen(path: string): void {
  const entry = SCREENS[path] ?? (matchPath('/cases/:id', path) ? CASE_CARD : undefined);
  entry?.load().catch(() => undefined);
}

function Forbidden() {
  const me = useMe();
  return <MessagePage title="Нет доступа" text="У вашей роли нет доступа к этому разделу." link={{ href: `#${homePath(me)}`, label: 'На главную' }} />;
}

export function Routes() {
  const me = useMe();
  const { path } = useLocation();
  const home = homePath(me);

  useEffect(() => {
    if (path === '/' && home !== '/none') navigate(home, undefined, { replace: true });
  }, [path, home]);

  if (path === '/') {
    return home === '/none'
      ? <MessagePage title="Нет доступных разделов" text="Обратитесь к администратору, чтобы получить права." />
      : null;
  }
  const entry = SCREENS[path];
  if (entry) return canOpen(me, entry.screen) ? <entry.Page /> : <Forbidden />;
  const card = matchPath('/cases/:id', path);
  if (card?.id) {
    const read: Permission = 'cases.read';
    return hasPermission(me, read) ? <CASE_CARD.Page id={card.id} /> : <Forbidden />;
  }
  return <MessagePage title="Страница не найдена" text="Такого раздела нет." link={{ href: `#${home}`, label: 'На главную' }} />;
}
