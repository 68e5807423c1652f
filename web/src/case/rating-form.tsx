// A citizen's rating received by phone or letter: 1–2 reopens the case, 3–5 closes it.
import { useId, useState, type FormEvent } from 'react';
import { ratingInputSchema, type CaseDetail } from '../../../shared/api/cases';
import { caseActions } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { canRate } from './case-access';
import { firstIssue, useAction } from './use-action';

const SCORES = [1, 2, 3, 4, 5] as const;

export function RatingForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const [score, setScore] = useState<number | null>(detail.rating);
  const [comment, setComment] = useState('');
  const action = useAction(onDone);
  if (!canRate(detail)) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = ratingInputSchema.safeParse({ score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    if (!parsed.success) {
      action.fail(score === null ? 'Выберите оценку' : firstIssue(parsed.error));
      return;
    }
    await action.run(() => caseActions.rate(detail.id, parsed.data), `Оценка ${parsed.data.score} сохранена`);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Оценка гражданина</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="radio-row">
          <legend>Оценка (1 — плохо, 5 — отлично)</legend>
          {SCORES.map((s) => (
            <label key={s} className="check">
              <input type="radio" name={`${id}-score`} value={s} checked={score === s} onChange={() => setScore(s)} />{' '}
              {s}
            </label>
          ))}
        </fieldset>
        <p className="field-hint">Оценка 1–2 откроет обращение повторно, 3–5 — закроет его.</p>
        <div className="field">
          <label htmlFor={`${id}-comment`}>Комментарий</label>
          <input id={`${id}-comment`} value={comment} maxLength={5000} onChange={(e) => setComment(e.target.value)} />
        </div>
        <FormMessage error={action.error} success={action.success} />
        <button type="submit" className="btn" disabled={action.busy}>
          Сохранить оценку
        </button>
      </form>
    </section>
  );
}
