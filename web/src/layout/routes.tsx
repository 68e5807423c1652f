import { lazy, Suspense, useEffect, type ReactElement } from 'react';
import type { Permission } from '../../../shared/auth/roles';
import { hasPermission } from '../api/contract';
import { canOpen, homePath, type Screen } from '../auth/access';
import { useMe } from '../auth/auth-context';
import { CasePage } from '../case/case-page';
import { ClustersPage } from '../clusters/clusters-page';
import { DeskPage } from '../desk/desk-page';
import { InboxPage } from '../inbox/inbox-page';
import { KpiPage } from '../kpi/kpi-page';
import { ReportsPage } from '../reports/reports-page';
import { matchPath, navigate, useLocation } from '../router/router';
import { TriagePage } from '../triage/triage-page';
import { Loading } from '../common/states';
import { MessagePage } from './message-page';

// ECharts is large: the dashboard loads as a separate chunk on first visit.
const DashboardPage = lazy(() => import('../dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));

const AnalyticsPages = {
  ratings: lazy(() => import('../analytics/ratings-page').then((m) => ({ default: m.RatingsPage }))),
  spikes: lazy(() => import('../analytics/spikes-page').then((m) => ({ default: m.SpikesPage }))),
  problems: lazy(() => import('../analytics/problems-page').then((m) => ({ default: m.ProblemsPage }))),
  workload: lazy(() => import('../analytics/workload-page').then((m) => ({ default: m.WorkloadPage }))),
};
const analytics = (Page: (typeof AnalyticsPages)[keyof typeof AnalyticsPages]) => ({
  screen: 'analytics' as const, render: () => <Suspense fallback={<Loading label="Загрузка раздела…" />}><Page /></Suspense>,
});

const SCREENS: Record<string, { screen: Screen; render: () => ReactElement }> = {
  '/inbox': { screen: 'inbox', render: () => <InboxPage /> },
  '/triage': { screen: 'triage', render: () => <TriagePage /> },
  '/desk': { screen: 'desk', render: () => <DeskPage /> },
  '/clusters': { screen: 'clusters', render: () => <ClustersPage /> },
  '/kpi': { screen: 'kpi', render: () => <KpiPage /> },
  '/reports': { screen: 'reports', render: () => <ReportsPage /> },
  '/dashboard': { screen: 'dashboard', render: () => <Suspense fallback={<Loading label="Загрузка раздела…" />}><DashboardPage /></Suspense> },
  '/analytics/ratings': analytics(AnalyticsPages.ratings),
  '/analytics/spikes': analytics(AnalyticsPages.spikes),
  '/analytics/problems': analytics(AnalyticsPages.problems),
  '/analytics/workload': analytics(AnalyticsPages.workload),
};

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
  const screen = SCREENS[path];
  if (screen) return canOpen(me, screen.screen) ? screen.render() : <Forbidden />;
  const card = matchPath('/cases/:id', path);
  if (card?.id) {
    const read: Permission = 'cases.read';
    return hasPermission(me, read) ? <CasePage id={card.id} /> : <Forbidden />;
  }
  return <MessagePage title="Страница не найдена" text="Такого раздела нет." link={{ href: `#${home}`, label: 'На главную' }} />;
}
