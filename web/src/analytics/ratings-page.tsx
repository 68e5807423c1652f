// «Рейтинги»: organisations or municipalities for a period, with the formulas and a link from every number to its
// cases. Every column sorts on the page (the order is kept in the address); numbers in one Russian format.
import type { RatingItem, RatingLevel } from '../../../shared/api/analytics';
import { toSearchParams, type CaseQuery } from '../api/case-query';
import { formatDecimal, formatNumber, formatPercent, formatScore } from '../common/format';
import { SortableHeader } from '../common/sortable-header';
import { parseSort, sortRows, sortText, type SortState } from '../common/sortable';
import { ErrorState, Loading, Empty } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';
import { fetchRatings, type DateRange } from './analytics-api';
import { AnalyticsShell, rangeText, useRange } from './analytics-shell';

const hoursText = (h: number | null) => (h === null ? '—' : `${formatDecimal(h)} ч`);
const pct = (v: number | null) => (v === null ? '—' : formatPercent(v));
const score = (v: number | null) => (v === null ? '—' : formatScore(v));

const COLUMNS = {
  rank: (i: RatingItem) => i.rank,
  name: (i: RatingItem) => i.name,
  messages: (i: RatingItem) => i.messages,
  perThousand: (i: RatingItem) => i.perThousandResidents,
  answered: (i: RatingItem) => i.answered,
  firstMedian: (i: RatingItem) => i.firstResponseMedianHours,
  finalMedian: (i: RatingItem) => i.finalAnswerMedianHours,
  onTime: (i: RatingItem) => i.onTimeShare,
  returned: (i: RatingItem) => i.returnedShare,
  satisfaction: (i: RatingItem) => i.satisfaction,
  final: (i: RatingItem) => i.finalShare,
  overdue: (i: RatingItem) => i.overdueShare,
  score: (i: RatingItem) => i.score,
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_KEYS = Object.keys(COLUMNS) as Column[];
const DEFAULT_SORT: SortState<Column> = { key: 'rank', dir: 'asc' };

function drill(level: RatingLevel, item: RatingItem, range: DateRange, extra: CaseQuery = {}): string {
  const base: CaseQuery =
    level === 'municipality'
      ? { municipality: [item.key] }
      : item.unmatched
        ? { sourceOrganisation: item.name }
        : { organisation: [Number(item.key)] };
  return href('/inbox', toSearchParams({ ...base, from: range.from, to: range.to, ...extra }));
}

export function RatingsPage() {
  usePageTitle('Рейтинги');
  const { range, params, set } = useRange();
  const level: RatingLevel = params.get('level') === 'municipality' ? 'municipality' : 'organisation';
  const sort = parseSort(params.get('sort'), COLUMN_KEYS, DEFAULT_SORT);
  const onSort = (next: SortState<Column>) => set({ sort: sortText(next) });
  const res = useResource(`${level}:${range.from}:${range.to}`, (s) => fetchRatings(level, range, s));
  const tools = (
    <div className="field">
      <label htmlFor="an-level">Уровень</label>
      <select id="an-level" value={level} onChange={(e) => set({ level: e.target.value })}>
        <option value="organisation">Органы власти и организации</option>
        <option value="municipality">Муниципалитеты</option>
      </select>
    </div>
  );
  const head = (column: Column, label: string, first: 'asc' | 'desc' = 'desc', title?: string) => (
    <SortableHeader
      column={column}
      sort={sort}
      onSort={onSort}
      firstDir={first}
      className={column === 'name' ? undefined : 'num'}
      title={title}
    >
      {label}
    </SortableHeader>
  );
  return (
    <AnalyticsShell title="Рейтинги" tools={tools}>
      {res.loading && !res.data ? (
        <Loading />
      ) : res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        res.data &&
        (res.data.items.length === 0 ? (
          <Empty>За период нет сообщений.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table className="cases ratings">
                <caption className="visually-hidden">Рейтинг за {rangeText(range)}</caption>
                <thead>
                  <tr>
                    {head('rank', 'Место', 'asc')}
                    {head('name', level === 'organisation' ? 'Организация' : 'Муниципалитет', 'asc')}
                    {head('messages', 'Сообщений')}
                    {level === 'municipality' && head('perThousand', 'На 1000 жителей')}
                    {head('answered', 'С ответом')}
                    {head('firstMedian', 'Первый ответ, медиана', 'asc', 'Медиана времени до первого ответа')}
                    {head('finalMedian', 'Окончат. ответ, медиана', 'asc', 'Медиана времени до окончательного ответа')}
                    {head('onTime', 'В срок')}
                    {head('returned', 'Возвра\u00adщено')}
                    {head('satisfaction', 'Оценка')}
                    {head('final', 'С окончат. ответом', 'desc', 'Доля сообщений с окончательным ответом')}
                    {head('overdue', 'Просро\u00adчено')}
                    {head('score', 'Балл')}
                  </tr>
                </thead>
                <tbody>
                  {sortRows(res.data.items, (i, k) => COLUMNS[k](i), sort).map((i) => (
                    <tr key={i.key}>
                      <td className="num">{i.rank ?? '—'}</td>
                      <th scope="row">
                        <a href={drill(level, i, range)}>{i.name}</a>
                        {i.unmatched && (
                          <>
                            {' '}
                            <span
                              className="badge badge-info"
                              title="Название из импортированного источника, не сопоставленное со справочником организаций: место не присваивается"
                            >
                              не сопоставлена
                            </span>
                          </>
                        )}
                      </th>
                      <td className="num">
                        <a
                          href={drill(level, i, range)}
                          title="Обращения этих сообщений: повторы одной проблемы — одно обращение"
                        >
                          {formatNumber(i.messages)}
                        </a>
                      </td>
                      {level === 'municipality' && <td className="num">{score(i.perThousandResidents)}</td>}
                      <td className="num">
                        <a href={drill(level, i, range, { answered: true })}>{formatNumber(i.answered)}</a>
                      </td>
                      <td className="num">{hoursText(i.firstResponseMedianHours)}</td>
                      <td className="num">{hoursText(i.finalAnswerMedianHours)}</td>
                      <td className="num">
                        <a href={drill(level, i, range, { answered: true, late: false })}>{pct(i.onTimeShare)}</a>
                      </td>
                      <td className="num">{pct(i.returnedShare)}</td>
                      <td className="num">{score(i.satisfaction)}</td>
                      <td className="num">
                        <a href={drill(level, i, range, { answered: true })}>{pct(i.finalShare)}</a>
                      </td>
                      <td className="num">
                        <a href={drill(level, i, range, { late: true })}>{pct(i.overdueShare)}</a>
                      </td>
                      <td className="num">
                        <strong>{score(i.score)}</strong>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>Как считается</h2>
            <ul className="muted small">
              <li>
                Сообщения — поступившие за период (по московскому времени) и отнесённые к организации (муниципалитету)
                обращения.
              </li>
              <li>
                Медианы — по сообщениям с ответом, в календарных часах от поступления до первого ответа (промежуточного
                или окончательного) и до первого окончательного.
              </li>
              <li>
                В срок — доля окончательных ответов не позже срока среди сообщений, у которых есть окончательный ответ
                или срок уже прошёл.
              </li>
              <li>
                Возвращено — доля сообщений с ответом, который контроль качества ЦУР вернул на доработку; оценка —
                средняя оценка граждан 1–5 по сообщениям, поступившим за период, когда бы её ни поставили (раздел
                «Удовлетворённость» ежемесячного доклада считает иначе — оценки, поставленные в месяце).
              </li>
              <li>{res.data.formula}</li>
              <li>Место присваивается при числе сообщений не меньше {formatNumber(res.data.minVolume)}.</li>
              <li>
                Числа открывают «Входящие», а там — обращения: сообщения о той же проблеме, присоединённые к одному
                обращению, в рейтинге считаются каждое, а в списке — одной строкой, поэтому «Найдено» может быть меньше.
              </li>
              <li>
                «Не сопоставлена» — организация, названная импортированным источником и не найденная в справочнике (ни
                по названию, ни по псевдонимам): её обращения показаны под названием источника и места не получают, пока
                название не сопоставят.
              </li>
            </ul>
          </>
        ))
      )}
    </AnalyticsShell>
  );
}
