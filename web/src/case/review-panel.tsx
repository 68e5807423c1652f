// ЦУР quality control of the final answer: accept, or return for rework with a reason from the reference.
import { useId, useState, type FormEvent } from 'react';
import { RETURN_REASONS, RETURN_REASON_LABELS, type ReturnReason } from '../../../shared/cases/case-status';
import { reviewInputSchema, type CaseDetail } from '../../../shared/api/cases';
import { caseActions } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { canDo } from './case-access';
import { firstIssue, useAction } from './use-action';

export function ReviewPanel({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const { ref } = useReference();
  const [reason, setReason] = useState<ReturnReason | ''>('');
  const [comment, setComment] = useState('');
  const action = useAction(onDone);
  const canAccept = canDo(detail, 'accept');
  const canReturn = canDo(detail, 'return');
  if (!canAccept && !canReturn) return null;

  const label = (r: ReturnReason) => ref.returnReasons[r] ?? RETURN_REASON_LABELS[r];
  const sendReturn = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      action.fail('Выберите причину возврата');
      return;
    }
    const parsed = reviewInputSchema.safeParse({
      decision: 'return',
      reason,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    if (!parsed.success) {
      action.fail(firstIssue(parsed.error));
      return;
    }
    const ok = await action.run(() => caseActions.review(detail.id, parsed.data), 'Обращение возвращено на доработку');
    if (ok) {
      setReason('');
      setComment('');
    }
  };

  return (
    <section className="panel panel-accent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Контроль качества ЦУР</h2>
      {canAccept && (
        <p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={action.busy}
            onClick={() => void action.run(() => caseActions.review(detail.id, { decision: 'accept' }), 'Ответ принят')}
          >
            Принять ответ
          </button>
        </p>
      )}
      {canReturn && (
        <form onSubmit={sendReturn} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>Причина возврата</label>
            <select
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value as ReturnReason | '')}
              required
            >
              <option value="">— выберите —</option>
              {RETURN_REASONS.map((r) => (
                <option key={r} value={r}>
                  {label(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-comment`}>Комментарий исполнителю</label>
            <textarea
              id={`${id}-comment`}
              rows={3}
              maxLength={5000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-danger" disabled={action.busy}>
            Вернуть на доработку
          </button>
        </form>
      )}
      <FormMessage error={action.error} success={action.success} />
    </section>
  );
}
