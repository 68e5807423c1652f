// «Рейтинги»: organisations or municipalities for a period, with the formulas and a link from every number to its cases.
import type { RatingItem, RatingLevel } from '../../../shared/api/analytics';
import { toSearchParams, type CaseQuery } from '../api/case-query';
import { formatDecimal, formatNumber, formatPercent } from '../common/format';
import { ErrorState, Loading, Empty } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';
import { fetchRatings, type DateRange } from './analytics-api';
import { AnalyticsShell, useRange } from './analytics-shell';

const hoursText = (h: number | null) => (h === null ? '—' : `${formatDecimal(h)} ч`);
const pct = (v: number | null) => (v === null ? '—' : formatPercent(v));

function drill(level: RatingLevel, item: RatingItem, range: DateRange, extra: CaseQuery = {}): string {
  const base: CaseQuery = level === 'municipality' ? { municipality: [item.key] }
    : item.unmatched ? { sourceOrganisation: item.name } : { organisation: [Number(item.key)] };
  return href('/inbox', toSearchParams({ ...base, from: range.from, to: range.to, ...extra }));
}

export function RatingsPage() {
  usePageTitle('Рейтинги');
  const { range, params, set } = useRange();
  const level: RatingLevel = params.get('level') === 'municipality' ? 'municipality' : 'organisation';
  const res = useResource(`${level}:${range.from}:${range.to}`, (s) => fetchRatings(level, range, s));
  const tools = (
    <div className="field"><label htmlFor="an-level">Уровень</label>
      <select id="an-level" value={level} onChange={(e) => set({ level: e.target.value })}>
        <option value="organisation">Органы власти и организации</option>
        <option value="municipality">Муниципалитеты</option>
      </select></div>
  );
  return (
    <AnalyticsShell title="Рейтинги" tools={tools}>
      {res.loading && !res.data ? <Loading /> : res.error ? <ErrorState error={res.error} onRetry={res.reload} /> : res.data && (
        res.data.items.length === 0 ? <Empty>За период нет сообщений.</Empty> : (
          <>
            <div className="table-wrap">
              <table className="cases">
                <caption className="visually-hidden">Рейтинг за {range.from} — {range.to}</caption>
                <thead><tr>
                  <th scope="col" className="num">Место</th><th scope="col">{level === 'organisation' ? 'Организация' : 'Муниципалитет'}</th>
                  <th scope="col" className="num">Сообщений</th>{level === 'municipality' && <th scope="col" className="num">На 1000 жителей</th>}
                  <th scope="col" className="num">С ответом</th><th scope="col" className="num">Медиана первого ответа</th>
                  <th scope="col" className="num">Медиана окончательного</th><th scope="col" className="num">В срок</th>
                  <th scope="col" className="num">Возвращено</th><th scope="col" className="num">Оценка</th>
                  <th scope="col" className="num">С окончательным ответом</th><th scope="col" className="num">Просрочено</th>
                  <th scope="col" className="num">Балл</th>
                </tr></thead>
                <tbody>
                  {res.data.items.map((i) => (
                    <tr key={i.key}>
                      <td className="num">{i.rank ?? '—'}</td>
                      <th scope="row"><a href={drill(level, i, range)}>{i.name}</a>
                        {i.unmatched && <>{' '}<span className="badge badge-info" title="Название из импортированного источника, не сопоставленное со справочником организаций: место не присваивается">не сопоставлена</span></>}</th>
                      <td className="num"><a href={drill(level, i, range)}>{formatNumber(i.messages)}</a></td>
                      {level === 'municipality' && <td className="num">{i.perThousandResidents ?? '—'}</td>}
                      <td className="num"><a href={drill(level, i, range, { answered: true })}>{formatNumber(i.answered)}</a></td>
                      <td className="num">{hoursText(i.firstResponseMedianHours)}</td>
                      <td className="num">{hoursText(i.finalAnswerMedianHours)}</td>
                      <td className="num"><a href={drill(level, i, range, { answered: true, late: false })}>{pct(i.onTimeShare)}</a></td>
                      <td className="num">{pct(i.returnedShare)}</td>
                      <td className="num">{i.satisfaction ?? '—'}</td>
                      <td className="num"><a href={drill(level, i, range, { answered: true })}>{pct(i.finalShare)}</a></td>
                      <td className="num"><a href={drill(level, i, range, { late: true })}>{pct(i.overdueShare)}</a></td>
                      <td className="num"><strong>{i.score ?? '—'}</strong></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>Как считается</h2>
            <ul className="muted small">
              <li>Сообщения — поступившие за период (по московскому времени) и отнесённые к организации (муниципалитету) обращения.</li>
              <li>Медианы — по сообщениям с ответом, в календарных часах от поступления до первого ответа (промежуточного или окончательного) и до первого окончательного.</li>
              <li>В срок — доля окончательных ответов не позже срока среди сообщений, у которых есть окончательный ответ или срок уже прошёл.</li>
              <li>Возвращено — доля сообщений с ответом, который контроль качества ЦУР вернул на доработку; оценка — средняя оценка граждан 1–5.</li>
              <li>{res.data.formula}</li>
              <li>Место присваивается при числе сообщений не меньше {res.data.minVolume}.</li>
              <li>«Не сопоставлена» — организация, названная импортированным источником и не найденная в справочнике (ни по названию, ни по псевдонимам): её обращения показаны под названием источника и места не получают, пока название не сопоставят.</li>
            </ul>
          </>
        ))}
    </AnalyticsShell>
  );
}
