// Extending the final-answer deadline: once, up to 30 days, with a reason (59-ФЗ).
import { useId, useState, type FormEvent } from 'react';
import { extendInputSchema, type CaseDetail } from '../../../shared/api/cases';
import { MAX_EXTENSION_DAYS } from '../../../shared/deadlines/deadlines';
import { caseActions } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { useDraft } from '../common/use-draft';
import { canExtend } from './case-access';
import { firstIssue, useAction } from './use-action';

export function ExtensionForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState('30');
  const [reason, setReason, clearReason] = useDraft(`extension.${detail.id}`);
  const action = useAction(onDone);
  if (!canExtend(detail)) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = extendInputSchema.safeParse({ days: Number(days), reason });
    if (!parsed.success) {
      action.fail(firstIssue(parsed.error));
      return;
    }
    if (await action.run(() => caseActions.extend(detail.id, parsed.data), `Срок продлён на ${parsed.data.days} дн.`)) {
      clearReason();
      setOpen(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Продление срока</h2>
      {!open ? (
        <>
          <p className="small muted">
            Срок окончательного ответа можно продлить один раз, не более чем на {MAX_EXTENSION_DAYS} дней.
          </p>
          <button type="button" className="btn" onClick={() => setOpen(true)} aria-expanded={false}>
            Запросить продление…
          </button>
          <FormMessage success={action.success} />
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-days`}>На сколько дней</label>
            <input
              id={`${id}-days`}
              type="number"
              min={1}
              max={MAX_EXTENSION_DAYS}
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>Причина</label>
            <textarea
              id={`${id}-reason`}
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <FormMessage error={action.error} success={action.success} />
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              Продлить срок
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
