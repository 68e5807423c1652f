// «Ключевые слова мониторинга» (reference.manage): per block, the phrases that make a public post a message of that
// block. One phrase a line; a set can be switched off. Journalled with the phrases added and removed.
import { useState } from 'react';
import type { AdminKeywordSet } from '../../../shared/api/admin-settings';
import { countOf, formatDateTime } from '../common/format';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { AdminJournal } from './admin-journal';
import { AdminPage, EditActions } from './admin-parts';
import { AdminTable } from './admin-table';
import { fetchKeywordSets, saveKeywordSet } from './settings-api';

function KeywordsEditor({ set, onDone, onCancel }: { set: AdminKeywordSet; onDone: () => void; onCancel: () => void }) {
  const { blockName } = useReference();
  const [text, setText] = useState(set.keywords.join('\n'));
  const [active, setActive] = useState(set.active);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="inline-form"
      aria-label={`Ключевые слова: ${blockName(set.block)}`}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        saveKeywordSet(set.block, {
          keywords: text
            .split('\n')
            .map((k) => k.trim())
            .filter(Boolean),
          active,
        })
          .then(onDone)
          .catch(setError);
      }}
    >
      <label className="field">
        Фразы, по одной в строке
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} cols={50} autoFocus />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Набор действует
      </label>
      <EditActions error={error} onCancel={onCancel} />
    </form>
  );
}

export function KeywordsPage() {
  const { blockName } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-keywords:${version}`, (signal) => fetchKeywordSets(signal));
  const [editing, setEditing] = useState<string | null>(null);
  const changed = () => {
    setEditing(null);
    setVersion((v) => v + 1);
  };

  return (
    <AdminPage
      id="keywords-title"
      title="Ключевые слова мониторинга"
      intro={
        <>
          Публичный пост становится сообщением блока, если в нём есть фраза из набора блока (с учётом падежей) и он
          относится к области. Изменения действуют на этом узле сразу, на остальных — в течение минуты.
        </>
      }
    >
      <AdminTable
        list={list}
        caption="Наборы ключевых слов"
        head={
          <>
            <th scope="col">Блок</th>
            <th scope="col">Фразы</th>
            <th scope="col">Состояние</th>
            <th scope="col">Изменён</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items.map((s) => (
            <tr key={s.block}>
              <td>{blockName(s.block)}</td>
              <td>
                {editing === s.block ? (
                  <KeywordsEditor set={s} onDone={changed} onCancel={() => setEditing(null)} />
                ) : (
                  <span className="small" title={s.keywords.join(', ')}>
                    {countOf(s.keywords.length, ['фраза', 'фразы', 'фраз'])}: {s.keywords.slice(0, 6).join(', ')}
                    {s.keywords.length > 6 ? '…' : ''}
                  </span>
                )}
              </td>
              <td>{s.active ? 'действует' : 'выключен'}</td>
              <td className="nowrap">{formatDateTime(s.updatedAt)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Изменить набор: ${blockName(s.block)}`}
                  onClick={() => setEditing(s.block)}
                  disabled={editing !== null}
                >
                  Изменить
                </button>
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <AdminJournal entity="keyword_set" version={version} />
    </AdminPage>
  );
}
