// On a project's page: its progress reports and change requests (drafted by the block owner, agreed by the head,
// approved by the curator) and the passport's approved versions with what changed in each.
import { useState } from 'react';
import type { Passport } from '../../../shared/api/projects';
import type { PlanDocumentSummary } from '../../../shared/api/po-plans';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { formatDateTime, moscowIsoDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import {
  createChangeRequest,
  createProgressReport,
  fetchPassportVersions,
  fetchProjectPlanDocuments,
} from './plan-documents-api';
import { ChangeRequestEditor, ChangesTable, PlanDocumentView } from './plan-document-view';
import { ReportForm } from './report-form';

export function ProjectPlanDocuments({
  projectId,
  approvedPassport,
  version,
  onPassportChanged,
}: {
  projectId: number;
  approvedPassport: Passport | null;
  version: string;
  onPassportChanged: () => void;
}) {
  const lists = useResource(`plan-documents:${projectId}:${version}`, (signal) =>
    fetchProjectPlanDocuments(projectId, signal),
  );
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState<'report' | 'change' | null>(null);
  const changed = () => {
    lists.reload();
    onPassportChanged();
  };
  if (lists.error) return <ErrorState error={lists.error} onRetry={lists.reload} />;
  if (!lists.data) return <Loading />;
  const d = lists.data;
  const today = moscowIsoDate(new Date());
  const canCreate = d.canDraft && d.passportApproved && approvedPassport !== null;
  return (
    <>
      <section className="panel" aria-labelledby="reports-title">
        <h2 id="reports-title">Отчёты о ходе реализации</h2>
        {canCreate && creating !== 'report' && (
          <button type="button" className="btn" onClick={() => setCreating('report')}>
            Новый отчёт
          </button>
        )}
        {creating === 'report' && approvedPassport && (
          <ReportForm
            initial={{
              period: { kind: 'month', year: Number(today.slice(0, 4)), number: Number(today.slice(5, 7)) },
              summary: '',
              controlPoints: [],
              results: [],
              deviations: [],
            }}
            points={approvedPassport.controlPoints}
            results={approvedPassport.results.map((r) => ({ ...r, plan: r.value }))}
            deviations={[]}
            submitLabel="Создать отчёт"
            onCancel={() => setCreating(null)}
            onSave={async (input) => {
              const r = await createProgressReport(projectId, input);
              setCreating(null);
              lists.reload();
              setOpen(r.document.id);
            }}
          />
        )}
        <DocumentList items={d.reports} open={open} setOpen={setOpen} empty="Отчётов пока нет." />
      </section>
      <section className="panel" aria-labelledby="changes-title">
        <h2 id="changes-title">Запросы на изменение паспорта</h2>
        {!d.passportApproved && <p className="muted">Запрос на изменение подаётся после утверждения паспорта.</p>}
        {canCreate && creating !== 'change' && (
          <button type="button" className="btn" onClick={() => setCreating('change')}>
            Новый запрос на изменение
          </button>
        )}
        {creating === 'change' && approvedPassport && (
          <ChangeRequestEditor
            initialReason=""
            passport={approvedPassport}
            onCancel={() => setCreating(null)}
            onSave={async (input) => {
              const r = await createChangeRequest(projectId, input);
              setCreating(null);
              lists.reload();
              setOpen(r.document.id);
            }}
          />
        )}
        <DocumentList items={d.changeRequests} open={open} setOpen={setOpen} empty="Запросов на изменение нет." />
      </section>
      {open !== null && <PlanDocumentView key={open} id={open} onChanged={changed} />}
      <PassportVersions projectId={projectId} version={version} />
    </>
  );
}

function DocumentList({
  items,
  open,
  setOpen,
  empty,
}: {
  items: PlanDocumentSummary[];
  open: number | null;
  setOpen: (id: number | null) => void;
  empty: string;
}) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Документ</th>
            <th scope="col">Статус</th>
            <th scope="col">Утверждённая редакция</th>
            <th scope="col">Срок шага</th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={x.id} className={open === x.id ? 'row-selected' : undefined}>
              <td>
                <button
                  type="button"
                  className="sort-button"
                  aria-expanded={open === x.id}
                  onClick={() => setOpen(open === x.id ? null : x.id)}
                >
                  {x.title}
                </button>
              </td>
              <td>{PO_STATUS_LABELS[x.status]}</td>
              <td>{x.approvedVersion ?? '—'}</td>
              <td>{x.stepDueAt ? formatDateTime(x.stepDueAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PassportVersions({ projectId, version }: { projectId: number; version: string }) {
  const versions = useResource(`passport-versions:${projectId}:${version}`, (signal) =>
    fetchPassportVersions(projectId, signal),
  );
  if (versions.error) return <ErrorState error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return null;
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">Редакции паспорта</h2>
      {versions.data.items.length === 0 && <p className="muted">Паспорт ещё не утверждён.</p>}
      {versions.data.items.map((v) => (
        <details key={v.version} open={v.version === versions.data?.items[0]?.version}>
          <summary>
            Редакция {v.version}
            {v.number ? ` (№ ${v.number})` : ''}: утвердил {v.approvedBy} {formatDateTime(v.approvedAt)}
            {v.comment && <span className="muted"> — {v.comment}</span>}
          </summary>
          {v.officialId && (
            <p className="small">
              <a href={`/api/documents/${v.officialId}/files/pdf`}>PDF</a> ·{' '}
              <a href={`/api/documents/${v.officialId}/files/docx`}>DOCX</a>
            </p>
          )}
          {v.version === 1 ? (
            <p className="muted small">Первая утверждённая редакция.</p>
          ) : (
            <ChangesTable changes={v.changes} caption={`Что изменилось в редакции ${v.version}`} />
          )}
        </details>
      ))}
    </section>
  );
}
