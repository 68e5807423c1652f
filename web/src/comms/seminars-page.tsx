// «Семинары» (decree 6.9): the year's plan by month, a seminar's card (participants and attendance, materials,
// history) and who of each organisation was trained. The centre plans (comms.manage); an executor sees the
// seminars of their organisation at #/seminars, with only their organisation's people.
import { useState } from 'react';
import {
  SEMINAR_FORMAT_LABELS,
  SEMINAR_STATUS_LABELS,
  type SeminarDetail,
  type SeminarSummary,
} from '../../../shared/api/seminars';
import { countOf, formatDateTime, formatDecimal, formatNumber, isoToRuDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useLocation } from '../router/router';
import { formatFileSize } from '../case/attachments-list';
import { CommsShell } from './comms-shell';
import { AttendanceTable, InviteForm, MaterialForm, SeminarForm } from './seminar-forms';
import { fetchSeminar, fetchSeminars, fetchTrained } from './seminars-api';

const MONTHS = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
];
const PEOPLE = ['человек', 'человека', 'человек'] as const;

export function SeminarsPage() {
  usePageTitle('Семинары');
  const { path } = useLocation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [view, setView] = useState<'plan' | 'trained'>('plan');
  const [selected, setSelected] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);
  const list = useResource(`seminars:${year}:${reloads}`, (s) => fetchSeminars(year, s), { keepPrevious: true });
  const changed = (s: SeminarDetail) => {
    setSelected(s.id);
    setReloads((n) => n + 1);
  };
  const body = (
    <>
      <div className="list-toolbar">
        <div className="radio-row" role="group" aria-label="Вид">
          <button
            type="button"
            className="btn btn-ghost"
            aria-pressed={view === 'plan'}
            onClick={() => setView('plan')}
          >
            План на год
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            aria-pressed={view === 'trained'}
            onClick={() => setView('trained')}
          >
            Кто обучен
          </button>
        </div>
        <label className="field">
          Год
          <select
            value={year}
            onChange={(e) => {
              setYear(Number(e.target.value));
              setSelected(null);
            }}
          >
            {[-2, -1, 0, 1]
              .map((d) => new Date().getFullYear() + d)
              .map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
          </select>
        </label>
      </div>
      {view === 'trained' ? (
        <TrainedTable year={year} />
      ) : (
        <>
          {list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : !list.data ? (
            <Loading />
          ) : list.data.items.length === 0 ? (
            <Empty>Семинаров в {year} году нет.</Empty>
          ) : (
            <PlanTable items={list.data.items} onSelect={setSelected} />
          )}
          {selected !== null && <SeminarCard key={`${selected}:${reloads}`} id={selected} onChanged={changed} />}
          {list.data?.canManage && (
            <details className="panel">
              <summary>Добавить семинар в план</summary>
              <SeminarForm onSaved={changed} />
            </details>
          )}
        </>
      )}
    </>
  );
  return path.startsWith('/comms/') ? (
    <CommsShell title="Семинары">{body}</CommsShell>
  ) : (
    <section className="page page-wide" aria-labelledby="seminars-title">
      <div className="page-head">
        <h1 id="seminars-title">Семинары</h1>
      </div>
      {body}
    </section>
  );
}

