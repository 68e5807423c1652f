// Plan vs fact of the passport's indicators by month for a year: plan, fact (computed from the platform's figures or
// entered by hand, with who and when) and the deviation, signed so that below zero is worse than planned.
import { useState } from 'react';
import type { IndicatorProgress } from '../../../shared/api/projects';
import { formatDateTime } from '../common/format';
import { ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { fetchProgress, recordFact } from './projects-api';

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const fmt = (n: number | null): string => (n === null ? '—' : n.toLocaleString('ru-RU', { maximumFractionDigits: 1 }));

export function PlanFact({ projectId, canEnter, version }: { projectId: number; canEnter: boolean; version: string }) {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const progress = useResource(
    `progress:${projectId}:${year}:${version}`,
    (signal) => fetchProgress(projectId, year, signal),
    { keepPrevious: true },
  );
  return (
    <section className="panel" aria-labelledby="plan-fact-title">
      <h2 id="plan-fact-title">План и факт показателей</h2>
      <label className="inline-field">
        Год{' '}
        <input
          type="number"
          value={year}
          min={2018}
          max={2100}
          onChange={(e) => {
            const y = Number(e.target.value);
            if (y >= 2018 && y <= 2100) setYear(y);
          }}
        />
      </label>
      {progress.error ? <ErrorState error={progress.error} onRetry={progress.reload} /> : null}
      {progress.loading && !progress.data ? <Loading /> : null}
      {progress.data?.indicators.length === 0 && <p className="muted">В паспорте нет показателей.</p>}
      {progress.data?.indicators.map((ind) => (
        <IndicatorTable
          key={ind.code}
          ind={ind}
          year={year}
          canEnter={canEnter && !ind.computed}
          onEnter={async (month, value, comment) =>
            progress.setData(await recordFact(projectId, { indicatorCode: ind.code, year, month, value, comment }))
          }
        />
      ))}
    </section>
  );
}

function IndicatorTable({
  ind,
  year,
  canEnter,
  onEnter,
}: {
  ind: IndicatorProgress;
  year: number;
  canEnter: boolean;
  onEnter: (month: number, value: number, comment: string) => Promise<void>;
}) {
  const unit = ind.unit ? `, ${ind.unit}` : '';
  return (
    <div className="indicator-progress">
      <h3>
        {ind.title}
        {unit}
      </h3>
      <p className="muted small">
        {ind.computed ? 'Рассчитывается по данным платформы за каждый месяц. ' : 'Факт вносится вручную. '}Методика:{' '}
        {ind.method}
        {ind.yearPlan !== null && (
          <>
            {' '}
            · План на {year} год: {fmt(ind.yearPlan)}
          </>
        )}
      </p>
      <div className="table-wrap">
        <table className="plan-fact" aria-label={`План и факт: ${ind.title}`}>
          <thead>
            <tr>
              <th scope="col">{year}</th>
              {MONTHS.map((m) => (
                <th key={m} scope="col" className="num">
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">План</th>
              {ind.months.map((m) => (
                <td key={m.month} className="num">
                  {fmt(m.plan)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Факт</th>
              {ind.months.map((m) => (
                <td
                  key={m.month}
                  className="num"
                  title={m.enteredBy ? `Внёс ${m.enteredBy}, ${formatDateTime(m.enteredAt)}` : undefined}
                >
                  {fmt(m.fact)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Отклонение</th>
              {ind.months.map((m) => (
                <td key={m.month} className={`num${m.deviation !== null && m.deviation < 0 ? ' text-danger' : ''}`}>
                  {fmt(m.deviation)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {canEnter && <FactForm onEnter={onEnter} />}
    </div>
  );
}

function FactForm({ onEnter }: { onEnter: (month: number, value: number, comment: string) => Promise<void> }) {
  const [month, setMonth] = useState(1);
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit(): Promise<void> {
    setError(null);
    setDone(null);
    const n = Number(value.replace(',', '.'));
    if (!value.trim() || !Number.isFinite(n)) {
      setError(new Error('Введите число'));
      return;
    }
    try {
      await onEnter(month, n, comment);
      setDone('Факт внесён');
      setValue('');
      setComment('');
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form
      className="list-toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="inline-field">
        Месяц{' '}
        <select value={month} onChange={(e) => setMonth(Number(e.target.value))}>
          {MONTHS.map((m, i) => (
            <option key={m} value={i + 1}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Факт <input value={value} onChange={(e) => setValue(e.target.value)} size={8} inputMode="decimal" />
      </label>
      <label className="inline-field">
        Комментарий <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" className="btn">
        Внести факт
      </button>
      <FormMessage error={error} success={done} />
    </form>
  );
}
