// The one date field of the web app: shows and accepts ДД.ММ.ГГГГ in every browser (a native <input type="date">
// follows the browser's locale and shows ММ/ДД/ГГГГ in an English one), with a calendar popup (react-day-picker,
// Russian locale, weeks from Monday; ru-date-calendar.tsx, loaded on first use) beside it. The typed value is
// committed on Enter or when the field loses focus; a wrong date stays in the field with a Russian message and
// changes nothing.
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { isoToRuDate } from './format';
import { parseRuDate, RU_DATE_HINT, ruDateError } from './ru-date';

interface Props {
  id?: string;
  label: string;
  /** Visually hidden label (the fieldset's legend says it). */
  hideLabel?: boolean;
  /** ГГГГ-ММ-ДД or undefined. */
  value: string | undefined;
  onCommit: (isoDate: string | undefined) => void;
  required?: boolean;
}

const loadCalendar = () => import('./ru-date-calendar');

/** A field near the right edge of the page opens its calendar leftwards, so the calendar stays on screen. */
const keepOnScreen = (popup: HTMLDivElement | null): void => {
  if (popup && popup.getBoundingClientRect().right > document.documentElement.clientWidth)
    popup.classList.add('date-popup-end');
};
const Calendar = lazy(() => loadCalendar().then((m) => ({ default: m.RuDateCalendar })));

/** "2025-03-01" → the local midnight the calendar marks; the calendar's day → "2025-03-01". */
const isoToLocal = (iso: string): Date =>
  new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const localToIso = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function RuDateInput({ id: givenId, label, hideLabel, value, onCommit, required }: Props) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const [text, setText] = useState(value ? isoToRuDate(value) : '');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    setText(value ? isoToRuDate(value) : '');
    setError(null);
  }, [value]);
  useEffect(() => {
    if (!open) return undefined;
    const outside = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const commitIso = (iso: string | undefined) => {
    setError(null);
    setText(iso ? isoToRuDate(iso) : '');
    if (iso !== value) onCommit(iso);
  };
  const commit = () => {
    if (!text.trim()) {
      commitIso(undefined);
      return;
    }
    const iso = parseRuDate(text);
    if (!iso) {
      setError(ruDateError(text));
      return;
    }
    commitIso(iso);
  };
  const typed = parseRuDate(text);
  const selected = typed ? isoToLocal(typed) : value ? isoToLocal(value) : undefined;

  return (
    <span
      className="date-field"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <label className={hideLabel ? 'visually-hidden' : undefined} htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <span className="date-field-row">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={RU_DATE_HINT}
          size={10}
          maxLength={10}
          required={required}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            // the message goes as soon as the date is right, while typing: were it to go when the field loses focus,
            // the form below would move up under a click on its button, and the click would be lost
            if (error && (!e.target.value.trim() || parseRuDate(e.target.value))) setError(null);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <button
          type="button"
          className="btn btn-ghost date-field-open"
          aria-label="Выбрать дату в календаре"
          aria-describedby={`${id}-label`}
          aria-expanded={open}
          aria-controls={open ? `${id}-calendar` : undefined}
          // the calendar's code starts loading as soon as the button is pointed at or reached by Tab
          onPointerEnter={() => void loadCalendar().catch(() => undefined)}
          onFocus={() => void loadCalendar().catch(() => undefined)}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">▦</span>
        </button>
      </span>
      {open && (
        // the dialog appears with the calendar in it (its code may still be on the way at the first opening)
        <Suspense fallback={<span className="muted">Загрузка календаря…</span>}>
          <div
            ref={keepOnScreen}
            className="date-popup"
            id={`${id}-calendar`}
            role="dialog"
            aria-label="Календарь"
            aria-describedby={`${id}-label`}
          >
            <Calendar
              selected={selected}
              onSelect={(d) => {
                commitIso(localToIso(d));
                setOpen(false);
              }}
            />
          </div>
        </Suspense>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
