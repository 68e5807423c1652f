// One progress report, change request or consolidated plan: its content (the approved version, or the working copy
// while a new one goes through the chain), the steps the signed-in user may take now (the server's `allowed`), the
// form to edit it, the registration numbers with PDF and DOCX, and the history of every step.
import { useState, type ReactNode } from 'react';
import type {
  ChangeRequestContent,
  ConsolidatedPlanContent,
  PassportChange,
  PlanDocumentDetail,
  PlanPart,
  ProgressReportContent,
} from '../../../shared/api/po-plans';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { POINT_STATUS_LABELS } from '../../../shared/projects/plan-rules';
import { formatDateTime, isoToRuDate } from '../common/format';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { ApprovalActions, ApprovalHistory } from './approval';
import { editPlanDocument, fetchPlanDocument, stepPlanDocument } from './plan-documents-api';
import { PlanForm, planInputOf } from './plan-form';
import { ReportForm, reportInputOf } from './report-form';
import { PassportEditor } from './passport-editor';

const fmt = (n: number | null): string => (n === null ? '—' : n.toLocaleString('ru-RU', { maximumFractionDigits: 1 }));
const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

export function PlanDocumentView({ id, onChanged }: { id: number; onChanged: () => void }) {
  const doc = useResource(`plan-document:${id}`, (signal) => fetchPlanDocument(id, signal));
  const [editing, setEditing] = useState(false);
  if (doc.error) return <ErrorState error={doc.error} onRetry={doc.reload} />;
  if (!doc.data) return <Loading />;
  const d = doc.data;
  const canEdit = d.document.allowed.includes('edit');
  const saved = (next: PlanDocumentDetail) => {
    doc.setData(next);
    setEditing(false);
    onChanged();
  };
  const working = d.document.status !== 'approved' && d.document.versions.length > 0;
  return (
    <article className="panel" aria-label={d.document.title}>
      <h3>
        {d.document.title}{' '}
        <span className="muted small" data-testid="plan-doc-status">
          {PO_STATUS_LABELS[d.document.status]}
        </span>
      </h3>
      {d.document.stepDueAt && <p className="muted small">Срок шага: {formatDateTime(d.document.stepDueAt)}</p>}
      <ApprovalActions
        document={d.document}
        label="Действия с документом"
        onEdit={canEdit && !editing ? () => setEditing(true) : undefined}
        onStep={async (action, comment) => {
          doc.setData(await stepPlanDocument(id, action, comment));
          onChanged();
        }}
      />
      {editing && d.report && (
        <ReportForm
          initial={reportInputOf(d.report.content)}
          points={d.report.content.controlPoints}
          results={d.report.content.results}
          deviations={d.report.content.deviations}
          submitLabel="Сохранить отчёт"
          onCancel={() => setEditing(false)}
          onSave={async (input, comment) => saved(await editPlanDocument(id, input, comment))}
        />
      )}
      {editing && d.changeRequest && (
        <ChangeRequestEditor
          initialReason={d.changeRequest.content.reason}
          passport={d.changeRequest.content.passport}
          onCancel={() => setEditing(false)}
          onSave={async (input, comment) => saved(await editPlanDocument(id, input, comment))}
        />
      )}
      {editing && d.plan && (
        <PlanForm
          initial={planInputOf(d.plan.content, d.plan.blockCode)}
          submitLabel="Сохранить план"
          onCancel={() => setEditing(false)}
          onSave={async (input, comment) => saved(await editPlanDocument(id, input, comment))}
        />
      )}
      {working && (
        <p className="panel panel-accent">
          Показана новая редакция ({PO_STATUS_LABELS[d.document.status].toLowerCase()}); действует утверждённая редакция{' '}
          {d.document.versions.length}.
        </p>
      )}
      {d.report && <ReportView report={d.report.content} />}
      {d.changeRequest && <ChangeRequestView request={d.changeRequest.content} />}
      {d.plan && <PlanPartsView parts={d.plan.parts} />}
      {d.plan && <PlanContentSummary plan={d.plan.content} />}
      <Registered registered={d.registered} />
      <ApprovalHistory document={d.document} />
    </article>
  );
}

