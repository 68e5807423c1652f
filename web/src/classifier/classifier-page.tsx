// «Качество классификатора»: by month, the share of the classifier's suggestions operators kept; the categories whose
// share fell in the latest month; the stored versions, with switching one on (and so rolling back).
import { useState } from 'react';
import type { ClassifierDrift } from '../../../shared/api/classifier';
import { formatDateTime, formatPercent, plural } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { activateVersion, fetchDrift, fetchModels, type ClassifierModels } from './classifier-api';

const MONTHS = 6;
const cases = (n: number): string => `${n} ${plural(n, ['обращение', 'обращения', 'обращений'])}`;
const monthName = (m: string): string => `${m.slice(5, 7)}.${m.slice(0, 4)}`;

function Drift({ data }: { data: ClassifierDrift }) {
  if (data.months.length === 0)
    return <Empty>За последние {MONTHS} месяцев нет обращений, классифицированных моделью.</Empty>;
  return (
    <>
      <table className="table" aria-label="Точность по месяцам">
        <thead>
          <tr>
            <th>Месяц</th>
            <th>Обращений</th>
            <th>Категория оставлена операторами</th>
          </tr>
        </thead>
        <tbody>
          {data.months.map((m) => (
            <tr key={m.month}>
              <td>{monthName(m.month)}</td>
              <td>{m.cases}</td>
              <td>{formatPercent(m.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Категории, где точность упала в последнем месяце</h2>
      {data.drifting.length === 0 ? (
        <p className="muted">Таких нет: ни в одной категории доля верных подсказок не упала заметно.</p>
      ) : (
        <table className="table" aria-label="Категории с падением точности">
          <thead>
            <tr>
              <th>Категория</th>
              <th>Последний месяц</th>
              <th>Месяцы до него</th>
            </tr>
          </thead>
          <tbody>
            {data.drifting.map((c) => (
              <tr key={`${c.block}.${c.category}`}>
                <td>{c.name}</td>
                <td>
                  {formatPercent(c.latest.accuracy)} из {cases(c.latest.cases)}
                </td>
                <td>
                  {formatPercent(c.before.accuracy)} из {cases(c.before.cases)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Versions({ data, onChanged }: { data: ClassifierModels; onChanged: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const activate = async (version: number) => {
    setBusy(true);
    setError(null);
    try {
      await activateVersion(version);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (data.items.length === 0) return <p className="muted">Переобученных версий нет: работает встроенная модель.</p>;
  return (
    <>
      <table className="table" aria-label="Версии классификатора">
        <thead>
          <tr>
            <th>Версия</th>
            <th>Создана</th>
            <th>Исправлений</th>
            <th>Решение</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.items.map((m) => (
            <tr key={m.version}>
              <td>
                {m.version}
                {m.status === 'active' ? ' (включена)' : ''}
              </td>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>{m.corrections}</td>
              <td>{m.decision}</td>
              <td>
                {m.status !== 'active' && (
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy}
                    onClick={() => {
                      void activate(m.version);
                    }}
                  >
                    Включить версию {m.version}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormMessage error={error} success={null} />
    </>
  );
}

export function ClassifierPage() {
  usePageTitle('Качество классификатора');
  const drift = useResource<ClassifierDrift>('classifier:drift', (signal) => fetchDrift(MONTHS, signal));
  const models = useResource<ClassifierModels>('classifier:models', (signal) => fetchModels(signal));
  return (
    <section className="page page-wide" aria-labelledby="classifier-title">
      <h1 id="classifier-title">Качество классификатора</h1>
      <p className="muted">
        Доля обращений, у которых операторы оставили блок и категорию, предложенные классификатором, по месяцам. Новая
        версия обучается по расписанию на исправлениях операторов и включается, только если не хуже на самых новых
        исправлениях и на контрольном наборе; любую версию можно включить вручную — так же делается откат.
      </p>
      {drift.error && !drift.data ? (
        <ErrorState error={drift.error} onRetry={drift.reload} />
      ) : !drift.data ? (
        <Loading label="Подсчёт точности…" />
      ) : (
        <Drift data={drift.data} />
      )}
      <h2>Версии</h2>
      {models.error && !models.data ? (
        <ErrorState error={models.error} onRetry={models.reload} />
      ) : !models.data ? (
        <Loading label="Загрузка версий…" />
      ) : (
        <Versions
          data={models.data}
          onChanged={() => {
            models.reload();
            drift.reload();
          }}
        />
      )}
    </section>
  );
}
