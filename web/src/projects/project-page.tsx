// A project's page: its passport (the approved version, and the working copy while a new one goes through the chain),
// the approval actions the signed-in user may take now, plan vs fact of the indicators by month, the control points
// on a timeline, the risks and the history of every approval step.
import { useState } from 'react';
import type { Passport } from '../../../shared/api/projects';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { formatDateTime } from '../common/format';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';
import { ControlPoints } from './control-points';
import { PassportEditor } from './passport-editor';
import { PlanFact } from './plan-fact';
import { fetchProject, savePassport, stepPassport } from './projects-api';
import { ApprovalActions, ApprovalHistory } from './approval';
import { ProjectRisks } from './project-risks';
import { ProjectPlanDocuments } from './project-plan-documents';

export function ProjectPage({ id }: { id: number }) {
  const me = useMe();
  const detail = useResource(`project:${id}`, (signal) => fetchProject(id, signal));
  const [editing, setEditing] = useState(false);
  usePageTitle(detail.data?.project.title ?? 'Проект');
  if (detail.error)
    return (
      <section className="page">
        <ErrorState error={detail.error} onRetry={detail.reload} />
      </section>
    );
  if (!detail.data)
    return (
      <section className="page">
        <Loading />
      </section>
    );
  const d = detail.data;
  const canEdit = d.document.allowed.includes('edit');
  const shown = d.approvedPassport ?? d.passport;
  return (
    <section className="page page-wide" aria-labelledby="project-title">
      <p>
        <a href={href('/projects')}>← Проекты</a>
      </p>
      <div className="page-head">
        <h1 id="project-title">{d.project.title}</h1>
        <p className="muted">
          Блок «{d.project.blockName}» · Паспорт:{' '}
          <strong data-testid="passport-status">{PO_STATUS_LABELS[d.project.status]}</strong>
          {d.project.approvedVersion !== null && <> · утверждённая редакция {d.project.approvedVersion}</>}
          {d.document.stepDueAt && <> · срок шага: {formatDateTime(d.document.stepDueAt)}</>}
        </p>
      </div>
      <ApprovalActions
        document={d.document}
        label="Действия с паспортом"
        onEdit={canEdit && !editing ? () => setEditing(true) : undefined}
        onStep={async (action, comment) => detail.setData(await stepPassport(id, action, comment))}
      />
      {editing && (
        <PassportEditor
          initial={d.passport}
          submitLabel="Сохранить паспорт"
          onCancel={() => setEditing(false)}
          onSave={async (p, comment) => {
            detail.setData(await savePassport(id, p, comment));
            setEditing(false);
          }}
        />
      )}
      {d.approvedPassport && d.project.status !== 'approved' && (
        <p className="panel panel-accent">
          Действует утверждённая редакция {d.project.approvedVersion}; новая редакция «{d.passport.name}» —{' '}
          {PO_STATUS_LABELS[d.project.status].toLowerCase()}.
        </p>
      )}
      <PassportView passport={shown} />
      <PlanFact
        projectId={id}
        canEnter={canEdit || hasPermission(me, 'kpi.manage')}
        version={`${d.project.approvedVersion ?? 0}:${d.document.steps.length}`}
      />
      <section className="panel" aria-labelledby="cp-title">
        <h2 id="cp-title">Контрольные точки</h2>
        <ControlPoints points={shown.controlPoints} />
      </section>
      <ProjectRisks projectId={id} />
      <ProjectPlanDocuments
        projectId={id}
        approvedPassport={d.approvedPassport}
        version={`${d.project.approvedVersion ?? 0}`}
        onPassportChanged={detail.reload}
      />
      <ApprovalHistory document={d.document} />
    </section>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {items.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    </>
  );
}

function PassportView({ passport: p }: { passport: Passport }) {
  return (
    <section className="panel" aria-labelledby="passport-title">
      <h2 id="passport-title">Паспорт</h2>
      <p>
        Куратор: {p.curator || '—'} · Руководитель: {p.head || '—'} · Администратор: {p.administrator || '—'}
      </p>
      <List title="Цели" items={p.goals} />
      <List title="Общественно значимые результаты" items={p.socialResults} />
      <List
        title="Результаты по годам"
        items={p.results.map((r) => `${r.year}: ${r.title}${r.value === null ? '' : ` — ${r.value} ${r.unit}`}`)}
      />
      <List
        title="Команда"
        items={p.team.map((t) => `${t.name}${t.role ? `, ${t.role}` : ''} — ${t.share}% рабочего времени`)}
      />
      <List title="Риски" items={p.risks} />
      <List title="Критерии успешности" items={p.successCriteria} />
    </section>
  );
}
