// «Нормы нагрузки» (reference.manage): per block, minutes per message and per answer and working hours of a staff
// member a month — the basis of the staffing estimate on «Нагрузка». Journalled with the norms before and after.
import { useState } from 'react';
import type { AdminWorkloadNorms } from '../../../shared/api/admin-settings';
import { formatDateTime, formatDecimal } from '../common/format';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { AdminJournal } from './admin-journal';
import { AdminPage, EditActions } from './admin-parts';
import { AdminTable } from './admin-table';
import { fetchWorkloadNorms, saveWorkloadNorms } from './settings-api';

function NormsEditor({
  norms,
  onDone,
  onCancel,
}: {
  norms: AdminWorkloadNorms;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { blockName } = useReference();
  const [message, setMessage] = useState(String(norms.minutesPerMessage ?? 10));
  const [answer, setAnswer] = useState(String(norms.minutesPerAnswer ?? 20));
  const [hours, setHours] = useState(String(norms.hoursPerStaffMonth ?? 160));
  const [error, setError] = useState<unknown>(null);
  const number = (label: string, value: string, set: (v: string) => void, max: number) => (
    <label className="field">
      {label}
      <input type="number" min={0} max={max} step="any" value={value} onChange={(e) => set(e.target.value)} required />
    </label>
  );
  return (
    <form
      className="inline-form"
      aria-label={`Нормы: ${blockName(norms.block)}`}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        saveWorkloadNorms({
          block: norms.block,
          minutesPerMessage: Number(message),
          minutesPerAnswer: Number(answer),
          hoursPerStaffMonth: Number(hours),
        })
          .then(onDone)
          .catch(setError);
      }}
    >
      {number('Минут на сообщение', message, setMessage, 10_000)}
      {number('Минут на ответ', answer, setAnswer, 10_000)}
      {number('Часов сотрудника в месяц', hours, setHours, 744)}
      <EditActions error={error} onCancel={onCancel} />
    </form>
  );
}

const value = (n: number | null): string => (n === null ? '—' : formatDecimal(n));

export function NormsPage() {
  const { blockName } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-norms:${version}`, (signal) => fetchWorkloadNorms(signal));
  const [editing, setEditing] = useState<string | null>(null);
  const changed = () => {
    setEditing(null);
    setVersion((v) => v + 1);
  };

  return (
    <AdminPage
      id="norms-title"
      title="Нормы нагрузки"
      intro={
        <>
          Сколько минут уходит на одно сообщение и на один ответ и сколько часов в месяц работает сотрудник: по этим
          нормам экран «<a href="#/analytics/workload">Нагрузка</a>» считает, сколько сотрудников нужно блоку. Блок без
          норм оценки не получает.
        </>
      }
    >
      <AdminTable
        list={list}
        caption="Нормы нагрузки"
        head={
          <>
            <th scope="col">Блок</th>
            <th scope="col" className="num">
              Минут на сообщение
            </th>
            <th scope="col" className="num">
              Минут на ответ
            </th>
            <th scope="col" className="num">
              Часов в месяц
            </th>
            <th scope="col">Изменены</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items.map((n) => (
            <tr key={n.block}>
              <td>{blockName(n.block)}</td>
              {editing === n.block ? (
                <td colSpan={3}>
                  <NormsEditor norms={n} onDone={changed} onCancel={() => setEditing(null)} />
                </td>
              ) : (
                <>
                  <td className="num">{value(n.minutesPerMessage)}</td>
                  <td className="num">{value(n.minutesPerAnswer)}</td>
                  <td className="num">{value(n.hoursPerStaffMonth)}</td>
                </>
              )}
              <td className="small">
                {n.updatedAt ? `${formatDateTime(n.updatedAt)}, ${n.updatedBy ?? ''}` : 'не заданы'}
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Задать нормы: ${blockName(n.block)}`}
                  onClick={() => setEditing(n.block)}
                  disabled={editing !== null}
                >
                  Задать
                </button>
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <AdminJournal entity="workload_norms" version={version} />
    </AdminPage>
  );
}
