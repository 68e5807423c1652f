// «База знаний» in the answer form: model answers and practices found by the case's category and free text (Russian
// full-text search on the server); «Вставить в ответ» puts the chosen text into the draft — in place of an empty
// draft, after the text already written otherwise.
import { useId, useState } from 'react';
import { KNOWLEDGE_HIT_LABELS } from '../../../shared/api/knowledge';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { searchKnowledge } from '../comms/seminars-api';

export function KnowledgePanel({
  category,
  categoryName,
  onInsert,
}: {
  category: string | null;
  categoryName: string | null;
  onInsert: (text: string) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [byCategory, setByCategory] = useState(category !== null);
  const scope = byCategory ? category : null;
  const hits = useResource(open ? `kb:${scope ?? ''}:${q.trim()}` : null, (s) => searchKnowledge(q, scope, s), {
    keepPrevious: true,
  });
  return (
    <details className="panel knowledge-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>База знаний: образцы ответов и практики</summary>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-q`}>Поиск по базе знаний</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            placeholder="слова: двор, ремонт, график"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.preventDefault();
            }}
          />
        </div>
        {category !== null && (
          <label className="check">
            <input type="checkbox" checked={byCategory} onChange={(e) => setByCategory(e.target.checked)} />
            Только по категории «{categoryName ?? category}»
          </label>
        )}
      </div>
      {hits.error ? (
        <ErrorState error={hits.error} onRetry={hits.reload} />
      ) : !hits.data ? (
        open ? (
          <Loading />
        ) : null
      ) : hits.data.items.length === 0 ? (
        <Empty>Ничего не найдено. Уберите слова или флажок категории.</Empty>
      ) : (
        <ul className="knowledge-hits" aria-label="Найдено в базе знаний">
          {hits.data.items.map((h) => (
            <li key={`${h.kind}-${h.id}`}>
              <div>
                <span className="badge badge-info">{KNOWLEDGE_HIT_LABELS[h.kind]}</span> <strong>{h.title}</strong>
                {h.category && <span className="muted small"> · {h.category}</span>}
              </div>
              <p className="small pre-line">{h.text.length > 400 ? `${h.text.slice(0, 400)}…` : h.text}</p>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Вставить в ответ: ${h.title}`}
                onClick={() => onInsert(h.text)}
              >
                Вставить в ответ
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
