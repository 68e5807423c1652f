// «Сводные планы»: consolidated plans per topic. The head forms a plan from control points of several projects and
// its own measures and sends it to the curator, who approves or returns it; a row opens the plan with plan vs fact of
// its parts, the steps the signed-in user may take and the history.
import { useState } from 'react';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { formatDateTime } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { href } from '../router/router';
import { createPlan, fetchPlans } from './plan-documents-api';
import { PlanDocumentView } from './plan-document-view';
import { PlanForm } from './plan-form';

export function PlansPage() {
  usePageTitle('Сводные планы');
  const { ref, blockName } = useReference();
  const list = useResource('consolidated-plans', (signal) => fetchPlans(signal));
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <section className="page page-wide" aria-labelledby="plans-title">
      <p>
        <a href={href('/projects')}>← Проекты</a>
      </p>
      <div className="page-head">
        <h1 id="plans-title">Сводные планы</h1>
        <p className="muted">
          Формирует руководитель ЦУР, утверждает куратор. Факт контрольных точек — из утверждённых отчётов о ходе
          реализации проектов
        </p>
      </div>
      {list.data?.canCreate && !creating && (
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          Новый сводный план
        </button>
      )}
      {creating && (
        <PlanForm
          initial={{ blockCode: ref.blocks[0]?.code ?? '', topic: '', year: new Date().getFullYear(), items: [] }}
          submitLabel="Создать план"
          onCancel={() => setCreating(false)}
          onSave={async (input) => {
            const d = await createPlan(input);
            setCreating(false);
            list.reload();
            setOpen(d.document.id);
          }}
        />
      )}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 && <Empty>Сводных планов пока нет.</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">План</th>
                <th scope="col">Тема</th>
                <th scope="col">Статус</th>
                <th scope="col">Утверждённая редакция</th>
                <th scope="col">Срок шага</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id} className={open === d.id ? 'row-selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="sort-button"
                      aria-expanded={open === d.id}
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {d.title}
                    </button>
                  </td>
                  <td>{blockName(d.blockCode)}</td>
                  <td>{PO_STATUS_LABELS[d.status]}</td>
                  <td>{d.approvedVersion ?? '—'}</td>
                  <td>{d.stepDueAt ? formatDateTime(d.stepDueAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && <PlanDocumentView key={open} id={open} onChanged={list.reload} />}
    </section>
  );
}
