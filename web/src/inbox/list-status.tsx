import { errorMessage } from '../api/client';
import { formatNumber, formatTime, NOUNS, plural } from '../common/format';

interface Props {
  total: number | null;
  loading: boolean;
  error: unknown;
  updatedAt: Date | null;
  auto: boolean;
  onAuto: (auto: boolean) => void;
  onReload: () => void;
}

/** "Найдено 123 обращения · обновлено 12:00:05 · [x] автообновление · Обновить". */
export function ListStatus({ total, loading, error, updatedAt, auto, onAuto, onReload }: Props) {
  return (
    <div className="list-status">
      <p className="total" aria-live="polite" aria-atomic="true">
        {total === null ? ' ' : `Найдено ${formatNumber(total)} ${plural(total, NOUNS.case)}`}
      </p>
      <span className="muted small">
        {loading ? 'Обновление…' : updatedAt ? `Обновлено в ${formatTime(updatedAt)} (МСК)` : ''}
      </span>
      {error !== null && total !== null && (
        <span className="text-danger small" role="alert">
          Не удалось обновить: {errorMessage(error)}
        </span>
      )}
      <label className="check small">
        <input type="checkbox" checked={auto} onChange={(e) => onAuto(e.target.checked)} /> Автообновление каждые 30 с
      </label>
      <button type="button" className="btn btn-small" onClick={onReload} disabled={loading}>
        Обновить
      </button>
    </div>
  );
}
