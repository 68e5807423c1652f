// A labelled single-choice <select> over a list-valued filter: "" means "all"; a list of several values (from a
// dashboard link or a saved view) shows as "несколько" until the user picks one value.
import { useId } from 'react';

export interface Option {
  value: string;
  label: string;
}
export interface OptionGroup {
  label: string;
  options: Option[];
}

interface Props {
  label: string;
  values: readonly string[] | undefined;
  options?: Option[];
  groups?: OptionGroup[];
  allLabel?: string;
  disabled?: boolean;
  hint?: string;
  onChange: (values: string[]) => void;
}

const MULTI = '__multi__';

export function SelectField({
  label,
  values,
  options = [],
  groups,
  allLabel = 'Все',
  disabled,
  hint,
  onChange,
}: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const list = values ?? [];
  const value = list.length === 0 ? '' : list.length === 1 ? (list[0] ?? '') : MULTI;
  const known = new Set([...options, ...(groups ?? []).flatMap((g) => g.options)].map((o) => o.value));
  const unknownSingle = list.length === 1 && !known.has(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(e.target.value && e.target.value !== MULTI ? [e.target.value] : [])}
      >
        <option value="">{allLabel}</option>
        {value === MULTI && <option value={MULTI}>Несколько ({list.length})</option>}
        {unknownSingle && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}
