// Which screens a user may open, decided only from /api/auth/me (permissions and the shared role table).
// No zod or React here: the boot script (boot/first-screen.ts) decides with the same rules before the app loads.
import { isOrganisationScoped, isRole, type Permission } from '../../../shared/auth/roles';
import type { Me } from '../../../shared/api/auth';

/** What the access rules read of the signed-in user. */
export type Access = Pick<Me, 'role' | 'permissions' | 'organisationId'>;

export function hasPermission(me: Access | null, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

export type Screen =
  | 'inbox'
  | 'triage'
  | 'desk'
  | 'dashboard'
  | 'clusters'
  | 'classifier'
  | 'analytics'
  | 'kpi'
  | 'reports'
  | 'audit'
  | 'publication'
  | 'notifications'
  | 'documents'
  | 'comms'
  | 'seminars'
  | 'projects'
  | 'admin';

export interface NavItem {
  screen: Screen;
  path: string;
  label: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { screen: 'inbox', path: '/inbox', label: 'Входящие' },
  { screen: 'triage', path: '/triage', label: 'Разбор' },
  { screen: 'desk', path: '/desk', label: 'Мои обращения' },
  { screen: 'dashboard', path: '/dashboard', label: 'Картина проблем' },
  { screen: 'clusters', path: '/clusters', label: 'Разбор «прочих»' },
  { screen: 'classifier', path: '/classifier', label: 'Классификатор' },
  { screen: 'analytics', path: '/analytics/ratings', label: 'Рейтинги' },
  { screen: 'kpi', path: '/kpi', label: 'Показатели' },
  { screen: 'projects', path: '/projects', label: 'Проекты' },
  { screen: 'reports', path: '/reports', label: 'Доклады' },
  { screen: 'documents', path: '/documents', label: 'Документы' },
  { screen: 'audit', path: '/audit', label: 'Журнал доступа к ПДн' },
  { screen: 'publication', path: '/publication', label: 'Публикация ответов' },
  { screen: 'comms', path: '/comms/pages', label: 'Коммуникации' },
  // executors: the seminars of their organisation (the centre plans them under «Коммуникации»)
  { screen: 'seminars', path: '/seminars', label: 'Семинары' },
  { screen: 'admin', path: '/admin/users', label: 'Администрирование' },
];

/** Executors (organisation-scoped roles) work only from their desk. */
export function isScoped(me: Access): boolean {
  return isRole(me.role) && isOrganisationScoped(me.role);
}

export function canOpen(me: Access, screen: Screen): boolean {
  const scoped = isScoped(me);
  switch (screen) {
    case 'inbox':
      return !scoped && hasPermission(me, 'cases.read');
    case 'triage':
      return !scoped && hasPermission(me, 'cases.triage');
    case 'desk':
      return hasPermission(me, 'cases.answer') && (scoped || me.organisationId !== null);
    case 'dashboard':
    case 'clusters':
    case 'analytics':
    case 'kpi':
    case 'reports':
    case 'documents':
    case 'comms':
      return !scoped && hasPermission(me, 'analytics.read');
    case 'projects':
      return !scoped && hasPermission(me, 'projects.read');
    case 'seminars':
      return scoped && hasPermission(me, 'cases.read');
    case 'audit':
      return hasPermission(me, 'audit.read');
    case 'publication':
    case 'classifier':
      return hasPermission(me, 'reference.manage');
    case 'admin':
      return (
        hasPermission(me, 'users.manage') || hasPermission(me, 'tokens.manage') || hasPermission(me, 'reference.manage')
      );
    // every signed-in user has notifications (not in the menu: the header links to them)
    case 'notifications':
      return true;
  }
}

export function navFor(me: Access): NavItem[] {
  return NAV_ITEMS.filter((item) => canOpen(me, item.screen));
}

export function homePath(me: Access): string {
  return navFor(me)[0]?.path ?? '/none';
}
