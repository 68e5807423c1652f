import { toSearchParams } from '../api/case-query';
import { formatNumber, formatPercent } from '../common/format';
import { href } from '../router/router';
import type { Figure } from './analytics-source';

export function inboxHref(figure: Figure): string {
  return href('/inbox', toSearchParams(figure.query));
}

/**
 * The figure's numbers as a table of links: the keyboard and screen-reader route to the same cases. Shares are of
 * `total` when the figures are a part of it (the top categories of the period), else of their sum.
 */
export function FigureTable({
  figures,
  caption,
  heading = 'Показатель',
  total: whole,
  open = false,
}: {
  figures: readonly Figure[];
  caption: string;
  heading?: string;
  total?: number;
  open?: boolean;
}) {
  const total = whole ?? figures.reduce((s, f) => s + f.count, 0);
  return (
    <details className="figure-table" open={open}>
      <summary>Таблица данных</summary>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="num">
              Обращений
            </th>
            <th scope="col" className="num">
              Доля
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.key}>
              <th scope="row">
                <a href={inboxHref(f)}>{f.label}</a>
              </th>
              <td className="num">{formatNumber(f.count)}</td>
              <td className="num">{total ? formatPercent(f.count / total) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
