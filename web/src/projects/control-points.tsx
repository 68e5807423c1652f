// The passport's control points on a timeline: each at its date along the year span of the points, passed ones marked.
import type { Passport } from '../../../shared/api/projects';
import { isoToRuDate, moscowIsoDate } from '../common/format';

export function ControlPoints({ points }: { points: Passport['controlPoints'] }) {
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const today = moscowIsoDate(new Date());
  const start = sorted[0]?.date;
  const end = sorted[sorted.length - 1]?.date;
  if (!start || !end) return <p className="muted">Контрольных точек нет.</p>;
  const first = Date.parse(`${start.slice(0, 4)}-01-01`);
  const last = Date.parse(`${Number(end.slice(0, 4)) + 1}-01-01`);
  const at = (iso: string): number => (100 * (Date.parse(iso) - first)) / (last - first);
  return (
    <div>
      <div className="timeline" aria-hidden="true">
        {today >= start.slice(0, 4) && (
          <span className="timeline-today" style={{ left: `${Math.min(100, Math.max(0, at(today)))}%` }} />
        )}
        {sorted.map((p, i) => (
          <span
            key={i}
            className={`timeline-point${p.date < today ? ' passed' : ''}`}
            style={{ left: `${at(p.date)}%` }}
            title={`${isoToRuDate(p.date)} ${p.title}`}
          />
        ))}
      </div>
      <ol className="timeline-list">
        {sorted.map((p, i) => (
          <li key={i}>
            <strong>{isoToRuDate(p.date)}</strong> — {p.title}{' '}
            <span className="muted small">{p.date < today ? '(срок прошёл)' : '(предстоит)'}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
