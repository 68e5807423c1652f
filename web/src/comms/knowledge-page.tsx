// «База знаний»: model answers and practices the centre keeps for the executors' answer form — the entries (category
// or block, tags, source practice or seminar material, archived or not), the same search the answer form uses, and
// the form to add or change an entry (comms.manage).
import { useState, type FormEvent } from 'react';
import { KNOWLEDGE_HIT_LABELS, type KnowledgeEntry } from '../../../shared/api/knowledge';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { isoToRuDate } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { CommsShell } from './comms-shell';
import { fetchKnowledge, fetchKnowledgeSources, saveKnowledge, searchKnowledge } from './seminars-api';
import { useForm } from './use-form';

export function KnowledgePage() {
  usePageTitle('База знаний');
  const me = useMe();
  const canManage = hasPermission(me, 'comms.manage');
  const [reloads, setReloads] = useState(0);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<KnowledgeEntry | null>(null);
  const entries = useResource(`knowledge:${reloads}`, fetchKnowledge, { keepPrevious: true });
  const hits = useResource(q.trim() ? `knowledge-search:${q}:${reloads}` : null, (s) => searchKnowledge(q, null, s), {
    keepPrevious: true,
  });
  const saved = () => {
    setEditing(null);
    setReloads((n) => n + 1);
  };
  return (
    <CommsShell title="База знаний">
      <div className="list-toolbar">
        <label className="field">
          Поиск, как в форме ответа (с практиками)
          <input type="search" value={q} placeholder="слова из обращения" onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {q.trim() &&
        hits.data &&
        (hits.data.items.length === 0 ? (
          <Empty>Ничего не найдено.</Empty>
        ) : (
          <ul aria-label="Найдено в базе знаний">
            {hits.data.items.map((h) => (
              <li key={`${h.kind}-${h.id}`}>
                <span className="badge badge-info">{KNOWLEDGE_HIT_LABELS[h.kind]}</span> {h.title}
                {h.category && <span className="muted small"> · {h.category}</span>}
              </li>
            ))}
          </ul>
        ))}
      {entries.error ? (
        <ErrorState error={entries.error} onRetry={entries.reload} />
      ) : !entries.data ? (
        <Loading />
      ) : entries.data.items.length === 0 ? (
        <Empty>Записей пока нет.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Записи базы знаний">
            <thead>
              <tr>
                <th scope="col">Запись</th>
                <th scope="col">Текст</th>
                <th scope="col">Категория или блок</th>
                <th scope="col">Метки, источник</th>
                <th scope="col">Изменена</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.items.map((e) => (
                <tr key={e.id} className={e.active ? undefined : 'muted'}>
                  <th scope="row">
                    {canManage ? (
                      <button type="button" className="btn-link" onClick={() => setEditing(e)}>
                        {e.title}
                      </button>
                    ) : (
                      e.title
                    )}
                    {!e.active && <span className="badge">в архиве</span>}
                  </th>
                  <td className="small pre-line">{e.body.length > 300 ? `${e.body.slice(0, 300)}…` : e.body}</td>
                  <td>{e.category ?? e.block ?? 'Любые обращения'}</td>
                  <td className="small">
                    {e.tags.join(', ')}
                    {e.source && <div className="muted">{e.source}</div>}
                  </td>
                  <td>{isoToRuDate(e.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && <KnowledgeForm key={editing?.id ?? 'new'} entry={editing} onSaved={saved} />}
    </CommsShell>
  );
}

function KnowledgeForm({ entry, onSaved }: { entry: KnowledgeEntry | null; onSaved: () => void }) {
  const { ref } = useReference();
  const sources = useResource('knowledge-sources', fetchKnowledgeSources);
  const { f, set, error, busy, done, run } = useForm({
    title: entry?.title ?? '',
    categoryCode: entry?.categoryCode ?? '',
    blockCode: entry?.categoryCode ? '' : (entry?.blockCode ?? ''),
    body: entry?.body ?? '',
    tags: entry?.tags.join(', ') ?? '',
    source: entry?.sourcePracticeId
      ? `p${entry.sourcePracticeId}`
      : entry?.sourceMaterialId
        ? `m${entry.sourceMaterialId}`
        : '',
    active: entry?.active ?? true,
  });
  const title = entry ? `Изменить запись «${entry.title}»` : 'Новая запись базы знаний';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(
      () =>
        saveKnowledge(entry?.id ?? null, {
          title: f.title,
          body: f.body,
          categoryCode: f.categoryCode || null,
          blockCode: f.categoryCode ? null : f.blockCode || null,
          tags: f.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          active: f.active,
          sourcePracticeId: f.source.startsWith('p') ? Number(f.source.slice(1)) : null,
          sourceMaterialId: f.source.startsWith('m') ? Number(f.source.slice(1)) : null,
        }),
      () => {
        if (!entry) set({ title: '', body: '', tags: '' });
        onSaved();
      },
      'Запись сохранена',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="form-grid">
        <label className="field">
          Название
          <input
            required
            minLength={3}
            maxLength={300}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="field">
          Категория обращений
          <select value={f.categoryCode} onChange={(e) => set({ categoryCode: e.target.value })}>
            <option value="">—</option>
            {ref.categories.map((c) => (
              <option key={`${c.blockCode}.${c.code}`} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          или весь блок
          <select value={f.blockCode} disabled={!!f.categoryCode} onChange={(e) => set({ blockCode: e.target.value })}>
            <option value="">— любые обращения —</option>
            {ref.blocks.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Метки (через запятую)
          <input maxLength={1000} value={f.tags} onChange={(e) => set({ tags: e.target.value })} />
        </label>
        <label className="field">
          Источник
          <select value={f.source} onChange={(e) => set({ source: e.target.value })}>
            <option value="">—</option>
            <optgroup label="Практики">
              {sources.data?.practices.map((p) => (
                <option key={`p${p.id}`} value={`p${p.id}`}>
                  {p.title}
                </option>
              ))}
            </optgroup>
            <optgroup label="Материалы семинаров">
              {sources.data?.materials.map((m) => (
                <option key={`m${m.id}`} value={`m${m.id}`}>
                  {m.title} («{m.seminar}»)
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </div>
      <label className="field">
        Текст образца ответа
        <textarea
          required
          minLength={10}
          rows={5}
          maxLength={20_000}
          value={f.body}
          onChange={(e) => set({ body: e.target.value })}
        />
      </label>
      {entry && (
        <label className="check">
          <input type="checkbox" checked={!f.active} onChange={(e) => set({ active: !e.target.checked })} />В архиве (не
          находится в форме ответа)
        </label>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {entry ? 'Сохранить' : 'Добавить запись'}
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}
