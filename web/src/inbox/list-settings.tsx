// «Вид списка»: which optional columns the inbox shows and how dense its rows are; kept on the server per user.
import { useRef } from 'react';
import { INBOX_COLUMN_LABELS, INBOX_COLUMNS, type InboxSettings } from '../../../shared/api/workspace';

export function ListSettings({
  settings,
  onChange,
}: {
  settings: InboxSettings;
  onChange: (s: InboxSettings) => void;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const toggle = (c: (typeof INBOX_COLUMNS)[number]) =>
    onChange({
      ...settings,
      columns: INBOX_COLUMNS.filter((x) => (x === c ? !settings.columns.includes(c) : settings.columns.includes(x))),
    });
  return (
    <details
      className="picker list-settings"
      ref={details}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && details.current?.open) {
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>Вид списка</summary>
      <div className="picker-panel">
        <fieldset className="radio-row">
          <legend>Строки</legend>
          <label className="check">
            <input
              type="radio"
              name="inbox-density"
              checked={settings.density === 'compact'}
              onChange={() => onChange({ ...settings, density: 'compact' })}
            />{' '}
            Плотно (одна строка)
          </label>
          <label className="check">
            <input
              type="radio"
              name="inbox-density"
              checked={settings.density === 'comfortable'}
              onChange={() => onChange({ ...settings, density: 'comfortable' })}
            />{' '}
            Просторно
          </label>
        </fieldset>
        <fieldset>
          <legend>Столбцы (номер, суть и срок ответа видны всегда)</legend>
          {INBOX_COLUMNS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={settings.columns.includes(c)} onChange={() => toggle(c)} />{' '}
              {INBOX_COLUMN_LABELS[c]}
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
