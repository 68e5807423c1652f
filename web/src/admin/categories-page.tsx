// «Категории» (reference.manage): rename, move to another block, retire or bring back. Names are versioned: a case's
// history keeps the label the category had then; new cases get the new name. Training examples follow a move.
import { useState, type FormEvent } from 'react';
import type { AdminCategory } from '../../../shared/api/admin';
import { formatDate } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { changeCategory, fetchCategories } from './admin-api';
import { AdminJournal } from './admin-journal';
import { BlockSelect, EditActions } from './admin-parts';
import { AdminNav } from './admin-nav';
import { AdminTable } from './admin-table';

function CategoryEditor({
  category,
  onDone,
  onCancel,
}: {
  category: AdminCategory;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(category.name);
  const [block, setBlock] = useState(category.block);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    changeCategory(category.id, {
      ...(name !== category.name ? { name } : {}),
      ...(block !== category.block ? { block } : {}),
    })
      .then(onDone)
      .catch(setError);
  };
  return (
    <form onSubmit={submit} aria-label={`Изменить категорию ${category.name}`} className="inline-form">
      <label className="field">
        Название
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <BlockSelect value={block} onChange={setBlock} disabled={category.isOther} />
      <EditActions error={error} onCancel={onCancel} />
    </form>
  );
}

export function CategoriesPage() {
  usePageTitle('Категории');
  const { blockName } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-categories:${version}`, (signal) => fetchCategories(signal));
  const [block, setBlock] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const changed = () => {
    setEditing(null);
    setVersion((v) => v + 1);
  };
  const setActive = (c: AdminCategory, active: boolean) => {
    setError(null);
    changeCategory(c.id, { active }).then(changed).catch(setError);
  };
  const shown = list.data?.filter((c) => !block || c.block === block) ?? [];

  return (
    <section className="page page-wide" aria-labelledby="categories-title">
      <AdminNav />
      <div className="page-head">
        <h1 id="categories-title">Категории</h1>
        <p className="muted">
          Новое название получают новые обращения; история старых обращений сохраняет прежнее. Выведенная категория не
          предлагается при разборе, старые обращения остаются с ней. При переносе в другой блок обучающие примеры
          переходят вместе с категорией.
        </p>
      </div>
      <div className="list-toolbar">
        <BlockSelect value={block} onChange={setBlock} any="Все блоки" />
      </div>
      <FormMessage error={error} />
      <AdminTable
        list={list}
        caption="Категории"
        head={
          <>
            <th scope="col">Блок</th>
            <th scope="col">Категория</th>
            <th scope="col">Прежние названия</th>
            <th scope="col">Состояние</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {() =>
          shown.map((c) => (
            <tr key={c.id}>
              <td>{blockName(c.block)}</td>
              <td>
                {editing === c.id ? (
                  <CategoryEditor category={c} onDone={changed} onCancel={() => setEditing(null)} />
                ) : (
                  c.name
                )}
              </td>
              <td className="small">
                {c.versions.map((v) => `${v.name} (${blockName(v.block)}, до ${formatDate(v.validTo)})`).join('; ') ||
                  '—'}
              </td>
              <td>{c.active ? 'используется' : 'выведена'}</td>
              <td>
                <span className="form-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Изменить: ${c.name}`}
                    onClick={() => setEditing(c.id)}
                    disabled={editing !== null}
                  >
                    Изменить
                  </button>
                  {!c.isOther &&
                    (c.active ? (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        aria-label={`Вывести: ${c.name}`}
                        onClick={() => setActive(c, false)}
                      >
                        Вывести
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        aria-label={`Вернуть: ${c.name}`}
                        onClick={() => setActive(c, true)}
                      >
                        Вернуть
                      </button>
                    ))}
                </span>
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <AdminJournal entity="category" version={version} />
    </section>
  );
}
