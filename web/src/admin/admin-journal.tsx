// The latest administrative changes of one kind (users, tokens, categories, organisations, settings): who, when, what.
import type { AdminEntity } from '../../../shared/api/admin';
import { formatDateTime } from '../common/format';
import { ErrorState } from '../common/states';
import { useResource } from '../common/use-resource';
import { fetchChanges } from './admin-api';

const ACTIONS: Record<string, string> = {
  saved: 'создан или обновлён',
  changed: 'изменён',
  deactivated: 'отключён',
  password_reset: 'задан новый пароль',
  second_factor_reset: 'сброшен второй фактор',
  created: 'создан',
  revoked: 'отозван',
  removed: 'удалён',
  activated: 'возвращён в работу',
  alias_added: 'добавлен псевдоним',
  alias_removed: 'удалён псевдоним',
};

export function AdminJournal({ entity, version }: { entity: AdminEntity; version: number }) {
  const list = useResource(`admin-changes:${entity}:${version}`, (signal) => fetchChanges(entity, signal));
  return (
    <section className="panel" aria-labelledby={`journal-${entity}`}>
      <h2 id={`journal-${entity}`}>Журнал изменений</h2>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.length === 0 && <p className="muted">Изменений ещё не было.</p>}
      {list.data && list.data.length > 0 && (
        <ol className="history">
          {list.data.map((c) => (
            <li key={c.id}>
              <time dateTime={c.at}>{formatDateTime(c.at)}</time>{' '}
              <span className="history-label">
                {c.key}: {ACTIONS[c.action] ?? c.action}
              </span>
              <span className="muted small"> — {c.actor}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
