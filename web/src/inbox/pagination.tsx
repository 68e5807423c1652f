import { formatNumber } from '../common/format';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
}

export const PAGE_SIZES = [25, 50, 100] as const;

export function Pagination({ page, pageSize, total, onPage, onPageSize }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label="Страницы списка">
      <span className="muted">
        {formatNumber(first)}–{formatNumber(last)} из {formatNumber(total)}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={page <= 1}
        onClick={() => onPage(1)}
        aria-label="Первая страница"
      >
        «
      </button>
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Назад
      </button>
      <span aria-current="page">
        Страница {page} из {pages}
      </span>
      <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Вперёд
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={page >= pages}
        onClick={() => onPage(pages)}
        aria-label="Последняя страница"
      >
        »
      </button>
      {onPageSize && (
        <label className="inline-field">
          По
          <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          на странице
        </label>
      )}
    </nav>
  );
}
