// The criteria of a score set (comms.manage): points of each criterion (together 100) and the target of those that
// need one (views a post, growth in %, hours to the first answer). The server checks the sum and the targets again.
import { useEffect, type FormEvent } from 'react';
import { TARGETED_METRICS, type Criterion, type ScoreSet } from '../../../shared/api/public-pages';
import { formatDecimal } from '../common/format';
import { ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { fetchCriteria, saveCriteria } from './comms-api';
import { useForm } from './use-form';

type Row = Criterion & { pointsText: string; targetText: string };
const toNumber = (s: string): number => Number(s.replace(/\s/g, '').replace(',', '.'));

export function CriteriaForm({ set, onSaved }: { set: ScoreSet; onSaved: () => void }) {
  const loaded = useResource(`criteria:${set}`, (s) => fetchCriteria(set, s));
  const { f, set: patch, error, busy, done, fail, run } = useForm({ rows: [] as Row[] });
  useEffect(() => {
    if (loaded.data)
      patch({
        rows: loaded.data.items.map((c) => ({
          ...c,
          pointsText: String(c.points),
          targetText: c.target === null ? '' : String(c.target),
        })),
      });
  }, [loaded.data]);
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const total = f.rows.reduce((s, r) => s + (toNumber(r.pointsText) || 0), 0);
  const change = (i: number, p: Partial<Row>) => patch({ rows: f.rows.map((r, j) => (j === i ? { ...r, ...p } : r)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const items: Criterion[] = [];
    for (const r of f.rows) {
      const points = toNumber(r.pointsText);
      const target = TARGETED_METRICS.includes(r.metric) ? toNumber(r.targetText) : null;
      if (!Number.isFinite(points) || points < 0) {
        fail(`«${r.title}»: баллы — число`);
        return;
      }
      if (target !== null && !(target > 0)) {
        fail(`«${r.title}»: цель — положительное число`);
        return;
      }
      items.push({ metric: r.metric, title: r.title, points, target });
    }
    run(() => saveCriteria(set, items), onSaved, 'Критерии сохранены');
  };
  return (
    <form onSubmit={submit} aria-label={set === 'heads' ? 'Критерии оценки страниц глав' : 'Критерии рейтинга страниц'}>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Критерий</th>
              <th scope="col">Баллы</th>
              <th scope="col">Цель</th>
            </tr>
          </thead>
          <tbody>
            {f.rows.map((r, i) => (
              <tr key={r.metric}>
                <td>{r.title}</td>
                <td>
                  <input
                    aria-label={`Баллы: ${r.title}`}
                    inputMode="decimal"
                    size={5}
                    value={r.pointsText}
                    onChange={(e) => change(i, { pointsText: e.target.value })}
                  />
                </td>
                <td>
                  {TARGETED_METRICS.includes(r.metric) ? (
                    <input
                      aria-label={`Цель: ${r.title}`}
                      inputMode="decimal"
                      size={6}
                      value={r.targetText}
                      onChange={(e) => change(i, { targetText: e.target.value })}
                    />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small">Сумма баллов: {formatDecimal(total)} из 100.</p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Сохранить критерии
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}