export function ChangeRequestEditor({
  initialReason,
  passport,
  onSave,
  onCancel,
}: {
  initialReason: string;
  passport: ChangeRequestContent['passport'];
  onSave: (input: { reason: string; passport: ChangeRequestContent['passport'] }, comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState(initialReason);
  return (
    <div className="panel">
      <label className="field">
        Обоснование изменения <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <PassportEditor
        initial={passport}
        submitLabel="Сохранить запрос"
        onCancel={onCancel}
        onSave={(p, comment) => onSave({ reason, passport: p }, comment)}
      />
    </div>
  );
}

function Registered({ registered }: { registered: PlanDocumentDetail['registered'] }) {
  if (registered.length === 0) return null;
  return (
    <p className="muted small">
      {registered.map((r) => (
        <span key={r.number}>
          Редакция {r.version} зарегистрирована № {r.number}:{' '}
          <a href={`/api/documents/${r.documentId}/files/pdf`}>PDF</a>{' '}
          <a href={`/api/documents/${r.documentId}/files/docx`}>DOCX</a>{' '}
        </span>
      ))}
    </p>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function ReportView({ report: r }: { report: ProgressReportContent }) {
  return (
    <div>
      <p>
        Период: {r.periodLabel} ({isoToRuDate(r.from)} — {isoToRuDate(r.to)}) · редакция паспорта{' '}
        {r.passportVersion ?? '—'}
      </p>
      {r.summary && <p>{r.summary}</p>}
      <h4>Показатели: план и факт</h4>
      <Table caption="Показатели" head={['Показатель', 'План', 'Факт', 'Отклонение', 'По месяцам (план / факт)']}>
        {r.indicators.map((i) => (
          <tr key={i.code}>
            <td>
              {i.title}
              {i.unit ? `, ${i.unit}` : ''}
              {i.computed && <span className="muted small"> (по данным платформы)</span>}
            </td>
            <td className="num">{fmt(i.plan)}</td>
            <td className="num">
              {fmt(i.fact)}
              {i.factMonth !== null && <span className="muted small"> ({MONTHS[i.factMonth - 1]})</span>}
            </td>
            <td className={`num${i.deviation !== null && i.deviation < 0 ? ' text-danger' : ''}`}>
              {fmt(i.deviation)}
            </td>
            <td className="small">
              {i.months.map((m) => `${MONTHS[m.month - 1] ?? ''}: ${fmt(m.plan)} / ${fmt(m.fact)}`).join('; ')}
            </td>
          </tr>
        ))}
      </Table>
      {r.results.length > 0 && (
        <>
          <h4>Результаты {r.period.year} года</h4>
          <Table caption="Результаты" head={['Результат', 'План', 'Факт', 'Комментарий']}>
            {r.results.map((x) => (
              <tr key={x.title}>
                <td>{x.title}</td>
                <td className="num">
                  {fmt(x.plan)} {x.unit}
                </td>
                <td className="num">{fmt(x.fact)}</td>
                <td>{x.comment}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      <h4>Контрольные точки</h4>
      <Table caption="Контрольные точки" head={['Контрольная точка', 'Срок', 'Выполнена', 'Состояние', 'Комментарий']}>
        {r.controlPoints.map((c) => (
          <tr key={c.title}>
            <td>{c.title}</td>
            <td>{isoToRuDate(c.date)}</td>
            <td>{c.doneDate ? isoToRuDate(c.doneDate) : '—'}</td>
            <td>
              <span className={`badge point-${c.status}`}>{POINT_STATUS_LABELS[c.status]}</span>
            </td>
            <td>{c.comment}</td>
          </tr>
        ))}
      </Table>
      <h4>Отклонения, причины и меры</h4>
      {r.deviations.length === 0 ? (
        <p className="muted">Отклонений нет.</p>
      ) : (
        <Table caption="Отклонения" head={['Отклонение', 'Причина', 'Меры']}>
          {r.deviations.map((x) => (
            <tr key={x.subject}>
              <td>{x.subject}</td>
              <td>{x.explanation || <span className="text-danger">не указана</span>}</td>
              <td>{x.measures || <span className="text-danger">не указаны</span>}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

const CHANGE_LABELS: Record<PassportChange['change'], string> = {
  added: 'Добавлено',
  removed: 'Исключено',
  changed: 'Изменено',
};

export function ChangesTable({ changes, caption }: { changes: PassportChange[]; caption: string }) {
  if (changes.length === 0) return <p className="muted">Изменений нет.</p>;
  return (
    <Table caption={caption} head={['Раздел', 'Что', 'Изменение', 'Было', 'Стало']}>
      {changes.map((c, i) => (
        <tr key={i}>
          <td>{c.field}</td>
          <td>{c.item}</td>
          <td>{CHANGE_LABELS[c.change]}</td>
          <td>{c.before ?? '—'}</td>
          <td>{c.after ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

function ChangeRequestView({ request }: { request: ChangeRequestContent }) {
  return (
    <div>
      <p>
        Изменяет редакцию паспорта {request.baseVersion}. Обоснование: {request.reason}
      </p>
      <h4>Что меняется</h4>
      <ChangesTable changes={request.changes} caption="Что меняется" />
    </div>
  );
}

function PlanPartsView({ parts }: { parts: PlanPart[] }) {
  const done = parts.filter((p) => p.status === 'done').length;
  return (
    <div>
      <h4>
        План и факт: выполнено {done} из {parts.length}
      </h4>
      <Table
        caption="Контрольные точки и мероприятия плана"
        head={['Срок', 'Что', 'Проект', 'Ответственный', 'Выполнено', 'Состояние', 'Источник факта']}
      >
        {parts.map((p) => (
          <tr key={`${p.kind}:${p.projectId ?? ''}:${p.title}`}>
            <td>{isoToRuDate(p.date)}</td>
            <td>
              {p.kind === 'measure' ? 'Мероприятие: ' : ''}
              {p.title}
            </td>
            <td>{p.projectId === null ? '—' : <a href={`#/projects/${p.projectId}`}>{p.projectTitle}</a>}</td>
            <td>{p.responsible || '—'}</td>
            <td>{p.doneDate ? isoToRuDate(p.doneDate) : '—'}</td>
            <td>
              <span className={`badge point-${p.status}`}>{POINT_STATUS_LABELS[p.status]}</span>
            </td>
            <td className="small">{p.factSource ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function PlanContentSummary({ plan }: { plan: ConsolidatedPlanContent }) {
  return (
    <p className="muted small">
      Тема: {plan.topic} · год {plan.year}
    </p>
  );
}
