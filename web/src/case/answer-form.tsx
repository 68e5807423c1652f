// Interim or final answer. The text is a draft in sessionStorage until the server accepts it, so an expired
// session or a failed request loses nothing. Validation uses the shared answer schema.
import { useId, useState, type FormEvent } from 'react';
import { answerInputSchema, type CaseDetail } from '../../../shared/api/cases';
import { caseActions } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { useDraft } from '../common/use-draft';
import { ANSWER_TEMPLATES, hasPlaceholders } from './answer-templates';
import { canDo } from './case-access';
import { firstIssue, useAction } from './use-action';

type Kind = 'interim' | 'final';

export function AnswerForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const kinds: Kind[] = [
    ...(canDo(detail, 'interim_answer') ? ['interim' as const] : []),
    ...(canDo(detail, 'final_answer') ? ['final' as const] : []),
  ];
  const [storedKind, setStoredKind] = useDraft(`answer-kind.${detail.id}`);
  const kind: Kind = kinds.includes(storedKind as Kind) ? storedKind as Kind : kinds[kinds.length - 1] ?? 'final';
  const [body, setBody, clearBody] = useDraft(`answer.${detail.id}`);
  const [confirmPlaceholders, setConfirmPlaceholders] = useState(false);
  const action = useAction(onDone);
  if (kinds.length === 0) return null;

  const templates = ANSWER_TEMPLATES.filter((t) => t.kind === kind);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = answerInputSchema.safeParse({ kind, body });
    if (!parsed.success) {
      action.fail(firstIssue(parsed.error));
      return;
    }
    if (hasPlaceholders(body) && !confirmPlaceholders) {
      setConfirmPlaceholders(true);
      action.fail('В тексте остались поля в квадратных скобках. Заполните их или нажмите «Отправить» ещё раз.');
      return;
    }
    const ok = await action.run(() => caseActions.answer(detail.id, parsed.data),
      kind === 'final' ? 'Окончательный ответ отправлен' : 'Промежуточный ответ отправлен');
    if (ok) {
      clearBody();
      setConfirmPlaceholders(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Ответ заявителю</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="radio-row">
          <legend>Вид ответа</legend>
          {kinds.map((k) => (
            <label key={k} className="check">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setStoredKind(k)} />
              {k === 'final' ? 'Окончательный' : 'Промежуточный'}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-template`}>Шаблон</label>
          <select id={`${id}-template`} value="" onChange={(e) => {
            const t = templates.find((x) => x.id === e.target.value);
            if (t && (!body.trim() || window.confirm('Заменить текст ответа шаблоном?'))) setBody(t.body);
          }}>
            <option value="">— выбрать шаблон —</option>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>Текст ответа</label>
          <textarea id={`${id}-body`} rows={8} value={body} maxLength={20_000} aria-describedby={`${id}-hint`}
            onChange={(e) => { setBody(e.target.value); setConfirmPlaceholders(false); }} />
          <span className="field-hint" id={`${id}-hint`}>
            Не короче 10 символов. Черновик сохраняется автоматически до отправки. {body.length > 0 && `Символов: ${body.length}.`}
          </span>
        </div>
        <FormMessage error={action.error} success={action.success} />
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? 'Отправка…' : 'Отправить'}
        </button>
      </form>
    </section>
  );
}
