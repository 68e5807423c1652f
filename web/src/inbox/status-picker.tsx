// Several statuses at once (a disclosure with checkboxes): "all open", "answered + accepted" and the like.
import { useId, useRef } from 'react';
import { CASE_STATUSES, CASE_STATUS_LABELS, OPEN_STATUSES, type CaseStatus } from '../../../shared/cases/case-status';

export function StatusPicker({
  values,
  onChange,
}: {
  values: readonly CaseStatus[] | undefined;
  onChange: (v: CaseStatus[]) => void;
}) {
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const selected = new Set(values ?? []);
  const summary =
    selected.size === 0
      ? 'Все'
      : selected.size === 1
        ? CASE_STATUS_LABELS[[...selected][0] as CaseStatus]
        : `Выбрано: ${selected.size}`;
  const toggle = (s: CaseStatus) => {
    const next = new Set(selected);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    onChange(CASE_STATUSES.filter((x) => next.has(x)));
  };
  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>
        Статус
      </span>
      <details
        className="picker"
        ref={details}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && details.current?.open) {
            details.current.open = false;
            details.current.querySelector('summary')?.focus();
          }
        }}
      >
        <summary aria-describedby={`${id}-label`}>{summary}</summary>
        <fieldset className="picker-panel">
          <legend className="visually-hidden">Статусы обращений</legend>
          <div className="picker-actions">
            <button type="button" className="btn btn-small" onClick={() => onChange([...OPEN_STATUSES])}>
              Открытые
            </button>
            <button type="button" className="btn btn-small" onClick={() => onChange([])}>
              Все
            </button>
          </div>
          {CASE_STATUSES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={selected.has(s)} onChange={() => toggle(s)} /> {CASE_STATUS_LABELS[s]}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
