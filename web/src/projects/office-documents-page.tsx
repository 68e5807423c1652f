// «Группы и доп. показатели»: compositions of working and expert groups (the block owner proposes, the curator
// approves) and additional indicators (the curator approves; approval adds the indicator to «Показатели»). A row
// opens the document with the steps the signed-in user may take and its history.
import { useState } from 'react';
import { groupContentSchema, indicatorContentSchema } from '../../../shared/api/po-documents';
import type { PoDocument } from '../../../shared/api/projects';
import { APPROVAL_CHAINS, PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { formatDateTime, isoToRuDate } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';
import { ApprovalActions, ApprovalHistory } from './approval';
import {
  createOfficeDocument,
  fetchOfficeDocument,
  fetchOfficeDocuments,
  stepOfficeDocument,
} from './office-documents-api';
import { lines } from './passport-text';

export function OfficeDocumentsPage() {
  usePageTitle('Группы и дополнительные показатели');
  const list = useResource('po-documents', (signal) => fetchOfficeDocuments(signal));
  const [open, setOpen] = useState<number | null>(null);
  const groupBlock = list.data?.canPropose.groupBlock ?? null;
  return (
    <section className="page page-wide" aria-labelledby="office-docs-title">
      <p>
        <a href={href('/projects')}>← Проекты</a>
      </p>
      <div className="page-head">
        <h1 id="office-docs-title">Рабочие группы и дополнительные показатели</h1>
        <p className="muted">
          Состав группы предлагает ответственный за блок, утверждает куратор; дополнительные показатели утверждает
          куратор
        </p>
      </div>
      {groupBlock && (
        <GroupForm
          blockCode={groupBlock}
          onCreated={(id) => {
            list.reload();
            setOpen(id);
          }}
        />
      )}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 && <Empty>Документов пока нет.</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Документ</th>
                <th scope="col">Вид</th>
                <th scope="col">Статус</th>
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
                  <td>{APPROVAL_CHAINS[d.type].label}</td>
                  <td>{PO_STATUS_LABELS[d.status]}</td>
                  <td>{d.stepDueAt ? formatDateTime(d.stepDueAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && <OfficeDocument key={open} id={open} onChanged={list.reload} />}
    </section>
  );
}

function OfficeDocument({ id, onChanged }: { id: number; onChanged: () => void }) {
  const doc = useResource(`po-document:${id}`, (signal) => fetchOfficeDocument(id, signal));
  if (doc.error) return <ErrorState error={doc.error} onRetry={doc.reload} />;
  if (!doc.data) return <Loading />;
  const d = doc.data;
  return (
    <div>
      <h2>
        {d.document.title}{' '}
        <span className="muted small" data-testid="office-doc-status">
          {PO_STATUS_LABELS[d.document.status]}
        </span>
      </h2>
      <Content type={d.document.type} content={d.approvedContent ?? d.content} />
      <ApprovalActions
        document={d.document}
        label="Действия с документом"
        onStep={async (action, comment) => {
          doc.setData(await stepOfficeDocument(id, action, comment));
          onChanged();
        }}
      />
      <ApprovalHistory document={d.document} />
    </div>
  );
}

function Content({ type, content }: { type: PoDocument['type']; content: unknown }) {
  if (type === 'group') {
    const g = groupContentSchema.safeParse(content);
    if (!g.success) return null;
    return (
      <section className="panel" aria-label="Состав группы">
        <p>
          {g.data.kind === 'expert' ? 'Экспертная группа' : 'Рабочая группа'}
          {g.data.purpose && ` · ${g.data.purpose}`}
        </p>
        <ul>
          {g.data.members.map((m, i) => (
            <li key={i}>
              {m.name}
              {m.role && `, ${m.role}`}
              {m.organisation && ` (${m.organisation})`}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const k = indicatorContentSchema.safeParse(content);
  if (!k.success) return null;
  return (
    <section className="panel" aria-label="Показатель">
      <p>
        {k.data.title} · код {k.data.code} · срок {isoToRuDate(k.data.deadline)}
      </p>
      <p className="muted small">
        Результат федерального проекта: {k.data.federalResult || '—'} · Результат проекта: {k.data.projectResult || '—'}
      </p>
      <p>
        Цели:{' '}
        {k.data.targets.map((t) => `${t.year} — ${t.target}${k.data.unit ? ` ${k.data.unit}` : ''}`).join('; ') || '—'}
      </p>
    </section>
  );
}

function GroupForm({ blockCode, onCreated }: { blockCode: string; onCreated: (id: number) => void }) {
  const [f, setF] = useState({ name: '', kind: 'working' as 'working' | 'expert', purpose: '', members: '' });
  const [error, setError] = useState<unknown>(null);
  async function submit(): Promise<void> {
    setError(null);
    const members = lines(f.members).map((l) => {
      const [name = '', role = '', organisation = ''] = l.split(';').map((s) => s.trim());
      return { name, role, organisation };
    });
    try {
      const created = await createOfficeDocument({
        type: 'group',
        blockCode,
        content: { name: f.name, kind: f.kind, purpose: f.purpose, projectId: null, members },
      });
      setF({ name: '', kind: 'working', purpose: '', members: '' });
      onCreated(created.document.id);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form
      className="panel"
      aria-label="Новый состав группы"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Предложить состав группы</h2>
      <label className="field">
        Название группы <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
      </label>
      <label className="inline-field">
        Вид{' '}
        <select
          value={f.kind}
          onChange={(e) => setF({ ...f, kind: e.target.value === 'expert' ? 'expert' : 'working' })}
        >
          <option value="working">рабочая</option>
          <option value="expert">экспертная</option>
        </select>
      </label>
      <label className="field">
        Задача группы <input value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value })} />
      </label>
      <label className="field">
        Участники <span className="muted small">(Имя; роль; организация — по одному в строке)</span>
        <textarea rows={3} value={f.members} onChange={(e) => setF({ ...f, members: e.target.value })} />
      </label>
      <FormMessage error={error} />
      <button type="submit" className="btn btn-primary">
        Создать черновик
      </button>
    </form>
  );
}
