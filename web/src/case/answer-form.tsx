// Interim or final answer. The text is a draft in sessionStorage until the server accepts it, so an expired
// session or a failed request loses nothing. Validation uses the shared answer schema.
import { useId, useState, type FormEvent } from 'react';
import { answerInputSchema, MAX_ANSWER_CHARS, type CaseDetail } from '../../../shared/api/cases';
import { caseActions } from '../api/cases-api';
import { formatNumber } from '../common/format';
import { FormMessage } from '../common/states';
import { useDraft } from '../common/use-draft';
import { ANSWER_TEMPLATES, hasPlaceholders } from './answer-templates';
import { formatFileSize } from './attachments-list';
import { canDo } from './case-access';
import { KnowledgePanel } from './knowledge-panel';
import { firstIssue, useAction } from './use-action';

type Kind = 'interim' | 'final';
type ChosenFile = { name: string; mimeType: string | null; size: number; contentBase64: string };

/** The server's default per-file limit (OTKLIK_ATTACHMENT_MAX_BYTES); the server checks it in any case. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function readFile(file: File): Promise<ChosenFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({
        name: file.name,
        mimeType: file.type || null,
        size: file.size,
        contentBase64: url.slice(url.indexOf(',') + 1),
      });
    };
    reader.onerror = () => reject(reader.error ?? new Error('файл не прочитан'));
    reader.readAsDataURL(file);
  });
}

export function AnswerForm({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const kinds: Kind[] = [
    ...(canDo(detail, 'interim_answer') ? ['interim' as const] : []),
    ...(canDo(detail, 'final_answer') ? ['final' as const] : []),
  ];
  const [storedKind, setStoredKind] = useDraft(`answer-kind.${detail.id}`);
  const kind: Kind = kinds.includes(storedKind as Kind) ? (storedKind as Kind) : (kinds[kinds.length - 1] ?? 'final');
  const [body, setBody, clearBody] = useDraft(`answer.${detail.id}`);
  const [confirmPlaceholders, setConfirmPlaceholders] = useState(false);
  const [pasteCut, setPasteCut] = useState(false);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const action = useAction(onDone);
  if (kinds.length === 0) return null;

  const templates = ANSWER_TEMPLATES.filter((t) => t.kind === kind);
  // the last final answer came back from ЦУР's check: the executor corrects it rather than typing it again
  const lastFinal = detail.answers.filter((a) => a.kind === 'final').at(-1);
  const returned = lastFinal?.reviewStatus === 'returned' ? lastFinal : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const attachments = files.map(({ name, mimeType, contentBase64 }) => ({ name, mimeType, contentBase64 }));
    const parsed = answerInputSchema.safeParse({ kind, body, ...(attachments.length ? { attachments } : {}) });
    if (!parsed.success) {
      action.fail(firstIssue(parsed.error));
      return;
    }
    if (hasPlaceholders(body) && !confirmPlaceholders) {
      setConfirmPlaceholders(true);
      action.fail('В тексте остались поля в квадратных скобках. Заполните их или нажмите «Отправить» ещё раз.');
      return;
    }
    const ok = await action.run(
      () => caseActions.answer(detail.id, parsed.data),
      kind === 'final' ? 'Окончательный ответ отправлен' : 'Промежуточный ответ отправлен',
    );
    if (ok) {
      clearBody();
      setFiles([]);
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
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setStoredKind(k)}
              />
              {k === 'final' ? 'Окончательный' : 'Промежуточный'}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-template`}>Шаблон</label>
          <select
            id={`${id}-template`}
            value=""
            onChange={(e) => {
              const t = templates.find((x) => x.id === e.target.value);
              if (t && (!body.trim() || window.confirm('Заменить текст ответа шаблоном?'))) setBody(t.body);
            }}
          >
            <option value="">— выбрать шаблон —</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </div>
        {returned && kind === 'final' && body !== returned.body && (
          <p>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                if (!body.trim() || window.confirm('Заменить текст ответа возвращённым на доработку?'))
                  setBody(returned.body);
              }}
            >
              Взять текст возвращённого ответа
            </button>
          </p>
        )}
        <KnowledgePanel
          category={detail.category}
          categoryName={detail.categoryName}
          onInsert={(text) => {
            setBody(body.trim() ? `${body.trimEnd()}\n\n${text}` : text);
            setConfirmPlaceholders(false);
          }}
        />
        <div className="field">
          <label htmlFor={`${id}-body`}>Текст ответа</label>
          <textarea
            id={`${id}-body`}
            rows={8}
            value={body}
            maxLength={MAX_ANSWER_CHARS}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setBody(e.target.value);
              setConfirmPlaceholders(false);
            }}
            onPaste={(e) => {
              // the field keeps at most MAX_ANSWER_CHARS: say so when a paste does not fit, instead of cutting silently
              const t = e.currentTarget;
              const kept = t.value.length - (t.selectionEnd - t.selectionStart);
              setPasteCut(kept + e.clipboardData.getData('text').length > MAX_ANSWER_CHARS);
            }}
          />
          <span className="field-hint" id={`${id}-hint`}>
            Не короче 10 символов. Черновик сохраняется автоматически до отправки.{' '}
            {body.length > 0 && `Символов: ${formatNumber(body.length)} из ${formatNumber(MAX_ANSWER_CHARS)}.`}
          </span>
          {pasteCut && body.length >= MAX_ANSWER_CHARS && (
            <span className="field-error" role="alert">
              Вставленный текст не поместился: ответ — не больше {formatNumber(MAX_ANSWER_CHARS)} символов, конец текста
              отброшен. Сократите ответ или приложите документ файлом.
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-files`}>Фото и документы (подтверждение выполненных работ)</label>
          <input
            id={`${id}-files`}
            type="file"
            multiple
            aria-describedby={`${id}-files-hint`}
            onChange={async (e) => {
              const input = e.currentTarget;
              const chosen = [...(input.files ?? [])];
              input.value = '';
              const tooLarge = chosen.find((f) => f.size > MAX_FILE_BYTES);
              if (tooLarge) {
                action.fail(`Файл «${tooLarge.name}» больше ${MAX_FILE_BYTES / 1024 / 1024} МБ`);
                return;
              }
              const read = await Promise.all(chosen.map(readFile));
              setFiles((prev) => [...prev, ...read].slice(0, 20));
            }}
          />
          <span className="field-hint" id={`${id}-files-hint`}>
            До 20 файлов, каждый не больше {MAX_FILE_BYTES / 1024 / 1024} МБ. Фото увидит гражданин в Telegram, файлы —
            во вложениях письма.
          </span>
          {files.length > 0 && (
            <ul className="chosen-files">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`}>
                  {f.name} <span className="muted small">{formatFileSize(f.size)}</span>{' '}
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setFiles(files.filter((_, j) => j !== i))}
                    aria-label={`Убрать файл «${f.name}»`}
                  >
                    убрать
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <FormMessage error={action.error} success={action.success} />
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? 'Отправка…' : 'Отправить'}
        </button>
      </form>
    </section>
  );
}
