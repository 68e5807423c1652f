import { RuDateInput } from '../common/ru-date-input';
import type { Period } from './analytics-source';
import { PERIODS, type PeriodChoice } from './period';

interface Props {
  choice: PeriodChoice;
  period: Period;
  onChange: (params: Record<string, string>) => void;
}

export function PeriodPicker({ choice, period, onChange }: Props) {
  return (
    <form className="filters filters-compact" aria-label="Период" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="dash-period">Период</label>
        <select
          id="dash-period"
          value={choice}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'custom') onChange({ from: period.from ?? '', to: period.to ?? '' });
            else onChange({ period: v });
          }}
        >
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {choice === 'custom' && (
        <>
          <div className="field">
            <RuDateInput
              id="dash-from"
              label="С"
              value={period.from}
              onCommit={(from) => onChange({ from: from ?? '', to: period.to ?? '' })}
            />
          </div>
          <div className="field">
            <RuDateInput
              id="dash-to"
              label="По"
              value={period.to}
              onCommit={(to) => onChange({ from: period.from ?? '', to: to ?? '' })}
            />
          </div>
        </>
      )}
    </form>
  );
}
