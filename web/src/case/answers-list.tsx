import type { CaseDetail } from '../../../shared/api/cases';
import { RETURN_REASON_LABELS, type ReturnReason } from '../../../shared/cases/case-status';
import { formatDateTime } from '../common/format';
import { AttachmentsList } from './attachments-list';

const REVIEW_LABELS: Record<string, string> = {
  pending: 'ожидает проверки ЦУР',
  accepted: 'принят ЦУР',
  returned: 'возвращён на доработку',
  imported: 'перенесён из исходной системы',
};

function reasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return (RETURN_REASON_LABELS as Record<string, string>)[reason as ReturnReason] ?? reason;
}

export function AnswersList({ answers }: { answers: CaseDetail['answers'] }) {
  return (
    <section className="panel" aria-labelledby="answers-title">
      <h2 id="answers-title">Ответы</h2>
      {answers.length === 0 ? (
        <p className="muted">Ответов пока нет.</p>
      ) : (
        <ol className="answers">
          {answers.map((a) => (
            <li key={a.id} className={`answer answer-${a.reviewStatus}`}>
              <p className="answer-head">
                <strong>{a.kind === 'final' ? 'Окончательный ответ' : 'Промежуточный ответ'}</strong>
                <span className="muted small">
                  {' '}
                  · {formatDateTime(a.createdAt)}
                  {a.author ? ` · ${a.author}` : ''}
                </span>
                {a.kind === 'final' && (
                  <span className={`badge review-${a.reviewStatus}`}>
                    {REVIEW_LABELS[a.reviewStatus] ?? a.reviewStatus}
                  </span>
                )}
              </p>
              <p className="message-text">{a.body}</p>
              <AttachmentsList files={a.attachments} label="Файлы ответа" />
              {(a.reviewReason || a.reviewComment) && (
                <p className="small review-note">
                  {reasonLabel(a.reviewReason) && <>Причина: {reasonLabel(a.reviewReason)}. </>}
                  {a.reviewComment && <>Комментарий ЦУР: {a.reviewComment}</>}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
