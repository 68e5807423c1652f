// Risks: a project's part of the register on its page, or the whole register across projects for the head
// (projectId null). Each risk shows probability × impact, its level, the decision clock running now and its measures;
// the buttons are those the server allows the signed-in user.
import { useState } from 'react';
import { RISK_CLOCKS, RISK_LEVEL_LABELS, RISK_STATUS_LABELS, type Risk } from '../../../shared/api/project-risks';
import { formatDateTime, isoToRuDate } from '../common/format';
import { parseRuDate, RU_DATE_ERROR } from '../common/ru-date';
import { ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { href } from '../router/router';
import { addMeasure, addRisk, assessRisk, closeRisk, completeMeasure, escalateRisk, fetchRisks } from './risks-api';

const CLOCK_LABEL = { assess: `оценить до`, act: `принять меры до` } as const;

export function ProjectRisks({ projectId }: { projectId: number | null }) {
  const list = useResource(`risks:${projectId ?? 'all'}`, (signal) => fetchRisks(projectId, signal));
  const replace = (r: Risk) => {
    if (list.data) list.setData({ ...list.data, items: list.data.items.map((x) => (x.id === r.id ? r : x)) });
  };
  return (
    <section className="panel" aria-labelledby="risks-title">
      <h2 id="risks-title">Риски</h2>
      <p className="muted small">
        Оценка P × I (1–5 × 1–5): 15+ высокий, 8–14 средний. Выявленный риск оценивают или отклоняют за{' '}
        {RISK_CLOCKS.assessWorkingDays} рабочих дней, меры принимают за {RISK_CLOCKS.actWorkingDays} рабочих дней после
        оценки.
      </p>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 && <p className="muted">Рисков нет.</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {projectId === null && <th scope="col">Проект</th>}
                <th scope="col">Риск</th>
                <th scope="col" className="num">
                  P × I
                </th>
                <th scope="col">Статус и срок решения</th>
                <th scope="col">Меры</th>
                <th scope="col">Действия</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <RiskRow key={r.id} risk={r} withProject={projectId === null} onChanged={replace} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data?.canAdd && projectId !== null && (
        <NewRisk
          onAdd={async (input) => {
            await addRisk(projectId, input);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function RiskRow({
  risk: r,
  withProject,
  onChanged,
}: {
  risk: Risk;
  withProject: boolean;
  onChanged: (r: Risk) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<Risk>) => {
    setError(null);
    try {
      onChanged(await fn());
    } catch (e) {
      setError(e);
    }
  };
  const ask = (question: string): string | null => {
    const c = window.prompt(question);
    return c && c.trim() ? c.trim() : null;
  };
  return (
    <tr>
      {withProject && (
        <td>
          <a href={href(`/projects/${r.projectId}`)}>{r.projectTitle}</a>
          <div className="muted small">{r.blockName}</div>
        </td>
      )}
      <td>
        <strong>{r.title}</strong>
        <div className="muted small">
          Владелец: {r.owner}
          {r.escalatedAt && ` · эскалирован куратору ${formatDateTime(r.escalatedAt)}`}
        </div>
      </td>
      <td className="num">
        {r.probability} × {r.impact} = {r.score}
        <div className="small">{RISK_LEVEL_LABELS[r.level]}</div>
      </td>
      <td>
        {RISK_STATUS_LABELS[r.status]}
        {r.clock && (
          <div className={r.clock.overdue ? 'text-danger small' : 'small'}>
            {CLOCK_LABEL[r.clock.kind]} {formatDateTime(r.clock.dueAt)}
            {r.clock.overdue ? ' — срок нарушен' : ''}
          </div>
        )}
      </td>
      <td>
        <ul className="plain-list">
          {r.measures.map((m) => (
            <li key={m.id} className={m.overdue ? 'text-danger' : undefined}>
              {m.text} — до {isoToRuDate(m.dueDate)}
              {m.doneAt ? ' (выполнена)' : ''}
              {!m.doneAt && r.allowed.includes('measure') && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => void run(() => completeMeasure(r.id, m.id))}
                  >
                    выполнена
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {r.allowed.includes('assess') && (
          <>
            <button
              type="button"
              className="btn"
              onClick={() =>
                void run(() =>
                  assessRisk(r.id, { decision: 'accept', probability: r.probability, impact: r.impact, comment: '' }),
                )
              }
            >
              Подтвердить оценку
            </button>{' '}
            <button
              type="button"
              className="btn"
              onClick={() => {
                const c = ask('Почему риск отклоняется?');
                if (c)
                  void run(() =>
                    assessRisk(r.id, { decision: 'reject', probability: r.probability, impact: r.impact, comment: c }),
                  );
              }}
            >
              Отклонить
            </button>
          </>
        )}
        {r.allowed.includes('measure') && (
          <MeasureForm onAdd={(text, dueDate) => run(() => addMeasure(r.id, { text, dueDate }))} />
        )}
        {r.allowed.includes('close') && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              const c = ask('Итог по риску');
              if (c) void run(() => closeRisk(r.id, c));
            }}
          >
            Закрыть
          </button>
        )}{' '}
        {r.allowed.includes('escalate') && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              const c = ask('Что нужно от куратора?');
              if (c) void run(() => escalateRisk(r.id, c));
            }}
          >
            Эскалировать куратору
          </button>
        )}
        <FormMessage error={error} />
      </td>
    </tr>
  );
}

function MeasureForm({ onAdd }: { onAdd: (text: string, dueDate: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const iso = parseRuDate(due);
        if (!iso) {
          setError(RU_DATE_ERROR);
          return;
        }
        if (!text.trim()) {
          setError('Опишите меру');
          return;
        }
        setError(null);
        void onAdd(text.trim(), iso).then(() => {
          setText('');
          setDue('');
        });
      }}
    >
      <input
        aria-label="Мера реагирования"
        placeholder="Мера реагирования"
        value={text}
        onChange={(e) => setText(e.target.value)}
        size={18}
      />{' '}
      <input
        aria-label="Срок меры"
        placeholder="ДД.ММ.ГГГГ"
        value={due}
        onChange={(e) => setDue(e.target.value)}
        size={10}
      />{' '}
      <button type="submit" className="btn">
        Добавить меру
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function NewRisk({
  onAdd,
}: {
  onAdd: (input: {
    title: string;
    description: string;
    probability: number;
    impact: number;
    owner: string;
  }) => Promise<void>;
}) {
  const [f, setF] = useState({ title: '', owner: '', probability: 3, impact: 3 });
  const [error, setError] = useState<unknown>(null);
  const scale = [1, 2, 3, 4, 5];
  return (
    <form
      className="list-toolbar"
      aria-label="Новый риск"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        onAdd({ ...f, description: '' }).then(
          () => setF({ title: '', owner: '', probability: 3, impact: 3 }),
          setError,
        );
      }}
    >
      <label className="inline-field">
        Риск <input value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
      </label>
      <label className="inline-field">
        Владелец <input value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })} />
      </label>
      <label className="inline-field">
        Вероятность{' '}
        <select value={f.probability} onChange={(e) => setF({ ...f, probability: Number(e.target.value) })}>
          {scale.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Влияние{' '}
        <select value={f.impact} onChange={(e) => setF({ ...f, impact: Number(e.target.value) })}>
          {scale.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn">
        Добавить риск
      </button>
      <FormMessage error={error} />
    </form>
  );
}
