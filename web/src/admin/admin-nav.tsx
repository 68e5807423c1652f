// The administration's own navigation: its screens, the classifier's models and the publication rules, each shown to
// whom it concerns.
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { useLocation } from '../router/router';

const LINKS = [
  { path: '/admin/users', label: 'Пользователи', permission: 'users.manage' },
  { path: '/admin/tokens', label: 'Токены интеграций', permission: 'tokens.manage' },
  { path: '/admin/categories', label: 'Категории', permission: 'reference.manage' },
  { path: '/admin/directory', label: 'Организации', permission: 'reference.manage' },
  { path: '/admin/organisations', label: 'Организации из импорта', permission: 'reference.manage' },
  { path: '/admin/routing', label: 'Маршрутизация', permission: 'reference.manage' },
  { path: '/admin/deadlines', label: 'Сроки ответа', permission: 'reference.manage' },
  { path: '/admin/keywords', label: 'Ключевые слова мониторинга', permission: 'reference.manage' },
  { path: '/admin/norms', label: 'Нормы нагрузки', permission: 'reference.manage' },
  { path: '/admin/channels', label: 'Каналы', permission: 'reference.manage' },
  { path: '/classifier', label: 'Модели классификатора', permission: 'reference.manage' },
  { path: '/publication', label: 'Правила публикации', permission: 'reference.manage' },
] as const;

export function AdminNav() {
  const me = useMe();
  const { path } = useLocation();
  return (
    <nav aria-label="Администрирование" className="admin-nav">
      <ul>
        {LINKS.filter((l) => hasPermission(me, l.permission)).map((l) => (
          <li key={l.path}>
            <a href={`#${l.path}`} aria-current={path === l.path ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
