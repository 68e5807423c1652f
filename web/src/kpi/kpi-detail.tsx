import { useState, type FormEvent } from 'react';
import { RuDateInput } from '../common/ru-date-input';
import type { KpiFormula } from '../../../shared/api/kpi';
import { formatDateTime, isoToRuDate } from '../common/format';
import { ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { fetchKpi, recordKpiValue } from './kpi-api';
import { KpiEditor } from './kpi-editor';
import { formatValue, parseDecimal, STATUS_CLASS, statusLabel } from './kpi-format';

export interface FormulaInfo {
  code: KpiFormula;
  label: string;
  description: string;
}

export function KpiDetailPanel({
  id,
  on,
  canEdit,
  formulas,
  onChanged,
  onClose,
}: {
  id: number;
  on: string;
  canEdit: boolean;
  formulas: FormulaInfo[];
  onChanged: () => void;
  onClose: () => void;
}) {
  const detail = useResource(`kpi:${id}:${on}`, (signal) => fetchKpi(id, on, signal));
  const [editing, setEditing] = useState(false);
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const { kpi, history } = detail.data;
  const formula = formulas.find((f) => f.code === kpi.formula);
  return (
    <div className="panel" role="region" aria-labelledby="kpi-detail-title">
      <div className="page-head">
        <h2 id="kpi-detail-title">{kpi.title}</h2>
        <div>
          {canEdit && (
            <button type="button" className="btn" onClick={() => setEditing(true)} disabled={editing}>
              Изменить
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Закрыть
          </button>
        </div>
      </div>
      {editing && (
        <KpiEditor
          kpi={kpi}
          formulas={formulas}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            detail.reload();
            onChanged();
          }}
        />
      )}
      <dl className="facts">
        <dt>Результат федерального проекта</dt>
        <dd>{kpi.federalResult || '—'}</dd>
        <dt>Качественная характеристика</dt>
        <dd>{kpi.qualitative || '—'}</dd>
        <dt>Количественная характеристика</dt>
        <dd>{kpi.quantitative || '—'}</dd>
        <dt>Как получается значение</dt>
        <dd>{formula ? `${formula.label}: ${formula.description}` : 'Вносится вручную'}</dd>
        <dt>Цели по годам</dt>
        <dd>{kpi.targets.map((t) => `${t.year}: ${formatValue(t.target, kpi.unit)}`).join('; ') || '—'}</dd>
        <dt>Срок</dt>
        <dd>{isoToRuDate(kpi.deadline)}</dd>
        <dt>Статус на {isoToRuDate(kpi.on)}</dt>
        <dd>
          <span className={STATUS_CLASS[kpi.status]}>{statusLabel(kpi.status)}</span> {kpi.statusReason}
        </dd>
      </dl>
      {canEdit && !kpi.formula && (
        <ValueForm
          id={id}
          on={on}
          onSaved={() => {
            detail.reload();
            onChanged();
          }}
        />
      )}
      <h3>История</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Дата</th>
              <th scope="col" className="num">
                Значение
              </th>
              <th scope="col">Источник</th>
              <th scope="col">Комментарий</th>
            </tr>
          </thead>
          <tbody>
            {history.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  Значений пока нет
                </td>
              </tr>
            )}
            {history.map((p) => (
              <tr key={`${p.onDate}-${p.enteredAt ?? ''}`}>
                <td className="nowrap">{isoToRuDate(p.onDate)}</td>
                <td className="num">{formatValue(p.value, kpi.unit)}</td>
                <td>
                  {p.source === 'computed'
                    ? 'рассчитано с начала года'
                    : `${p.author ?? ''}, ${formatDateTime(p.enteredAt)}`}
                </td>
                <td>{p.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ValueForm({ id, on, onSaved }: { id: number; on: string; onSaved: () => void }) {
  const [onDate, setOnDate] = useState(on);
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const number = parseDecimal(value);
    if (number === null) {
      setError(new Error('Введите число, например 18 или 95,5'));
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(null);
    recordKpiValue(id, { onDate, value: number, ...(comment.trim() ? { comment: comment.trim() } : {}) })
      .then(() => {
        setSaved(`Значение на ${isoToRuDate(onDate)} сохранено`);
        setValue('');
        setComment('');
        onSaved();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Внести значение">
      <div className="form-grid">
        <span className="field">
          <RuDateInput label="Дата значения" required value={onDate} onCommit={(d) => setOnDate(d ?? '')} />
        </span>
        <label className="field">
          Значение
          <input inputMode="decimal" required value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label className="field">
          Комментарий
          <input value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
        </label>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Внести значение
      </button>
      <FormMessage error={error} success={saved} />
    </form>
  );
}
