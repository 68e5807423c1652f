// «Структура центра»: who holds which of the decree's roles for which block or direction on a chosen date.
import { useState } from 'react';
import { structureSchema } from '../../../shared/api/centre';
import { apiRequest } from '../api/client';
import { isoToRuDate, moscowIsoDate } from '../common/format';
import { parseRuDate, RU_DATE_ERROR } from '../common/ru-date';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';

export function CentrePage() {
  usePageTitle('Структура центра');
  const [on, setOn] = useState(() => moscowIsoDate(new Date()));
  const [typed, setTyped] = useState(() => isoToRuDate(on));
  const [error, setError] = useState<string | null>(null);
  const data = useResource(
    `centre:${on}`,
    (signal) => apiRequest('/centre/structure', structureSchema, { query: new URLSearchParams({ on }), signal }),
    { keepPrevious: true },
  );
  return (
    <section className="page page-wide" aria-labelledby="centre-title">
      <p>
        <a href={href('/projects')}>← Проекты</a>
      </p>
      <div className="page-head">
        <h1 id="centre-title">Структура центра на дату</h1>
      </div>
      <form
        className="list-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const iso = parseRuDate(typed);
          if (!iso) {
            setError(RU_DATE_ERROR);
            return;
          }
          setError(null);
          setOn(iso);
        }}
      >
        <label className="inline-field">
          Дата <input value={typed} onChange={(e) => setTyped(e.target.value)} size={10} placeholder="ДД.ММ.ГГГГ" />
        </label>
        <button type="submit" className="btn">
          Показать
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </form>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.loading && !data.data ? <Loading /> : null}
      {data.data?.items.length === 0 && <Empty>На {isoToRuDate(on)} назначений нет.</Empty>}
      {data.data && data.data.items.length > 0 && (
        <div className="table-wrap">
          <table aria-label={`Структура центра на ${isoToRuDate(data.data.on)}`}>
            <thead>
              <tr>
                <th scope="col">Роль</th>
                <th scope="col">Блок</th>
                <th scope="col">Направление</th>
                <th scope="col">Кто</th>
                <th scope="col">С</th>
                <th scope="col">По</th>
              </tr>
            </thead>
            <tbody>
              {data.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.roleLabel}</td>
                  <td>{a.blockName ?? '—'}</td>
                  <td>{a.direction || '—'}</td>
                  <td>{a.person}</td>
                  <td>{isoToRuDate(a.fromDate)}</td>
                  <td>{a.toDate ? isoToRuDate(a.toDate) : 'по настоящее время'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
