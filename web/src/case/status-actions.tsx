// Plain lifecycle steps (take into work, close, reopen, send to triage), rejection with a reason, and the executor's
// «not our competence» back to ЦУР with an explanation.
import { useId, useState, type FormEvent } from 'react';
import { rejectInputSchema, transitionInputSchema, type CaseDetail } from '../../../shared/api/cases';
import {
  ACTION_LABELS,
  REJECTION_REASONS,
  REJECTION_REASON_LABELS,
  type RejectionReason,
} from '../../../shared/cases/case-status';
import { caseActions } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { canDo } from './case-access';
import { firstIssue, useAction } from './use-action';

const TRANSITIONS = ['take', 'close', 'reopen', 'send_to_triage'] as const;

export function StatusActions({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const action = useAction(onDone);
  const [reason, setReason] = useState<RejectionReason | ''>('');
  const [comment, setComment] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [why, setWhy] = useState('');
  // The server's allowedActions follow the lifecycle: «Закрыть» and «Открыть повторно» come once the centre
  // accepted the answer; an answer waiting for review is decided in the review panel.
  const transitions = TRANSITIONS.filter((t) => canDo(detail, t));
  const reject = canDo(detail, 'reject');
  const decline = canDo(detail, 'decline');
  if (transitions.length === 0 && !reject && !decline) return null;

  const submitDecline = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = transitionInputSchema.safeParse({ action: 'decline', comment: why.trim() });
    if (!parsed.success) return action.fail(firstIssue(parsed.error));
    if (await action.run(() => caseActions.transition(detail.id, parsed.data), 'Обращение возвращено в ЦУР на разбор'))
      setWhy('');
  };

  const submitReject = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return action.fail('Выберите причину отклонения');
    const parsed = rejectInputSchema.safeParse({
      reason,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(duplicateOf.trim() ? { duplicateOf: duplicateOf.trim() } : {}),
    });
    if (!parsed.success) return action.fail(firstIssue(parsed.error));
    if (reason === 'duplicate' && !parsed.data.duplicateOf) return action.fail('Укажите номер основного обращения');
    await action.run(() => caseActions.reject(detail.id, parsed.data), 'Обращение отклонено');
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Действия</h2>
      {transitions.length > 0 && (
        <div className="button-row">
          {transitions.map((t) => (
            <button
              key={t}
              type="button"
              className={t === 'take' ? 'btn btn-primary' : 'btn'}
              disabled={action.busy}
              onClick={() =>
                void action.run(
                  () => caseActions.transition(detail.id, { action: t }),
                  `Выполнено: ${ACTION_LABELS[t]}`,
                )
              }
            >
              {ACTION_LABELS[t]}
            </button>
          ))}
        </div>
      )}
      {decline && (
        <details>
          <summary>{ACTION_LABELS.decline}</summary>
          <form onSubmit={submitDecline} noValidate>
            <div className="field">
              <label htmlFor={`${id}-why`}>Почему не ваша компетенция и чья она</label>
              <textarea
                id={`${id}-why`}
                rows={3}
                maxLength={2000}
                value={why}
                onChange={(e) => setWhy(e.target.value)}
              />
            </div>
            <button type="submit" className="btn" disabled={action.busy}>
              Вернуть в ЦУР
            </button>
          </form>
        </details>
      )}
      {reject && (
        <details>
          <summary>Отклонить обращение</summary>
          <form onSubmit={submitReject} noValidate>
            <div className="field">
              <label htmlFor={`${id}-reason`}>Причина</label>
              <select
                id={`${id}-reason`}
                value={reason}
                onChange={(e) => setReason(e.target.value as RejectionReason | '')}
              >
                <option value="">— выберите —</option>
                {REJECTION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {REJECTION_REASON_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
            {reason === 'duplicate' && (
              <div className="field">
                <label htmlFor={`${id}-dup`}>Номер основного обращения</label>
                <input
                  id={`${id}-dup`}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  value={duplicateOf}
                  onChange={(e) => setDuplicateOf(e.target.value)}
                />
              </div>
            )}
            <div className="field">
              <label htmlFor={`${id}-comment`}>Комментарий</label>
              <input
                id={`${id}-comment`}
                maxLength={2000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
            <button type="submit" className="btn btn-danger" disabled={action.busy}>
              Отклонить
            </button>
          </form>
        </details>
      )}
      <FormMessage error={action.error} success={action.success} />
    </section>
  );
}
