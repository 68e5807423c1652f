// «Голосования и обсуждения»: ПОС and regional votes, hearings, discussions and initiative budgeting with their
// results, decisions and implementation, each beside the complaints of the same category and place.
import { useState } from 'react';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { fetchVotes, importVotes } from './comms-api';
import { CommsShell } from './comms-shell';
import { FileImport } from './file-import';
import { VoteForm } from './vote-form';
import { VotesTable } from './votes-table';

export function VotesPage() {
  usePageTitle('Голосования и обсуждения');
  const me = useMe();
  const { ref } = useReference();
  const canManage = hasPermission(me, 'comms.manage');
  const [reloads, setReloads] = useState(0);
  const [adding, setAdding] = useState(false);
  const [municipality, setMunicipality] = useState('');
  const votes = useResource(
    `votes:${municipality}:${reloads}`,
    (s) => fetchVotes(municipality ? { municipality } : {}, s),
    { keepPrevious: true },
  );
  const changed = () => setReloads((n) => n + 1);
  return (
    <CommsShell title="Голосования и общественные обсуждения">
      <div className="list-toolbar">
        <label className="field">
          Муниципалитет
          <select value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
            <option value="">Все</option>
            {ref.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        {canManage && !adding && (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            Добавить событие
          </button>
        )}
      </div>
      {adding && (
        <VoteForm
          onSaved={() => {
            setAdding(false);
            changed();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {votes.error ? (
        <ErrorState error={votes.error} onRetry={votes.reload} />
      ) : !votes.data ? (
        <Loading />
      ) : votes.data.items.length === 0 ? (
        <Empty>Голосований и обсуждений пока нет.</Empty>
      ) : (
        <VotesTable votes={votes.data} caption="Голосования и обсуждения" />
      )}
      {canManage && (
        <FileImport
          title="Голосования из файла"
          send={importVotes}
          onDone={changed}
          columns="Номер, Вид, Название, Муниципалитет, Категория, Вопрос, Начало, Окончание, Явка, Результат, Решение, Дата решения, Реализация"
        />
      )}
    </CommsShell>
  );
}