function PlanTable({ items, onSelect }: { items: SeminarSummary[]; onSelect: (id: number) => void }) {
  const months = [...new Set(items.map((s) => Number(s.date.slice(5, 7))))];
  return (
    <div className="table-wrap">
      <table aria-label="План семинаров">
        <thead>
          <tr>
            <th scope="col">Дата, время</th>
            <th scope="col">Тема</th>
            <th scope="col">Формат</th>
            <th scope="col">Ведущие</th>
            <th scope="col">Для кого</th>
            <th scope="col">Было / приглашено</th>
            <th scope="col">Материалы</th>
            <th scope="col">Состояние</th>
          </tr>
        </thead>
        {months.map((month) => (
          <tbody key={month}>
            <tr>
              <th colSpan={8} scope="rowgroup">
                {MONTHS[month - 1]}
              </th>
            </tr>
            {items
              .filter((s) => Number(s.date.slice(5, 7)) === month)
              .map((s) => (
                <tr key={s.id}>
                  <td>
                    {isoToRuDate(s.date)} {s.time}
                  </td>
                  <td>
                    <button type="button" className="btn-link" onClick={() => onSelect(s.id)}>
                      {s.topic}
                    </button>
                  </td>
                  <td>{SEMINAR_FORMAT_LABELS[s.format]}</td>
                  <td>{s.trainers}</td>
                  <td className="small">
                    {[...s.targetOrganisations, ...s.targetMunicipalities].map((t) => t.name).join('; ') || 'всем'}
                  </td>
                  <td>
                    {formatNumber(s.attended)} / {formatNumber(s.invited)}
                    {s.averageScore !== null && (
                      <div className="muted small">оценка {formatDecimal(s.averageScore)}</div>
                    )}
                  </td>
                  <td>{formatNumber(s.materials)}</td>
                  <td>{SEMINAR_STATUS_LABELS[s.status]}</td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function SeminarCard({ id, onChanged }: { id: number; onChanged: (s: SeminarDetail) => void }) {
  const res = useResource(`seminar:${id}`, (s) => fetchSeminar(id, s));
  if (res.error) return <ErrorState error={res.error} onRetry={res.reload} />;
  const s = res.data;
  if (!s) return <Loading />;
  return (
    <section className="panel panel-accent" aria-label={`Семинар «${s.topic}»`}>
      <h2>{s.topic}</h2>
      <p>
        {isoToRuDate(s.date)} {s.time}, {formatNumber(s.durationMinutes)} мин · {SEMINAR_FORMAT_LABELS[s.format]}
        {s.place && ` · ${s.place}`} · {SEMINAR_STATUS_LABELS[s.status]}
        <br />
        Ведущие: {s.trainers}
      </p>
      {s.description && <p className="pre-line">{s.description}</p>}
      <h3>
        Участники: {countOf(s.invited, PEOPLE)}, были — {formatNumber(s.attended)}
      </h3>
      {s.participants.length === 0 ? (
        <Empty>Участников пока нет.</Empty>
      ) : s.canManage ? (
        <AttendanceTable seminar={s} onSaved={onChanged} />
      ) : (
        <ul>
          {s.participants.map((p) => (
            <li key={p.id}>
              {p.personName} — {p.attended === null ? 'не отмечено' : p.attended ? 'был' : 'не был'}
            </li>
          ))}
        </ul>
      )}
      {s.canManage && <InviteForm seminar={s} onSaved={onChanged} />}
      <h3>Материалы</h3>
      {s.materialsList.length === 0 ? (
        <Empty>Материалов пока нет.</Empty>
      ) : (
        <ul aria-label="Материалы семинара">
          {s.materialsList.map((m) => (
            <li key={m.id}>
              <a
                href={m.url}
                {...(m.kind === 'link' ? { target: '_blank', rel: 'noopener noreferrer' } : { download: true })}
              >
                {m.title}
              </a>
              <span className="muted small">
                {' '}
                {m.kind === 'file' ? `файл${m.size === null ? '' : `, ${formatFileSize(m.size)}`}` : 'ссылка'} ·{' '}
                {m.author}, {isoToRuDate(m.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {s.canManage && <MaterialForm seminarId={s.id} onSaved={onChanged} />}
      {s.canManage && (
        <details className="panel">
          <summary>Изменить тему, время, состояние</summary>
          <SeminarForm seminar={s} onSaved={onChanged} />
        </details>
      )}
      <details>
        <summary>История изменений</summary>
        <ul aria-label="История изменений семинара">
          {s.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)} · {h.actor}: {h.summary}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function TrainedTable({ year }: { year: number }) {
  const res = useResource(`trained:${year}`, (s) => fetchTrained(year, s), { keepPrevious: true });
  if (res.error) return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  if (res.data.items.length === 0) return <Empty>В {year} году на семинары никого не приглашали.</Empty>;
  return (
    <div className="table-wrap">
      <table aria-label="Кто обучен по организациям">
        <thead>
          <tr>
            <th scope="col">Организация</th>
            <th scope="col">Муниципалитет</th>
            <th scope="col">Семинаров</th>
            <th scope="col">Приглашено</th>
            <th scope="col">Обучено</th>
            <th scope="col">Кто</th>
          </tr>
        </thead>
        <tbody>
          {res.data.items.map((o) => (
            <tr key={o.organisationId}>
              <th scope="row">{o.organisation}</th>
              <td>{o.municipality ?? 'Региональный уровень'}</td>
              <td>{formatNumber(o.seminars)}</td>
              <td>{formatNumber(o.invited)}</td>
              <td>{formatNumber(o.attended)}</td>
              <td>
                <details>
                  <summary>{countOf(o.people.length, PEOPLE)}</summary>
                  <ul className="small">
                    {o.people.map((p) => (
                      <li key={p.name}>
                        {p.name}:{' '}
                        {p.seminars
                          .map(
                            (x) =>
                              `${isoToRuDate(x.date)} «${x.topic}» — ${x.attended === null ? 'не отмечено' : x.attended ? 'был' : 'не был'}`,
                          )
                          .join('; ')}
                      </li>
                    ))}
                  </ul>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
