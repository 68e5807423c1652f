// The head's form of a consolidated plan: the topic (a block), the year, control points picked from the approved
// passports of projects, and the plan's own measures with a date (ДД.ММ.ГГГГ) and who is responsible.
import { useState, type FormEvent } from 'react';
import type { ConsolidatedPlanContent, ConsolidatedPlanInput } from '../../../shared/api/po-plans';
import { isoToRuDate } from '../common/format';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { fetchProject, fetchProjects } from './projects-api';

type Item = ConsolidatedPlanInput['items'][number];

export function planInputOf(c: ConsolidatedPlanContent, blockCode: string): ConsolidatedPlanInput {
  return {
    blockCode,
    topic: c.topic,
    year: c.year,
    items: c.items.map((i): Item =>
      i.kind === 'control_point' && i.projectId !== null
        ? { kind: 'control_point', projectId: i.projectId, title: i.title }
        : { kind: 'measure', projectId: i.projectId, title: i.title, date: i.date, responsible: i.responsible },
    ),
  };
}

export function PlanForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: ConsolidatedPlanInput;
  submitLabel: string;
  onSave: (input: ConsolidatedPlanInput, comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { ref } = useReference();
  const [form, setForm] = useState(initial);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [projectId, setProjectId] = useState<number | null>(null);
  const [measure, setMeasure] = useState({ title: '', date: undefined as string | undefined, responsible: '' });
  const projects = useResource('projects', (signal) => fetchProjects(signal));
  const project = useResource(projectId === null ? null : `project:${projectId}`, (signal) =>
    fetchProject(projectId ?? 0, signal),
  );
  const approved = (projects.data?.items ?? []).filter((p) => p.approvedVersion !== null);
  const has = (i: Item) =>
    form.items.some((x) => x.kind === i.kind && x.title === i.title && x.projectId === i.projectId);
  const add = (i: Item) => {
    if (!has(i)) setForm({ ...form, items: [...form.items, i] });
  };
  const remove = (n: number) => setForm({ ...form, items: form.items.filter((_, i) => i !== n) });
  const projectTitle = (id: number | null) =>
    id === null ? '' : (approved.find((p) => p.id === id)?.title ?? `№ ${id}`);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await onSave(form, comment);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" aria-label="Сводный план" onSubmit={(e) => void submit(e)}>
      <div className="form-row">
        <label className="inline-field">
          Тема (блок)
          <select value={form.blockCode} onChange={(e) => setForm({ ...form, blockCode: e.target.value })}>
            {ref.blocks.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Наименование темы <input value={form.topic} onChange={(e) => setForm({ ...form, topic: e.target.value })} />
        </label>
        <label className="inline-field">
          Год{' '}
          <input
            type="number"
            min={2018}
            max={2100}
            value={form.year}
            onChange={(e) => setForm({ ...form, year: Number(e.target.value) })}
          />
        </label>
      </div>
      <fieldset>
        <legend>Контрольные точки проектов</legend>
        <label className="inline-field">
          Проект
          <select
            value={projectId ?? ''}
            onChange={(e) => setProjectId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">— выберите проект с утверждённым паспортом —</option>
            {approved.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        {projectId !== null && project.data?.approvedPassport && (
          <ul className="plain-list">
            {project.data.approvedPassport.controlPoints.map((c) => {
              const item: Item = { kind: 'control_point', projectId, title: c.title };
              return (
                <li key={c.title}>
                  {isoToRuDate(c.date)} — {c.title}{' '}
                  <button type="button" className="btn btn-small" disabled={has(item)} onClick={() => add(item)}>
                    Включить в план<span className="visually-hidden">: {c.title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>Мероприятие плана</legend>
        <div className="form-row">
          <label className="inline-field">
            Мероприятие{' '}
            <input value={measure.title} onChange={(e) => setMeasure({ ...measure, title: e.target.value })} />
          </label>
          <RuDateInput
            label="Срок мероприятия"
            value={measure.date}
            onCommit={(v) => setMeasure({ ...measure, date: v })}
          />
          <label className="inline-field">
            Ответственный{' '}
            <input
              value={measure.responsible}
              onChange={(e) => setMeasure({ ...measure, responsible: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="btn"
            disabled={!measure.title.trim() || !measure.date}
            onClick={() => {
              if (measure.date)
                add({
                  kind: 'measure',
                  projectId: null,
                  title: measure.title.trim(),
                  date: measure.date,
                  responsible: measure.responsible,
                });
              setMeasure({ title: '', date: undefined, responsible: '' });
            }}
          >
            Добавить мероприятие
          </button>
        </div>
      </fieldset>
      <h4>В плане</h4>
      {form.items.length === 0 ? (
        <p className="muted">Пока пусто.</p>
      ) : (
        <ul className="plain-list" aria-label="Состав плана">
          {form.items.map((i, n) => (
            <li key={`${i.kind}:${i.projectId ?? ''}:${i.title}`}>
              {i.kind === 'measure'
                ? `Мероприятие «${i.title}», срок ${isoToRuDate(i.date)}${i.responsible ? `, ${i.responsible}` : ''}`
                : `«${i.title}» — ${projectTitle(i.projectId)}`}{' '}
              <button type="button" className="btn btn-small" onClick={() => remove(n)}>
                Убрать<span className="visually-hidden">: {i.title}</span>
              </button>
            </li>
          ))}
        </ul>
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
