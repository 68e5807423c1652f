// Pieces the administration screens share: the page frame with its navigation, the save/cancel row of an inline
// editor with its error, and the block and category choice of a rule.
import type { ReactNode } from 'react';
import { FormMessage } from '../common/states';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { AdminNav } from './admin-nav';

export function AdminPage({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <section className="page page-wide" aria-labelledby={id}>
      <AdminNav />
      <div className="page-head">
        <h1 id={id}>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {children}
    </section>
  );
}

/** The end of an inline editor: its error, «Сохранить» and «Отмена». */
export function EditActions({ error, onCancel }: { error: unknown; onCancel: () => void }) {
  return (
    <>
      <FormMessage error={error} />
      <span className="form-actions">
        <button type="submit" className="btn btn-primary btn-small">
          Сохранить
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onCancel}>
          Отмена
        </button>
      </span>
    </>
  );
}

/** A choice of block: `any` names the empty choice («— любой —», «Все блоки»). */
export function BlockSelect({
  value,
  onChange,
  any,
  disabled = false,
}: {
  value: string;
  onChange: (block: string) => void;
  any?: string;
  disabled?: boolean;
}) {
  const { ref } = useReference();
  return (
    <label className="field">
      Блок
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {any !== undefined && <option value="">{any}</option>}
        {ref.blocks.map((b) => (
          <option key={b.code} value={b.code}>
            {b.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Block and category of a rule, both optional («любой», «любая»); the category is chosen within the block. */
export function BlockCategoryFields({
  block,
  category,
  onChange,
}: {
  block: string;
  category: string;
  onChange: (v: { block: string; category: string }) => void;
}) {
  const { categoriesOf } = useReference();
  return (
    <>
      <BlockSelect value={block} onChange={(b) => onChange({ block: b, category: '' })} any="— любой —" />
      <label className="field">
        Категория
        <select value={category} onChange={(e) => onChange({ block, category: e.target.value })} disabled={!block}>
          <option value="">— любая —</option>
          {categoriesOf(block).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
