// «Цели и факт по блокам и категориям» on the KPI screen (decree п. 11, 21): every target set for a block or one of
// its categories for the year, the fact on the date (computed from the block's cases — a link opens those cases in
// «Входящие» — or the latest hand-entered value with who entered it), the status; roles with kpi.manage set targets
// and enter values here. Evidence links show which project and result an indicator serves (п. 22).
import { useState } from 'react';
import type { Kpi } from '../../../shared/api/kpi';
import { scopeHistorySchema, targetsMatrixSchema } from '../../../shared/api/kpi-targets';
import { apiRequest } from '../api/client';
import { isoToRuDate, moscowIsoDate } from '../common/format';
import { useReference } from '../reference/reference-context';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { formatValue, parseDecimal, STATUS_CLASS, statusLabel } from './kpi-format';

export function KpiTargetsPanel({ on, kpis }: { on: string; kpis: Kpi[] }) {
  const matrix = useResource(
    `kpi-targets:${on}`,
    (signal) => apiRequest('/kpi/targets', targetsMatrixSchema, { query: new URLSearchParams({ on }), signal }),
    { keepPrevious: true },
  );
  return (
    <section className="panel" aria-labelledby="kpi-targets-title">
      <h2 id="kpi-targets-title">Цели и факт по блокам и категориям, {on.slice(0, 4)} год</h2>
      {matrix.error ? <ErrorState error={matrix.error} onRetry={matrix.reload} /> : null}
      {matrix.loading && !matrix.data ? <Loading /> : null}
      {matrix.data?.rows.length === 0 && <Empty>Целей по блокам и категориям на этот год нет.</Empty>}
      {matrix.data && matrix.data.rows.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Цели и факт по блокам и категориям">
            <thead>
              <tr>
                <th scope="col">Блок</th>
                <th scope="col">Категория</th>
                <th scope="col">Показатель</th>
                <th scope="col" className="num">
                  Цель
                </th>
                <th scope="col" className="num">
                  Факт
                </th>
                <th scope="col">Статус</th>
                <th scope="col">Источник</th>
              </tr>
            </thead>
            <tbody>
              {matrix.data.rows.map((r) => (
                <tr key={`${r.kpiId}:${r.blockCode}:${r.categoryCode ?? ''}`}>
                  <td>{r.blockName}</td>
                  <td>{r.categoryName ?? 'весь блок'}</td>
                  <td>{r.kpiTitle}</td>
                  <td className="num">{formatValue(r.target, r.unit)}</td>
                  <td className="num">
                    {r.casesQuery ? (
                      <a href={`#/inbox?${r.casesQuery}`} title="Обращения, по которым посчитан факт">
                        {formatValue(r.fact, r.unit)}
                      </a>
                    ) : (
                      formatValue(r.fact, r.unit)
                    )}
                  </td>
                  <td>
                    <span className={STATUS_CLASS[r.status]} title={r.statusReason}>
                      {statusLabel(r.status)}
                    </span>
                  </td>
                  <td className="small">
                    {r.factSource === 'computed'
                      ? `расчёт на ${isoToRuDate(r.factOn ?? on)}`
                      : r.factSource === 'manual'
                        ? `вручную: ${r.factBy ?? ''}, на ${isoToRuDate(r.factOn ?? '')}`
                        : 'нет значения'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {matrix.data && matrix.data.evidence.length > 0 && (
        <>
          <h3>Связь показателей с проектами</h3>
          <ul className="small">
            {matrix.data.evidence.map((e) => (
              <li key={e.id}>
                {kpis.find((k) => k.id === e.kpiId)?.title ?? `Показатель ${e.kpiId}`} →{' '}
                <a href={`#/projects/${e.projectId}`}>{e.projectTitle}</a>: {e.result}
              </li>
            ))}
          </ul>
        </>
      )}
      {matrix.data?.canManage && <ScopeForms kpis={kpis} year={Number(on.slice(0, 4))} onChanged={matrix.reload} />}
    </section>
  );
}

const post = (url: string, body: object) => apiRequest(url, scopeHistorySchema, { method: 'POST', body });

function ScopeForms({ kpis, year, onChanged }: { kpis: Kpi[]; year: number; onChanged: () => void }) {
  const { ref, categoriesOf } = useReference();
  const [kpiId, setKpiId] = useState(kpis[0]?.id ?? 0);
  const [block, setBlock] = useState('');
  const [category, setCategory] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const blocks = ref.blocks;
  const categories = categoriesOf(block);
  const kpi = kpis.find((k) => k.id === kpiId);
  async function act(kind: 'target' | 'value'): Promise<void> {
    setError(null);
    setDone(null);
    const n = parseDecimal(value);
    if (n === null || !block) {
      setError(new Error('Выберите блок и укажите число'));
      return;
    }
    const scope = { blockCode: block, categoryCode: category || null };
    try {
      if (kind === 'target') await post(`/kpi/${kpiId}/scope-targets`, { ...scope, year, target: n });
      else await post(`/kpi/${kpiId}/scope-values`, { ...scope, onDate: moscowIsoDate(new Date()), value: n });
      setDone(kind === 'target' ? 'Цель сохранена' : 'Значение внесено');
      setValue('');
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form
      className="list-toolbar"
      aria-label="Цель или значение для блока"
      onSubmit={(e) => {
        e.preventDefault();
        void act('target');
      }}
    >
      <label className="inline-field">
        Показатель{' '}
        <select value={kpiId} onChange={(e) => setKpiId(Number(e.target.value))}>
          {kpis.map((k) => (
            <option key={k.id} value={k.id}>
              {k.title}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Блок{' '}
        <select
          value={block}
          onChange={(e) => {
            setBlock(e.target.value);
            setCategory('');
          }}
        >
          <option value="">—</option>
          {blocks.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Категория{' '}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">весь блок</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Число <input value={value} onChange={(e) => setValue(e.target.value)} size={6} inputMode="decimal" />
      </label>
      <button type="submit" className="btn">
        Цель на {year}
      </button>
      {kpi && !kpi.formula && (
        <button type="button" className="btn" onClick={() => void act('value')}>
          Внести значение на сегодня
        </button>
      )}
      {done && <span role="status">{done}</span>}
      <FormMessage error={error} />
    </form>
  );
}
