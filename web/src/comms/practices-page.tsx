// «Практики и рекомендации»: the library of practices, searched by words (the same search executors use), and the
// recommendations to bodies with owner, due date, overdue mark and follow-up notes.
import { useState } from 'react';
import { PRACTICE_STATUS_LABELS, RECOMMENDATION_STATUS_LABELS } from '../../../shared/api/practices';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { isoToRuDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { fetchPractices, fetchRecommendations } from './comms-api';
import { CommsShell } from './comms-shell';
import { FollowUpForm, PracticeForm, RecommendationForm } from './practice-forms';

export function PracticesPage() {
  usePageTitle('Практики и рекомендации');
  const me = useMe();
  const canManage = hasPermission(me, 'comms.manage');
  const [reloads, setReloads] = useState(0);
  const [q, setQ] = useState('');
  const practices = useResource(`practices:${q}:${reloads}`, (s) => fetchPractices(q, s), { keepPrevious: true });
  const recs = useResource(`recommendations:${reloads}`, fetchRecommendations, { keepPrevious: true });
  const changed = () => setReloads((n) => n + 1);
  return (
    <CommsShell title="Практики и рекомендации">
      <div className="list-toolbar">
        <label className="field">
          Поиск по практикам
          <input type="search" value={q} placeholder="слова из жалобы" onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {practices.error ? (
        <ErrorState error={practices.error} onRetry={practices.reload} />
      ) : !practices.data ? (
        <Loading />
      ) : practices.data.items.length === 0 ? (
        <Empty>Практик не найдено.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Библиотека практик">
            <thead>
              <tr>
                <th scope="col">Практика</th>
                <th scope="col">Проблема</th>
                <th scope="col">Решение и эффект</th>
                <th scope="col">Где работает</th>
                <th scope="col">Статус</th>
              </tr>
            </thead>
            <tbody>
              {practices.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.title}
                    {p.category ? <div className="muted small">{p.category}</div> : null}
                  </td>
                  <td>{p.problem}</td>
                  <td>
                    {p.solution}
                    {p.effect ? <div className="small">Эффект: {p.effect}</div> : null}
                    {p.documents ? <div className="muted small">{p.documents}</div> : null}
                  </td>
                  <td>{p.place || '—'}</td>
                  <td>{PRACTICE_STATUS_LABELS[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && <PracticeForm onSaved={changed} />}
      <h2>Рекомендации органам</h2>
      {recs.error ? (
        <ErrorState error={recs.error} onRetry={recs.reload} />
      ) : !recs.data ? (
        <Loading />
      ) : recs.data.items.length === 0 ? (
        <Empty>Рекомендаций пока нет.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Рекомендации органам">
            <thead>
              <tr>
                <th scope="col">Кому</th>
                <th scope="col">Рекомендация</th>
                <th scope="col">Ответственный, срок</th>
                <th scope="col">Исполнение</th>
              </tr>
            </thead>
            <tbody>
              {recs.data.items.map((r) => (
                <tr key={r.id} className={r.overdue ? 'row-alert' : undefined}>
                  <td>{r.organisation}</td>
                  <td>
                    {r.text}
                    {r.practice ? <div className="muted small">по практике «{r.practice}»</div> : null}
                  </td>
                  <td>
                    {r.ownerName}
                    <div className="small">
                      до {isoToRuDate(r.dueOn)}
                      {r.overdue && <span className="badge badge-alert">Просрочена</span>}
                    </div>
                  </td>
                  <td>
                    {RECOMMENDATION_STATUS_LABELS[r.status]}
                    {r.followUp ? <div className="small pre-line">{r.followUp}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && <RecommendationForm practices={practices.data?.items ?? []} onSaved={changed} />}
      {canManage && recs.data && recs.data.items.length > 0 && (
        <FollowUpForm recommendations={recs.data.items} onSaved={changed} />
      )}
    </CommsShell>
  );
}
