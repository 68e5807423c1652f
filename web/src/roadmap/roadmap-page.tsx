// «Дорожная карта ЦУР»: one roadmap per year (#/roadmap?id=N) — its items, the agreement with АНО «Диалог Регионы»,
// the changes against the previous approved version (added / removed / changed with the fields), the approval chain
// (executive secretary → head → curator) and every approved version with its own changes and registered number.
import { useState } from 'react';
import {
  ROADMAP_ITEM_STATUSES,
  ROADMAP_ITEM_STATUS_LABELS,
  type RoadmapChange,
  type RoadmapDetail,
  type RoadmapItem,
} from '../../../shared/api/roadmap';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { ROADMAP_CHANGE_LABELS } from '../../../shared/projects/roadmap-diff';
import { formatDateTime, isoToRuDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { ApprovalActions, ApprovalHistory } from '../projects/approval';
import { href, navigate, useLocation } from '../router/router';
import { createRoadmap, fetchRoadmap, fetchRoadmaps, saveRoadmap, stepRoadmap } from './roadmap-api';

export function RoadmapPage() {
  const { params } = useLocation();
  const id = Number(params.get('id') ?? 0);
  return id > 0 ? <RoadmapView id={id} /> : <RoadmapList />;
}

function RoadmapList() {
  usePageTitle('Дорожная карта');
  const list = useResource('roadmaps', (signal) => fetchRoadmaps(signal));
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="page page-wide" aria-labelledby="roadmap-title">
      <p>
        <a href={href('/projects')}>← Проекты</a>
      </p>
      <div className="page-head">
        <h1 id="roadmap-title">Дорожная карта ЦУР</h1>
        <p className="muted">Согласуется с АНО «Диалог Регионы», обновляется ежегодно (п. 9–10 положения)</p>
      </div>
      {list.data?.canCreate && (
        <form
          className="list-toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            createRoadmap(year).then((r) => navigate('/roadmap', { id: String(r.document.id) }), setError);
          }}
        >
          <label className="inline-field">
            Год{' '}
            <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} min={2020} max={2100} />
          </label>
          <button type="submit" className="btn">
            Новая дорожная карта
          </button>
          <FormMessage error={error} />
        </form>
      )}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 && <Empty>Дорожных карт пока нет.</Empty>}
      <ul>
        {list.data?.items.map((r) => (
          <li key={r.id}>
            <a href={href('/roadmap', { id: String(r.id) })}>{r.title}</a>{' '}
            <span className="muted small">
              {PO_STATUS_LABELS[r.status as keyof typeof PO_STATUS_LABELS] ?? r.status}
              {r.approvedVersion ? ` · действует редакция ${r.approvedVersion}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ChangesTable({ changes, label }: { changes: RoadmapChange[]; label: string }) {
  if (changes.length === 0) return <p className="muted">Изменений нет.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Изменение</th>
            <th scope="col">Мероприятие</th>
            <th scope="col">Что изменено</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.change}:${c.key}`} data-change={c.change}>
              <td>{ROADMAP_CHANGE_LABELS[c.change]}</td>
              <td>{c.measure}</td>
              <td>
                {c.fields.map((f) => (
                  <div key={f.field}>
                    {f.field}: {f.before} → {f.after}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoadmapView({ id }: { id: number }) {
  const data = useResource(`roadmap:${id}`, (signal) => fetchRoadmap(id, signal));
  const [editing, setEditing] = useState(false);
  usePageTitle(data.data?.document.title ?? 'Дорожная карта');
  if (data.error)
    return (
      <section className="page">
        <ErrorState error={data.error} onRetry={data.reload} />
      </section>
    );
  if (!data.data)
    return (
      <section className="page">
        <Loading />
      </section>
    );
  const r = data.data;
  const canEdit = r.document.allowed.includes('edit');
  return (
    <section className="page page-wide" aria-labelledby="roadmap-title">
      <p>
        <a href={href('/roadmap')}>← Дорожные карты</a>
      </p>
      <div className="page-head">
        <h1 id="roadmap-title">
          {r.document.title}{' '}
          <span className="muted small" data-testid="roadmap-status">
            {PO_STATUS_LABELS[r.document.status]}
          </span>
        </h1>
        <p className="muted">
          Согласование с АНО «Диалог Регионы»:{' '}
          {r.content.dialogAgreement.date
            ? `${isoToRuDate(r.content.dialogAgreement.date)}, ${r.content.dialogAgreement.reference}`
            : 'не отмечено'}
        </p>
      </div>
      {editing ? (
        <RoadmapEditor
          detail={r}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            data.setData(next);
            setEditing(false);
          }}
        />
      ) : (
        <ItemsTable items={r.content.items} />
      )}
      <section className="panel" aria-label="Изменения к предыдущей утверждённой редакции">
        <h2>Изменения {r.base ? `к редакции ${r.base.version} («${r.base.title}»)` : '(первая редакция)'}</h2>
        <ChangesTable changes={r.changes} label="Изменения текущей редакции" />
      </section>
      {!editing && (
        <ApprovalActions
          document={r.document}
          label="Действия с дорожной картой"
          onEdit={canEdit ? () => setEditing(true) : undefined}
          onStep={async (action, comment) => data.setData(await stepRoadmap(id, action, comment))}
        />
      )}
      {r.versions.length > 0 && (
        <section className="panel" aria-label="Утверждённые редакции">
          <h2>Утверждённые редакции</h2>
          {r.versions.map((v) => (
            <details key={v.version}>
              <summary>
                Редакция {v.version}: утвердил {v.approvedBy} {formatDateTime(v.approvedAt)}
                {v.documentNumber && `, № ${v.documentNumber}`} — изменений: {v.changes.length}
              </summary>
              <ChangesTable changes={v.changes} label={`Изменения редакции ${v.version}`} />
            </details>
          ))}
        </section>
      )}
      <ApprovalHistory document={r.document} />
    </section>
  );
}

function ItemsTable({ items }: { items: RoadmapItem[] }) {
  if (items.length === 0) return <Empty>Мероприятий пока нет.</Empty>;
  return (
    <div className="table-wrap">
      <table aria-label="Мероприятия дорожной карты">
        <thead>
          <tr>
            <th scope="col">№</th>
            <th scope="col">Мероприятие</th>
            <th scope="col">Блок</th>
            <th scope="col">Ответственный</th>
            <th scope="col">Срок</th>
            <th scope="col">Статус</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.key}>
              <td>{i.key}</td>
              <td>{i.measure}</td>
              <td>{i.block || 'ЦУР в целом'}</td>
              <td>{i.owner}</td>
              <td>{isoToRuDate(i.dueDate)}</td>
              <td>{ROADMAP_ITEM_STATUS_LABELS[i.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoadmapEditor({
  detail,
  onCancel,
  onSaved,
}: {
  detail: RoadmapDetail;
  onCancel: () => void;
  onSaved: (d: RoadmapDetail) => void;
}) {
  const [items, setItems] = useState<RoadmapItem[]>(detail.content.items);
  const [agreedOn, setAgreedOn] = useState<string | undefined>(detail.content.dialogAgreement.date ?? undefined);
  const [reference, setReference] = useState(detail.content.dialogAgreement.reference);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const set = (i: number, patch: Partial<RoadmapItem>): void =>
    setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const year = detail.content.year;
  async function save(): Promise<void> {
    setError(null);
    try {
      onSaved(
        await saveRoadmap(detail.document.id, {
          items,
          dialogAgreement: { date: agreedOn ?? null, reference },
          comment,
        }),
      );
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form
      className="panel"
      aria-label="Изменить дорожную карту"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Согласование с АНО «Диалог Регионы»</legend>
        <div className="list-toolbar">
          <RuDateInput id="dialog-date" label="Дата согласования" value={agreedOn} onCommit={setAgreedOn} />
          <label className="field">
            Реквизиты письма <input value={reference} onChange={(e) => setReference(e.target.value)} />
          </label>
        </div>
      </fieldset>
      {items.map((item, i) => (
        <fieldset key={item.key || `new-${i}`} aria-label={`Мероприятие ${i + 1}`}>
          <legend>Мероприятие {item.key || 'новое'}</legend>
          <div className="list-toolbar">
            <label className="field">
              Мероприятие{' '}
              <input value={item.measure} onChange={(e) => set(i, { measure: e.target.value })} required size={40} />
            </label>
            <label className="field">
              Блок (код) <input value={item.block} onChange={(e) => set(i, { block: e.target.value })} size={8} />
            </label>
            <label className="field">
              Ответственный <input value={item.owner} onChange={(e) => set(i, { owner: e.target.value })} required />
            </label>
            <RuDateInput
              id={`item-due-${i}`}
              label="Срок"
              value={item.dueDate || undefined}
              onCommit={(d) => set(i, { dueDate: d ?? '' })}
              required
            />
            <label className="field">
              Статус
              <select
                value={item.status}
                onChange={(e) =>
                  set(i, { status: ROADMAP_ITEM_STATUSES.find((s) => s === e.target.value) ?? 'planned' })
                }
              >
                {ROADMAP_ITEM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {ROADMAP_ITEM_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="btn btn-small" onClick={() => setItems(items.filter((_, j) => j !== i))}>
              Исключить
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() =>
          setItems([
            ...items,
            { key: '', measure: '', block: '', owner: '', dueDate: `${year}-12-31`, status: 'planned' },
          ])
        }
      >
        Добавить мероприятие
      </button>
      <label className="field">
        Комментарий к правке <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Сохранить
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
