// The block owner's form of a progress report: the period, the summary, completion dates (ДД.ММ.ГГГГ) and «под угрозой»
// marks of the passport's control points, the facts of the year's results, and an explanation with measures for every
// deviation the server found. The server fills in plan and fact of the indicators and validates everything again.
import { useState, type FormEvent } from 'react';
import type { PeriodKind, ProgressReportContent, ProgressReportInput } from '../../../shared/api/po-plans';
import { FormMessage } from '../common/states';
import { RuDateInput } from '../common/ru-date-input';

const MONTH_NAMES = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
];
const KIND_LABELS: Record<PeriodKind, string> = { month: 'Месяц', quarter: 'Квартал', year: 'Год' };

export function reportInputOf(c: ProgressReportContent): ProgressReportInput {
  return {
    period: c.period,
    summary: c.summary,
    controlPoints: c.controlPoints.map((p) => ({
      title: p.title,
      doneDate: p.doneDate,
      atRisk: p.atRisk,
      comment: p.comment,
    })),
    results: c.results.map((r) => ({ title: r.title, fact: r.fact, comment: r.comment })),
    deviations: c.deviations.map((d) => ({ subject: d.subject, explanation: d.explanation, measures: d.measures })),
  };
}

export function ReportForm({
  initial,
  points,
  results,
  deviations,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: ProgressReportInput;
  points: { title: string; date: string }[];
  results: { title: string; year: number; unit: string; plan: number | null }[];
  deviations: { subject: string }[];
  submitLabel: string;
  onSave: (input: ProgressReportInput, comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const period = form.period;
  const setPeriod = (p: Partial<ProgressReportInput['period']>) => setForm({ ...form, period: { ...period, ...p } });
  const point = (title: string) =>
    form.controlPoints.find((c) => c.title === title) ?? { title, doneDate: null, atRisk: false, comment: '' };
  const setPoint = (title: string, patch: Partial<ProgressReportInput['controlPoints'][number]>) =>
    setForm({
      ...form,
      controlPoints: [...form.controlPoints.filter((c) => c.title !== title), { ...point(title), ...patch }],
    });
  const result = (title: string) => form.results.find((r) => r.title === title) ?? { title, fact: null, comment: '' };
  const setResult = (title: string, patch: Partial<ProgressReportInput['results'][number]>) =>
    setForm({ ...form, results: [...form.results.filter((r) => r.title !== title), { ...result(title), ...patch }] });
  const deviation = (subject: string) =>
    form.deviations.find((d) => d.subject === subject) ?? { subject, explanation: '', measures: '' };
  const setDeviation = (subject: string, patch: Partial<ProgressReportInput['deviations'][number]>) =>
    setForm({
      ...form,
      deviations: [...form.deviations.filter((d) => d.subject !== subject), { ...deviation(subject), ...patch }],
    });
  const yearResults = results.filter((r) => r.year === period.year);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const input = { ...form, results: form.results.filter((r) => yearResults.some((y) => y.title === r.title)) };
    try {
      await onSave(input, comment);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" aria-label="Отчёт о ходе реализации" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-row">
        <legend>Отчётный период</legend>
        <label className="inline-field">
          Вид
          <select value={period.kind} onChange={(e) => setPeriod({ kind: e.target.value as PeriodKind, number: 1 })}>
            {(Object.keys(KIND_LABELS) as PeriodKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Год{' '}
          <input
            type="number"
            min={2018}
            max={2100}
            value={period.year}
            onChange={(e) => setPeriod({ year: Number(e.target.value) })}
          />
        </label>
        {period.kind === 'month' && (
          <label className="inline-field">
            Месяц
            <select value={period.number} onChange={(e) => setPeriod({ number: Number(e.target.value) })}>
              {MONTH_NAMES.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        )}
        {period.kind === 'quarter' && (
          <label className="inline-field">
            Квартал
            <select value={period.number} onChange={(e) => setPeriod({ number: Number(e.target.value) })}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <label className="field">
        Итоги периода{' '}
        <textarea rows={2} value={form.summary} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
      </label>
      {points.length > 0 && (
        <fieldset>
          <legend>Контрольные точки</legend>
          {points.map((p) => (
            <div key={p.title} className="form-row">
              <span>
                <strong>{p.title}</strong>{' '}
                <span className="muted small">срок {p.date.split('-').reverse().join('.')}</span>
              </span>
              <span className="muted small">выполнена</span>
              <RuDateInput
                label={`Выполнена: ${p.title}`}
                hideLabel
                value={point(p.title).doneDate ?? undefined}
                onCommit={(v) => setPoint(p.title, { doneDate: v ?? null })}
              />
              <label className="inline-field">
                <input
                  type="checkbox"
                  checked={point(p.title).atRisk}
                  onChange={(e) => setPoint(p.title, { atRisk: e.target.checked })}
                />{' '}
                Под угрозой<span className="visually-hidden">: {p.title}</span>
              </label>
              <label className="inline-field">
                Комментарий<span className="visually-hidden">: {p.title}</span>{' '}
                <input
                  value={point(p.title).comment}
                  onChange={(e) => setPoint(p.title, { comment: e.target.value })}
                />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {yearResults.length > 0 && (
        <fieldset>
          <legend>Результаты {period.year} года</legend>
          {yearResults.map((r) => (
            <div key={r.title} className="form-row">
              <span>
                {r.title}{' '}
                <span className="muted small">
                  план {r.plan ?? '—'} {r.unit}
                </span>
              </span>
              <label className="inline-field">
                Факт<span className="visually-hidden">: {r.title}</span>
                <input
                  type="number"
                  value={result(r.title).fact ?? ''}
                  onChange={(e) => setResult(r.title, { fact: e.target.value === '' ? null : Number(e.target.value) })}
                />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {deviations.length > 0 && (
        <fieldset>
          <legend>Отклонения: причины и меры</legend>
          {deviations.map((d) => (
            <div key={d.subject} className="form-row">
              <span>{d.subject}</span>
              <label className="inline-field">
                Причина<span className="visually-hidden">: {d.subject}</span>{' '}
                <input
                  value={deviation(d.subject).explanation}
                  onChange={(e) => setDeviation(d.subject, { explanation: e.target.value })}
                />
              </label>
              <label className="inline-field">
                Меры<span className="visually-hidden">: {d.subject}</span>{' '}
                <input
                  value={deviation(d.subject).measures}
                  onChange={(e) => setDeviation(d.subject, { measures: e.target.value })}
                />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <label className="field">
        Комментарий к редакции <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <FormMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>{' '}
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Отмена
        </button>
      </div>
    </form>
  );
}
