// Which screens a user may open, decided only from /api/auth/me (permissions and the shared role table).
import { isOrganisationScoped, isRole } from '../../../shared/auth/roles';
import { hasPermission, type Me } from '../api/contract';

export type Screen = 'inbox' | 'triage' | 'desk' | 'dashboard' | 'clusters' | 'analytics' | 'kpi' | 'reports';

export interface NavItem { screen: Screen; path: string; label: string }

export const NAV_ITEMS: readonly NavItem[] = [
  { screen: 'inbox', path: '/inbox', label: 'Входящие' },
  { screen: 'triage', path: '/triage', label: 'Разбор' },
  { screen: 'desk', path: '/desk', label: 'Мои обращения' },
  { screen: 'dashboard', path: '/dashboard', label: 'Комплексная картина проблем' },
  { screen: 'clusters', path: '/clusters', label: 'Разбор «прочих»' },
  { screen: 'analytics', path: '/analytics/ratings', label: 'Рейтинги и нагрузка' },
  { screen: 'kpi', path: '/kpi', label: 'Показатели' },
  { screen: 'reports', path: '/reports', label: 'Доклады' },
];

/** Executors (organisation-scoped roles) work only from their desk. */
export function isScoped(me: Me): boolean {
  return isRole(me.role) && isOrganisationScoped(me.role);
}

export function canOpen(me: Me, screen: Screen): boolean {
  const scoped = isScoped(me);
  switch (screen) {
    case 'inbox': return !scoped && hasPermission(me, 'cases.read');
    case 'triage': return !scoped && hasPermission(me, 'cases.triage');
    case 'desk': return hasPermission(me, 'cases.answer') && (scoped || me.organisationId !== null);
    case 'dashboard':
    case 'clusters':
    case 'analytics':
    case 'kpi':
    case 'reports': return !scoped && hasPermission(me, 'analytics.read');
  }
}

export function navFor(me: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => canOpen(me, item.screen));
}

export function homePath(me: Me): string {
  return navFor(me)[0]?.path ?? '/none';
}
