// Creating and changing an indicator (kpi.manage): its formulation, the federal project result it serves, kind,
// unit and direction, how its value is obtained (a formula over the data or entered by hand), characteristics,
// the responsible person, the deadline (ДД.ММ.ГГГГ) and a target per year. The server checks everything again.
import { useState, type FormEvent } from 'react';
import { KPI_KIND_LABELS, KPI_KINDS, type Kpi, type KpiFormula, type KpiInput } from '../../../shared/api/kpi';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { saveKpi } from './kpi-api';
import type { FormulaInfo } from './kpi-detail';
import { parseDecimal } from './kpi-format';

type TargetRow = { year: string; target: string };

const DIRECTION_LABELS: Record<KpiInput['direction'], string> = { up: 'больше — лучше', down: 'меньше — лучше' };

/** `kpi` absent: a new indicator. */
export function KpiEditor({
  kpi,
  formulas,
  onSaved,
  onCancel,
}: {
  kpi?: Kpi;
  formulas: FormulaInfo[];
  onSaved: (id: number) => void;
  onCancel: () => void;
}) {
  const [f, setF] = useState({
    code: kpi?.code ?? '',
    kind: kpi?.kind ?? 'additional',
    title: kpi?.title ?? '',
    federalResult: kpi?.federalResult ?? '',
    unit: kpi?.unit ?? '',
    direction: kpi?.direction ?? 'up',
    formula: kpi?.formula ?? '',
    qualitative: kpi?.qualitative ?? '',
    quantitative: kpi?.quantitative ?? '',
    responsible: kpi?.responsible ?? '',
    deadline: kpi?.deadline,
  });
  const [targets, setTargets] = useState<TargetRow[]>(
    kpi?.targets.map((t) => ({ year: String(t.year), target: String(t.target).replace('.', ',') })) ?? [
      { year: String(new Date().getFullYear()), target: '' },
    ],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof f>) => setF((s) => ({ ...s, ...patch }));
  const setTarget = (i: number, patch: Partial<TargetRow>) =>
    setTargets((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!f.deadline) {
      setError(new Error('Укажите срок в формате ДД.ММ.ГГГГ'));
      return;
    }
    const parsed: { year: number; target: number }[] = [];
    for (const row of targets.filter((r) => r.year.trim() || r.target.trim())) {
      const year = Number(row.year);
      const target = parseDecimal(row.target);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) {
        setError(new Error(`Год цели «${row.year}»: укажите год, например 2026`));
        return;
      }
      if (target === null) {
        setError(new Error(`Цель на ${year} год: введите число, например 80 или 95,5`));
        return;
      }
      if (parsed.some((p) => p.year === year)) {
        setError(new Error(`Цель на ${year} год указана дважды`));
        return;
      }
      parsed.push({ year, target });
    }
    const input: KpiInput = {
      code: f.code.trim(),
      kind: f.kind,
      title: f.title,
      federalResult: f.federalResult,
      unit: f.unit,
      direction: f.direction,
      formula: (f.formula || null) as KpiFormula | null,
      qualitative: f.qualitative,
      quantitative: f.quantitative,
      responsible: f.responsible,
      deadline: f.deadline,
      targets: parsed.sort((a, b) => a.year - b.year),
    };
    setBusy(true);
    setError(null);
    saveKpi(kpi?.id ?? null, input)
      .then((d) => onSaved(d.kpi.id))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="kpi-editor-title">
      <h2 id="kpi-editor-title">{kpi ? `Изменить показатель «${kpi.title}»` : 'Новый показатель'}</h2>
      <div className="form-grid">
        <label className="field">
          Формулировка
          <input
            required
            minLength={3}
            maxLength={500}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="field">
          Код (латиница, цифры, «_»)
          <input
            required
            pattern="[a-z][a-z0-9_]{1,40}"
            value={f.code}
            disabled={!!kpi}
            onChange={(e) => set({ code: e.target.value })}
          />
        </label>
        <label className="field">
          Вид
          <select value={f.kind} onChange={(e) => set({ kind: e.target.value as typeof f.kind })}>
            {KPI_KINDS.map((k) => (
              <option key={k} value={k}>
                {KPI_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Как получается значение
          <select value={f.formula} onChange={(e) => set({ formula: e.target.value })}>
            <option value="">Вносится вручную</option>
            {formulas.map((x) => (
              <option key={x.code} value={x.code}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Единица
          <input maxLength={20} value={f.unit} onChange={(e) => set({ unit: e.target.value })} />
        </label>
        <label className="field">
          Направление
          <select value={f.direction} onChange={(e) => set({ direction: e.target.value as typeof f.direction })}>
            {(['up', 'down'] as const).map((d) => (
              <option key={d} value={d}>
                {DIRECTION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Ответственный
          <input maxLength={200} value={f.responsible} onChange={(e) => set({ responsible: e.target.value })} />
        </label>
        <RuDateInput label="Срок" value={f.deadline} onCommit={(deadline) => set({ deadline })} />
      </div>
      <label className="field">
        Результат федерального проекта
        <textarea
          rows={2}
          maxLength={1000}
          value={f.federalResult}
          onChange={(e) => set({ federalResult: e.target.value })}
        />
      </label>
      <label className="field">
        Качественная характеристика
        <textarea
          rows={2}
          maxLength={1000}
          value={f.qualitative}
          onChange={(e) => set({ qualitative: e.target.value })}
        />
      </label>
      <label className="field">
        Количественная характеристика
        <textarea
          rows={2}
          maxLength={1000}
          value={f.quantitative}
          onChange={(e) => set({ quantitative: e.target.value })}
        />
      </label>
      <fieldset>
        <legend>Цели по годам</legend>
        {targets.map((row, i) => (
          <div className="form-grid" key={i}>
            <label className="field">
              Год
              <input inputMode="numeric" value={row.year} onChange={(e) => setTarget(i, { year: e.target.value })} />
            </label>
            <label className="field">
              Цель
              <input
                inputMode="decimal"
                value={row.target}
                onChange={(e) => setTarget(i, { target: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => setTargets((rows) => rows.filter((_, j) => j !== i))}
            >
              Убрать год {row.year}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() =>
            setTargets((rows) => [
              ...rows,
              { year: String(Number(rows.at(-1)?.year ?? new Date().getFullYear()) + 1), target: '' },
            ])
          }
        >
          Добавить год
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {kpi ? 'Сохранить' : 'Создать показатель'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
