// The latest administrative changes of one kind (users, tokens, categories, organisations, settings): who, when, what.
import type { AdminEntity } from '../../../shared/api/admin';
import { CHANNEL_LABELS, CHANNELS } from '../../../shared/deadlines/channels';
import { formatDateTime } from '../common/format';
import { ErrorState } from '../common/states';
import { useResource } from '../common/use-resource';
import type { Lookups } from '../reference/lookups';
import { useReference } from '../reference/reference-context';
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

// The server journals settings by their codes («roads / pits / uglich», «web / roads / любая категория»): shown by name.
const ANY = /^(любой|любая) /;
const named = (part: string | undefined, name: (code: string) => string): string =>
  !part || ANY.test(part) ? (part ?? '') : name(part);
function describeKey(entity: AdminEntity, key: string, look: Lookups): string {
  const [a, b, c] = key.split(' / ');
  const channel = (code: string): string => CHANNEL_LABELS[CHANNELS.find((x) => x === code) ?? 'other'] ?? code;
  const category = (block: string | undefined) => (code: string) => look.categoryName(block, code);
  const municipality = (code: string): string => look.municipality(code)?.shortName ?? code;
  switch (entity) {
    case 'keyword_set':
    case 'workload_norms':
      return look.blockName(key);
    case 'routing_rule':
      return [named(a, look.blockName), named(b, category(a)), named(c, municipality)].join(' / ');
    case 'category': {
      const [block, code] = key.split('.');
      return code ? `${look.blockName(block)}: ${look.categoryName(block, code)}` : key;
    }
    case 'deadline_policy':
      return [named(a, channel), named(b, look.blockName), named(c, category(b))].join(' / ');
    default:
      return key;
  }
}

export function AdminJournal({ entity, version }: { entity: AdminEntity; version: number }) {
  const look = useReference();
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
                {describeKey(entity, c.key, look)}: {ACTIONS[c.action] ?? c.action}
              </span>
              <span className="muted small"> — {c.actor}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
