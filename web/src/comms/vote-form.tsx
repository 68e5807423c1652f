/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- the assertions give useForm the state type it infers (the rule misreads inference from them) */
// Recording a vote, hearing, discussion or initiative-budgeting contest by hand (comms.manage); dates ДД.ММ.ГГГГ.
import type { FormEvent } from 'react';
import {
  IMPLEMENTATION_LABELS,
  IMPLEMENTATION_STATUSES,
  VOTE_KIND_LABELS,
  VOTE_KINDS,
  type ImplementationStatus,
  type VoteKind,
} from '../../../shared/api/votes';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { saveVote } from './comms-api';
import { useForm } from './use-form';

export function VoteForm({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  const { ref, blockName } = useReference();
  const { f, set, error, busy, fail, run } = useForm({
    kind: 'pos_vote' as VoteKind,
    title: '',
    municipalityCode: '',
    categoryCode: '',
    question: '',
    startsOn: undefined as string | undefined,
    endsOn: undefined as string | undefined,
    turnout: '',
    result: '',
    decision: '',
    decisionOn: undefined as string | undefined,
    implementation: 'not_started' as ImplementationStatus,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { startsOn, endsOn } = f;
    if (!startsOn || !endsOn) {
      fail('Укажите даты начала и окончания в формате ДД.ММ.ГГГГ');
      return;
    }
    const turnout = f.turnout.trim() ? Number(f.turnout.replace(/\s/g, '')) : null;
    if (turnout !== null && (!Number.isInteger(turnout) || turnout < 0)) {
      fail('Явка — целое число участников');
      return;
    }
    run(
      () =>
        saveVote(null, {
          externalId: null,
          kind: f.kind,
          title: f.title,
          municipalityCode: f.municipalityCode || null,
          categoryCode: f.categoryCode || null,
          question: f.question,
          startsOn,
          endsOn,
          turnout,
          result: f.result,
          decision: f.decision,
          decisionOn: f.decisionOn ?? null,
          implementation: f.implementation,
        }),
      onSaved,
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="vote-form-title">
      <h2 id="vote-form-title">Новое голосование или обсуждение</h2>
      <div className="form-grid">
        <label className="field">
          Вид
          <select value={f.kind} onChange={(e) => set({ kind: e.target.value as VoteKind })}>
            {VOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {VOTE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Название
          <input
            required
            minLength={3}
            maxLength={500}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="field">
          Муниципалитет
          <select value={f.municipalityCode} onChange={(e) => set({ municipalityCode: e.target.value })}>
            <option value="">Вся область</option>
            {ref.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Категория обращений
          <select value={f.categoryCode} onChange={(e) => set({ categoryCode: e.target.value })}>
            <option value="">Все категории</option>
            {ref.blocks.map((b) => (
              <optgroup key={b.code} label={blockName(b.code)}>
                {ref.categories
                  .filter((c) => c.blockCode === b.code)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          Вопрос
          <input maxLength={2000} value={f.question} onChange={(e) => set({ question: e.target.value })} />
        </label>
        <RuDateInput label="Начало" value={f.startsOn} onCommit={(startsOn) => set({ startsOn })} />
        <RuDateInput label="Окончание" value={f.endsOn} onCommit={(endsOn) => set({ endsOn })} />
        <label className="field">
          Явка (участников)
          <input inputMode="numeric" value={f.turnout} onChange={(e) => set({ turnout: e.target.value })} />
        </label>
        <label className="field">
          Результат
          <input maxLength={2000} value={f.result} onChange={(e) => set({ result: e.target.value })} />
        </label>
        <label className="field">
          Решение
          <input maxLength={2000} value={f.decision} onChange={(e) => set({ decision: e.target.value })} />
        </label>
        <RuDateInput label="Дата решения" value={f.decisionOn} onCommit={(decisionOn) => set({ decisionOn })} />
        <label className="field">
          Реализация
          <select
            value={f.implementation}
            onChange={(e) => set({ implementation: e.target.value as ImplementationStatus })}
          >
            {IMPLEMENTATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {IMPLEMENTATION_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Сохранить событие
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  );
}
