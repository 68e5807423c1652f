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
        <select id="dash-period" value={choice} onChange={(e) => {
          const v = e.target.value;
          if (v === 'custom') onChange({ from: period.from ?? '', to: period.to ?? '' });
          else onChange({ period: v });
        }}>
          {PERIODS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
        </select>
      </div>
      {choice === 'custom' && (
        <>
          <div className="field">
            <label htmlFor="dash-from">С</label>
            <input id="dash-from" type="date" lang="ru" value={period.from ?? ''} max={period.to}
              onChange={(e) => onChange({ from: e.target.value, to: period.to ?? '' })} />
          </div>
          <div className="field">
            <label htmlFor="dash-to">По</label>
            <input id="dash-to" type="date" lang="ru" value={period.to ?? ''} min={period.from}
              onChange={(e) => onChange({ from: period.from ?? '', to: e.target.value })} />
          </div>
        </>
      )}
    </form>
  );
}
