import { useId } from 'react';
import { useReference } from '../reference/reference-context';

export interface ClassificationValue {
  block: string;
  category: string;
  municipality: string;
  organisation: string;
}

interface Props {
  value: ClassificationValue;
  onChange: (next: ClassificationValue) => void;
  autoFocus?: boolean | undefined;
}

export function ClassificationFields({ value, onChange, autoFocus }: Props) {
  const id = useId();
  const { ref, categoriesOf } = useReference();
  const categories = categoriesOf(value.block);
  const set = (patch: Partial<ClassificationValue>) => onChange({ ...value, ...patch });
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor={`${id}-block`}>Блок</label>
        <select
          id={`${id}-block`}
          value={value.block}
          autoFocus={autoFocus}
          onChange={(e) =>
            set({
              block: e.target.value,
              category: categoriesOf(e.target.value).some((c) => c.code === value.category) ? value.category : '',
            })
          }
        >
          <option value="">— выберите —</option>
          {ref.blocks.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>Категория</label>
        <select
          id={`${id}-category`}
          value={value.category}
          disabled={!value.block}
          onChange={(e) => set({ category: e.target.value })}
        >
          <option value="">{value.block ? '— выберите —' : 'сначала выберите блок'}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-muni`}>Муниципалитет</label>
        <select id={`${id}-muni`} value={value.municipality} onChange={(e) => set({ municipality: e.target.value })}>
          <option value="">не определён</option>
          {ref.municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.shortName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>Исполнитель</label>
        <select id={`${id}-org`} value={value.organisation} onChange={(e) => set({ organisation: e.target.value })}>
          <option value="">по правилам маршрутизации</option>
          {ref.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
