// The header's counters of work waiting for the user: cases in triage, past their deadline, returned for rework.
// One cheap request (GET /api/cases/counters), refreshed every minute and after bulk actions; each counter links
// to the list it counts.
import { canOpen, type Access } from '../auth/access';
import { countOf, formatNumber, NOUNS } from '../common/format';
import { usePolled } from '../common/use-polled';
import { COUNTERS_CHANGED, fetchCounters } from './workspace-api';

const REFRESH_MS = 60_000;

export function NavCounters({ me }: { me: Access }) {
  const counters = usePolled(fetchCounters, REFRESH_MS, COUNTERS_CHANGED);
  if (!counters) return null;
  // executors work from their desk; everyone else from the inbox's filtered lists
  const list = canOpen(me, 'inbox') ? '/inbox' : '/desk';
  const items = [
    counters.triage !== null && canOpen(me, 'triage')
      ? { key: 'triage', href: '#/triage', label: 'Ждут разбора', n: counters.triage }
      : null,
    {
      key: 'overdue',
      href: list === '/inbox' ? '#/inbox?deadline=overdue&sort=due_asc' : '#/desk?scope=all&deadline=overdue',
      label: 'Просрочено',
      n: counters.overdue,
    },
    counters.returned !== null
      ? {
          key: 'returned',
          href: list === '/inbox' ? '#/inbox?status=returned' : '#/desk?status=returned',
          label: 'Возвращено на доработку',
          n: counters.returned,
        }
      : null,
  ].filter((x) => x !== null);
  return (
    <ul className="nav-counters" aria-label="Ждут внимания">
      {items.map((c) => (
        <li key={c.key}>
          <a
            href={c.href}
            className={c.n > 0 && c.key !== 'triage' ? 'counter counter-alert' : 'counter'}
            data-counter={c.key}
            aria-label={`${c.label}: ${countOf(c.n, NOUNS.case)}`}
          >
            {c.label}{' '}
            <span className="counter-n" aria-hidden="true">
              {formatNumber(c.n)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
