// A date field that shows and accepts ДД.ММ.ГГГГ in every browser (a native <input type="date"> follows the
// browser's locale and shows ММ/ДД/ГГГГ in an English one). The value is committed on Enter or when the field
// loses focus; a wrong date stays in the field with a Russian message and changes nothing.
import { useEffect, useId, useState } from 'react';
import { isoToRuDate } from './format';
import { parseRuDate, RU_DATE_ERROR, RU_DATE_HINT } from './ru-date';

interface Props {
  id?: string;
  label: string;
  /** Visually hidden label (the fieldset's legend says it). */
  hideLabel?: boolean;
  /** ГГГГ-ММ-ДД or undefined. */
  value: string | undefined;
  onCommit: (isoDate: string | undefined) => void;
}

export function RuDateInput({ id: givenId, label, hideLabel, value, onCommit }: Props) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const [text, setText] = useState(value ? isoToRuDate(value) : '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setText(value ? isoToRuDate(value) : ''); setError(null); }, [value]);

  const commit = () => {
    if (!text.trim()) {
      setError(null);
      if (value) onCommit(undefined);
      return;
    }
    const iso = parseRuDate(text);
    if (!iso) { setError(RU_DATE_ERROR); return; }
    setError(null);
    setText(isoToRuDate(iso));
    if (iso !== value) onCommit(iso);
  };

  return (
    <span className="date-field">
      <label className={hideLabel ? 'visually-hidden' : undefined} htmlFor={id}>{label}</label>
      <input id={id} type="text" inputMode="numeric" autoComplete="off" placeholder={RU_DATE_HINT} size={10} maxLength={10}
        value={text} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
      {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </span>
  );
}
