import { useEffect, useRef, useState, type ReactNode } from 'react';
import { navFor } from '../auth/access';
import { Announcer } from '../common/announcer';
import { useAuth, useMe } from '../auth/auth-context';
import { useLocation } from '../router/router';
import { NotificationBell } from '../notifications/notification-bell';
import { NavCounters } from '../workspace/nav-counters';

export function AppLayout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useAuth();
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  const [leaving, setLeaving] = useState(false);

  // Moving to another screen moves focus to its content, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = path;
    mainRef.current?.focus({ preventScroll: false });
  }, [path]);

  const items = navFor(me);
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Перейти к содержимому
      </a>
      <header className="app-header">
        <a className="brand" href={`#${items[0]?.path ?? '/'}`}>
          <span className="brand-name">Отклик</span>
          <span className="brand-sub">ЦУР Ярославской области</span>
        </a>
        <nav aria-label="Разделы" className="main-nav">
          <ul>
            {items.map((item) => {
              const current =
                path === item.path ||
                (item.path === '/inbox' && path.startsWith('/cases/')) ||
                (item.screen === 'analytics' && path.startsWith('/analytics/')) ||
                (item.screen === 'comms' && path.startsWith('/comms/')) ||
                (item.screen === 'admin' && path.startsWith('/admin/'));
              return (
                <li key={item.path}>
                  <a href={`#${item.path}`} aria-current={current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="user-box">
          {me.permissions.includes('cases.read') && <NavCounters me={me} />}
          <NotificationBell current={path === '/notifications'} />
          <a
            className="user-name"
            href="#/account"
            title={`${me.roleLabel}${me.organisation ? ` · ${me.organisation}` : ''}. Пароль и второй фактор`}
          >
            {me.name}
          </a>
          <span className="user-role">
            {me.roleLabel}
            {me.organisation ? ` · ${me.organisation}` : ''}
          </span>
          <button
            type="button"
            className="btn btn-ghost"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              void signOut().finally(() => setLeaving(false));
            }}
          >
            Выйти
          </button>
        </div>
      </header>
      {me.secondFactor === 'due' && path !== '/account' && (
        <p className="notice" role="status">
          Для вашей роли обязателен второй фактор входа. <a href="#/account">Подключите его</a> — иначе это придётся
          сделать при следующем входе.
        </p>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        {children}
      </main>
      <Announcer />
    </div>
  );
}
