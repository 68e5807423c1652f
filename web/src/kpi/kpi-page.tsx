// «Показатели»: the decree's mandatory and additional indicators with their value, target and status on a date;
// a row opens the indicator's characteristics, history and (for indicators the data cannot compute) a form
// for a hand-entered value; «Новый показатель» and «Изменить» edit definitions. The server decides who may (kpi.manage).
import { RuDateInput } from '../common/ru-date-input';
import { useState } from 'react';
import { KPI_KIND_LABELS, type Kpi } from '../../../shared/api/kpi';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { isoToRuDate, moscowIsoDate } from '../common/format';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { fetchKpis } from './kpi-api';
import { KpiDetailPanel } from './kpi-detail';
import { KpiTargetsPanel } from './kpi-targets';
import { KpiEditor } from './kpi-editor';
import { formatValue, STATUS_CLASS, statusLabel } from './kpi-format';

export function KpiPage() {
  usePageTitle('Показатели');
  const me = useMe();
  const [on, setOn] = useState(() => moscowIsoDate(new Date()));
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useResource(`kpi:${on}`, (signal) => fetchKpis(on, signal), { keepPrevious: true });
  const canEdit = hasPermission(me, 'kpi.manage');

  return (
    <section className="page page-wide" aria-labelledby="kpi-title">
      <div className="page-head">
        <h1 id="kpi-title">Показатели</h1>
        <p className="muted">Обязательные и дополнительные показатели ЦУР: значение, цель на год и статус на дату</p>
      </div>
      <div className="list-toolbar">
        <RuDateInput
          id="kpi-on"
          label="Статус на дату"
          value={on}
          onCommit={(d) => {
            if (d) setOn(d);
          }}
        />
        {canEdit && (
          <button type="button" className="btn" onClick={() => setCreating(true)} disabled={creating}>
            Новый показатель
          </button>
        )}
      </div>
      {creating && list.data && (
        <KpiEditor
          formulas={list.data.formulas}
          onCancel={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            list.reload();
            setOpen(id);
          }}
        />
      )}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Показатель</th>
                  <th scope="col">Вид</th>
                  <th scope="col" className="num">
                    Цель {on.slice(0, 4)}
                  </th>
                  <th scope="col" className="num">
                    Значение
                  </th>
                  <th scope="col">Статус</th>
                  <th scope="col">Срок</th>
                  <th scope="col">Ответственный</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((k) => (
                  <KpiRow
                    key={k.id}
                    kpi={k}
                    selected={open === k.id}
                    onOpen={() => setOpen(open === k.id ? null : k.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{list.data.statusRule}</p>
          <KpiTargetsPanel on={on} kpis={list.data.items} />
          {open !== null && (
            <KpiDetailPanel
              id={open}
              on={on}
              canEdit={canEdit}
              formulas={list.data.formulas}
              onChanged={list.reload}
              onClose={() => setOpen(null)}
            />
          )}
        </>
      )}
    </section>
  );
}

function KpiRow({ kpi, selected, onOpen }: { kpi: Kpi; selected: boolean; onOpen: () => void }) {
  return (
    <tr className={selected ? 'row-selected' : undefined}>
      <td>
        <button type="button" className="sort-button" aria-expanded={selected} onClick={onOpen}>
          {kpi.title}
        </button>
        {kpi.isExample && (
          <span className="badge badge-info" title="Пример из поставки: замените своими показателями">
            пример
          </span>
        )}
        <div className="muted small">{kpi.federalResult}</div>
      </td>
      <td>{KPI_KIND_LABELS[kpi.kind]}</td>
      <td className="num">{formatValue(kpi.target, kpi.unit)}</td>
      <td className="num">{formatValue(kpi.value, kpi.unit)}</td>
      <td>
        <span className={STATUS_CLASS[kpi.status]} title={kpi.statusReason}>
          {statusLabel(kpi.status)}
        </span>
      </td>
      <td className="nowrap">{isoToRuDate(kpi.deadline)}</td>
      <td>{kpi.responsible}</td>
    </tr>
  );
}
