// The frame of the centre's communication work: tabs between official pages and votes and discussions.
import type { ReactNode } from 'react';
import { useLocation } from '../router/router';

export const COMMS_TABS = [
  { path: '/comms/pages', label: 'Госпаблики' },
  { path: '/comms/votes', label: 'Голосования и обсуждения' },
  { path: '/comms/media', label: 'СМИ и лидеры мнений' },
  { path: '/comms/practices', label: 'Практики и рекомендации' },
  { path: '/comms/seminars', label: 'Семинары' },
  { path: '/comms/knowledge', label: 'База знаний' },
  { path: '/comms/campaigns', label: 'Кампании' },
] as const;

export function CommsShell({ title, children }: { title: string; children: ReactNode }) {
  const { path } = useLocation();
  return (
    <section className="page page-wide" aria-labelledby="comms-title">
      <div className="page-head">
        <h1 id="comms-title">{title}</h1>
      </div>
      <nav aria-label="Разделы работы с аудиторией" className="tabs">
        {COMMS_TABS.map((t) => (
          <a
            key={t.path}
            href={`#${t.path}`}
            aria-current={t.path === path ? 'page' : undefined}
            className="btn btn-ghost"
          >
            {t.label}
          </a>
        ))}
      </nav>
      {children}
    </section>
  );
}
