// Ratings of official pages over a period (ДД.ММ.ГГГГ): each page's points by the configured criteria, with what each
// criterion found, then the average by municipality and by body. The quarterly score of heads' pages uses its own
// criteria set; a quarter is picked with one button.
import { useState } from 'react';
import { PAGE_NETWORK_LABELS, type PageRating, type ScoreSet } from '../../../shared/api/public-pages';
import { formatDecimal, isoToRuDate, moscowIsoDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { fetchRating } from './comms-api';
import { CriteriaForm } from './criteria-form';

/** The last finished quarter before `today` (ГГГГ-ММ-ДД). */
export function lastQuarter(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // current quarter, 0-based
  const [y, pq] = q === 0 ? [year - 1, 3] : [year, q - 1];
  const startMonth = pq * 3 + 1;
  const end = new Date(Date.UTC(y, startMonth + 2, 0)).toISOString().slice(0, 10);
  return { from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: end };
}

function GroupTable({ caption, rows }: { caption: string; rows: PageRating['municipalities'] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Место</th>
            <th scope="col">Название</th>
            <th scope="col">Страниц</th>
            <th scope="col">Средний балл</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.name}>
              <td>{i + 1}</td>
              <td>{r.name}</td>
              <td>{r.pages}</td>
              <td>{formatDecimal(r.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PageRatings({ reloadKey, canManage }: { reloadKey: number; canManage: boolean }) {
  const today = moscowIsoDate(new Date());
  const [range, setRange] = useState(() => lastQuarter(today));
  const [set, setSet] = useState<ScoreSet>('rating');
  const [criteriaSaved, setCriteriaSaved] = useState(0);
  const ordered = range.from <= range.to;
  const rating = useResource(
    ordered ? `rating:${range.from}:${range.to}:${set}:${reloadKey}:${criteriaSaved}` : null,
    (s) => fetchRating(range.from, range.to, set, s),
    { keepPrevious: true },
  );
  return (
    <section className="panel" aria-labelledby="rating-title">
      <h2 id="rating-title">
        {set === 'heads' ? 'Квартальная оценка страниц глав (100 баллов)' : 'Рейтинг страниц (100 баллов)'}
      </h2>
      <div className="filters filters-compact">
        <label className="field">
          Оценка
          <select value={set} onChange={(e) => setSet(e.target.value as ScoreSet)}>
            <option value="rating">Рейтинг всех страниц</option>
            <option value="heads">Страницы глав (квартал)</option>
          </select>
        </label>
        <RuDateInput label="С" value={range.from} onCommit={(from) => from && setRange((r) => ({ ...r, from }))} />
        <RuDateInput label="По" value={range.to} onCommit={(to) => to && setRange((r) => ({ ...r, to }))} />
        <button type="button" className="btn" onClick={() => setRange(lastQuarter(today))}>
          Прошлый квартал
        </button>
      </div>
      {!ordered ? (
        <p className="form-message form-error" role="alert">
          Начало периода позже его конца: исправьте даты.
        </p>
      ) : rating.error ? (
        <ErrorState error={rating.error} onRetry={rating.reload} />
      ) : !rating.data ? (
        <Loading label="Подсчёт…" />
      ) : rating.data.pages.length === 0 ? (
        <Empty>Нет страниц для оценки.</Empty>
      ) : (
        <>
          <p className="muted small">
            {isoToRuDate(rating.data.from)} — {isoToRuDate(rating.data.to)}, недель: {rating.data.weeks}. Скорость
            ответа — по обращениям, пришедшим через страницу (комментарии ВКонтакте, виджет с меткой страницы); без них
            — по выгрузке.
          </p>
          <div className="table-wrap">
            <table aria-label="Баллы страниц">
              <thead>
                <tr>
                  <th scope="col">Место</th>
                  <th scope="col">Страница</th>
                  <th scope="col">Организация</th>
                  <th scope="col">Балл</th>
                  <th scope="col">Из чего сложился</th>
                  <th scope="col">Ответы платформы</th>
                </tr>
              </thead>
              <tbody>
                {rating.data.pages.map((p, i) => (
                  <tr key={p.pageId}>
                    <td>{i + 1}</td>
                    <td>
                      <a href={p.url} target="_blank" rel="noreferrer noopener">
                        {p.title}
                      </a>{' '}
                      <span className="muted small">{PAGE_NETWORK_LABELS[p.network]}</span>
                    </td>
                    <td>
                      {p.organisation}
                      {p.municipality ? <div className="muted small">{p.municipality}</div> : null}
                    </td>
                    <td>
                      <strong>{formatDecimal(p.score)}</strong>
                    </td>
                    <td className="small">
                      {p.parts.map((x) => (
                        <div key={x.metric}>
                          {x.title}: {formatDecimal(x.earned)} из {formatDecimal(x.points)} — {x.note}
                        </div>
                      ))}
                    </td>
                    <td className="small">
                      {p.platform.messages
                        ? `в срок ${p.platform.answeredInTime} из ${p.platform.messages}${p.platform.medianHours !== null ? `, медиана ${formatDecimal(Math.round(p.platform.medianHours * 10) / 10)} ч` : ''}`
                        : 'нет обращений'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="dashboard-grid">
            <GroupTable caption="По муниципалитетам" rows={rating.data.municipalities} />
            <GroupTable caption="По органам и организациям" rows={rating.data.organisations} />
          </div>
        </>
      )}
      {canManage && (
        <details>
          <summary>Критерии и баллы</summary>
          <CriteriaForm key={set} set={set} onSaved={() => setCriteriaSaved((n) => n + 1)} />
        </details>
      )}
    </section>
  );
}
