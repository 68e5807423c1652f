/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- the assertions give useForm the state type it infers (the rule misreads inference from them) */
// A new practice for the library, a new recommendation to a body, and a follow-up of one (comms.manage).
import type { FormEvent } from 'react';
import {
  PRACTICE_STATUS_LABELS,
  PRACTICE_STATUSES,
  RECOMMENDATION_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  type Practice,
  type PracticeStatus,
  type Recommendation,
  type RecommendationStatus,
} from '../../../shared/api/practices';
import { RuDateInput } from '../common/ru-date-input';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { followUpRecommendation, savePractice, saveRecommendation } from './comms-api';
import { useForm } from './use-form';

export function PracticeForm({ onSaved }: { onSaved: () => void }) {
  const { ref } = useReference();
  const { f, set, error, busy, done, run } = useForm({
    title: '',
    categoryCode: '',
    problem: '',
    solution: '',
    effect: '',
    place: '',
    documents: '',
    status: 'studied' as PracticeStatus,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(
      () => savePractice({ ...f, categoryCode: f.categoryCode || null }),
      () => {
        set({ title: '', problem: '', solution: '', effect: '' });
        onSaved();
      },
      'Практика добавлена',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="practice-form-title">
      <h2 id="practice-form-title">Новая практика</h2>
      <div className="form-grid">
        <label className="field">
          Название
          <input
            required
            minLength={3}
            maxLength={300}
            value={f.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </label>
        <label className="field">
          Категория обращений
          <select value={f.categoryCode} onChange={(e) => set({ categoryCode: e.target.value })}>
            <option value="">Любая</option>
            {ref.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Где работает
          <input maxLength={300} value={f.place} onChange={(e) => set({ place: e.target.value })} />
        </label>
        <label className="field">
          Статус
          <select value={f.status} onChange={(e) => set({ status: e.target.value as PracticeStatus })}>
            {PRACTICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {PRACTICE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        Проблема
        <textarea
          required
          minLength={3}
          rows={2}
          maxLength={4000}
          value={f.problem}
          onChange={(e) => set({ problem: e.target.value })}
        />
      </label>
      <label className="field">
        Решение
        <textarea
          required
          minLength={3}
          rows={2}
          maxLength={4000}
          value={f.solution}
          onChange={(e) => set({ solution: e.target.value })}
        />
      </label>
      <label className="field">
        Эффект
        <textarea rows={2} maxLength={4000} value={f.effect} onChange={(e) => set({ effect: e.target.value })} />
      </label>
      <label className="field">
        Документы (ссылки)
        <input maxLength={2000} value={f.documents} onChange={(e) => set({ documents: e.target.value })} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Добавить практику
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}

export function RecommendationForm({ practices, onSaved }: { practices: Practice[]; onSaved: () => void }) {
  const { ref } = useReference();
  const { f, set, error, busy, done, fail, run } = useForm({
    practiceId: '',
    organisationId: '',
    text: '',
    ownerName: '',
    dueOn: undefined as string | undefined,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dueOn = f.dueOn;
    if (!dueOn) {
      fail('Укажите срок в формате ДД.ММ.ГГГГ');
      return;
    }
    run(
      () =>
        saveRecommendation({
          practiceId: f.practiceId ? Number(f.practiceId) : null,
          organisationId: Number(f.organisationId),
          text: f.text,
          ownerName: f.ownerName,
          dueOn,
        }),
      () => {
        set({ text: '' });
        onSaved();
      },
      'Рекомендация записана',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="rec-form-title">
      <h2 id="rec-form-title">Новая рекомендация</h2>
      <div className="form-grid">
        <label className="field">
          Кому
          <select required value={f.organisationId} onChange={(e) => set({ organisationId: e.target.value })}>
            <option value="">— выберите —</option>
            {[...ref.organisations]
              .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          По практике
          <select value={f.practiceId} onChange={(e) => set({ practiceId: e.target.value })}>
            <option value="">—</option>
            {practices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Ответственный
          <input
            required
            minLength={2}
            maxLength={200}
            value={f.ownerName}
            onChange={(e) => set({ ownerName: e.target.value })}
          />
        </label>
        <RuDateInput label="Срок" value={f.dueOn} onCommit={(dueOn) => set({ dueOn })} />
      </div>
      <label className="field">
        Текст рекомендации
        <textarea
          required
          minLength={3}
          rows={2}
          maxLength={4000}
          value={f.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Записать рекомендацию
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}

export function FollowUpForm({ recommendations, onSaved }: { recommendations: Recommendation[]; onSaved: () => void }) {
  const { f, set, error, busy, done, run } = useForm({ id: '', status: 'done' as RecommendationStatus, note: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(
      () => followUpRecommendation(Number(f.id), { status: f.status, note: f.note }),
      () => {
        set({ note: '' });
        onSaved();
      },
      'Отметка записана',
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="follow-form-title">
      <h2 id="follow-form-title">Отметка об исполнении</h2>
      <div className="form-grid">
        <label className="field">
          Рекомендация
          <select required value={f.id} onChange={(e) => set({ id: e.target.value })}>
            <option value="">— выберите —</option>
            {recommendations.map((r) => (
              <option key={r.id} value={r.id}>
                {r.organisation}: {r.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Состояние
          <select value={f.status} onChange={(e) => set({ status: e.target.value as RecommendationStatus })}>
            {RECOMMENDATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {RECOMMENDATION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Что сделано
          <input
            required
            minLength={3}
            maxLength={2000}
            value={f.note}
            onChange={(e) => set({ note: e.target.value })}
          />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Записать отметку
        </button>
      </div>
      <FormMessage error={error} success={done} />
    </form>
  );
}
