import type { CaseListItem } from '../../../shared/api/cases';
import { countdown, formatDate, formatDateTime } from '../common/format';

/** The final-answer deadline and the time left; dense: one line, the date without the time, coloured by the state. */
export function DueCell({ item, now, dense }: { item: CaseListItem; now: Date; dense?: boolean | undefined }) {
  if (!item.finalAnswerDueAt) return <span className="muted">—</span>;
  const running = !item.finalAnswerAt && item.status !== 'closed' && item.status !== 'rejected';
  const left = running ? countdown(item.finalAnswerDueAt, now) : null;
  if (dense) {
    // one line: the largest unit only («просрочено 86 д»); the whole figure in the hint
    const short = running ? countdown(item.finalAnswerDueAt, now, true) : null;
    return (
      <span title={`${formatDateTime(item.finalAnswerDueAt)}${left ? `, ${left.text}` : ''}`}>
        {formatDate(item.finalAnswerDueAt)}
        {left && (
          <span
            className={
              left.overdue ? 'text-danger small' : item.deadlineState === 'at_risk' ? 'text-warn small' : 'muted small'
            }
          >
            {' '}
            · {short?.text}
          </span>
        )}
      </span>
    );
  }
  return (
    <>
      <span>{formatDateTime(item.finalAnswerDueAt)}</span>
      {left && (
        <>
          <br />
          <span className={left.overdue ? 'text-danger small' : 'muted small'}>{left.text}</span>
        </>
      )}
    </>
  );
}
