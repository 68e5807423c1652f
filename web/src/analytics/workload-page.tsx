// «Нагрузка»: messages and answers per block, organisation and staff member; staffing estimate from the admin's norms.
import { useState } from 'react';
import type { WorkloadBlock } from '../../../shared/api/analytics';
import { errorMessage } from '../api/client';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { formatNumber } from '../common/format';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { EChart } from '../dashboard/lazy-echart';
import { usePageTitle } from '../layout/page-title';
import { fetchWorkload, saveNorms } from './analytics-api';
import { AnalyticsShell, useRange } from './analytics-shell';

function NormsForm({ block, onSaved }: { block: WorkloadBlock; onSaved: () => void }) {
  const [v, setV] = useState({
    m: String(block.norms?.minutesPerMessage ?? ''),
    a: String(block.norms?.minutesPerAnswer ?? ''),
    h: String(block.norms?.hoursPerStaffMonth ?? ''),
  });
  const [msg, setMsg] = useState<string | null>(null);
  const save = async () => {
    try {
      await saveNorms({
        block: block.key,
        minutesPerMessage: Number(v.m),
        minutesPerAnswer: Number(v.a),
        hoursPerStaffMonth: Number(v.h),
      });
      setMsg('Сохранено');
      onSaved();
    } catch (e) {
      setMsg(errorMessage(e));
    }
  };
  const field = (id: keyof typeof v, label: string) => (
    <div className="field">
      <label htmlFor={`n-${block.key}-${id}`}>{label}</label>
      <input
        id={`n-${block.key}-${id}`}
        inputMode="decimal"
        value={v[id]}
        onChange={(e) => setV({ ...v, [id]: e.target.value })}
      />
    </div>
  );
  return (
    <form
      className="filters filters-compact"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {field('m', 'Минут на сообщение')}
      {field('a', 'Минут на ответ')}
      {field('h', 'Часов на сотрудника в месяц')}
      <button type="submit" className="btn">
        Сохранить нормативы
      </button>
      {msg && (
        <span role="status" className="small">
          {msg}
        </span>
      )}
    </form>
  );
}

export function WorkloadPage() {
  usePageTitle('Нагрузка');
  const me = useMe();
  const { range } = useRange();
  const res = useResource(`${range.from}:${range.to}`, (s) => fetchWorkload(range, s));
  const admin = hasPermission(me, 'reference.manage');
  return (
    <AnalyticsShell title="Нагрузка по блокам">
      {res.loading && !res.data ? (
        <Loading />
      ) : res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        res.data && (
          <>
            <EChart
              label="Сообщения и ответы по блокам"
              height={260}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 160, right: 20, top: 10, bottom: 20 },
                yAxis: { type: 'category', data: res.data.blocks.map((b) => b.name) },
                xAxis: { type: 'value' },
                series: [
                  { type: 'bar', name: 'Сообщения', data: res.data.blocks.map((b) => b.messages) },
                  { type: 'bar', name: 'Ответы', data: res.data.blocks.map((b) => b.answers) },
                ],
              }}
            />
            <div className="table-wrap">
              <table className="cases">
                <thead>
                  <tr>
                    <th scope="col">Блок</th>
                    <th scope="col" className="num">
                      Сообщений
                    </th>
                    <th scope="col" className="num">
                      Ответов
                    </th>
                    <th scope="col" className="num">
                      Часов по нормативу
                    </th>
                    <th scope="col" className="num">
                      Нужно сотрудников
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {res.data.blocks.map((b) => (
                    <tr key={b.key}>
                      <th scope="row">{b.name}</th>
                      <td className="num">{formatNumber(b.messages)}</td>
                      <td className="num">{formatNumber(b.answers)}</td>
                      <td className="num">{b.hours ?? 'норматив не задан'}</td>
                      <td className="num">{b.staffNeeded ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small">
              {res.data.formula} Период — {res.data.months} мес.
            </p>
            {res.data.blocks.map((b) => (
              <details key={b.key}>
                <summary>{b.name}: организации и сотрудники</summary>
                {admin && b.key && <NormsForm block={b} onSaved={res.reload} />}
                <table className="cases">
                  <thead>
                    <tr>
                      <th scope="col">Организация</th>
                      <th scope="col" className="num">
                        Сообщений
                      </th>
                      <th scope="col" className="num">
                        Ответов
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.organisations.map((o) => (
                      <tr key={o.key}>
                        <th scope="row">{o.name}</th>
                        <td className="num">{o.messages}</td>
                        <td className="num">{o.answers}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {b.staff.length > 0 && (
                  <table className="cases">
                    <thead>
                      <tr>
                        <th scope="col">Сотрудник</th>
                        <th scope="col" className="num">
                          Обращений с ответом
                        </th>
                        <th scope="col" className="num">
                          Ответов
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {b.staff.map((s) => (
                        <tr key={s.key}>
                          <th scope="row">{s.name}</th>
                          <td className="num">{s.messages}</td>
                          <td className="num">{s.answers}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </details>
            ))}
          </>
        )
      )}
    </AnalyticsShell>
  );
}
