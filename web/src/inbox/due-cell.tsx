import type { CaseListItem } from '../../../shared/api/cases';
import { countdown, formatDateTime } from '../common/format';

export function DueCell({ item, now }: { item: CaseListItem; now: Date }) {
  if (!item.finalAnswerDueAt) return <span className="muted">—</span>;
  const running = !item.finalAnswerAt && item.status !== 'closed' && item.status !== 'rejected';
  const left = running ? countdown(item.finalAnswerDueAt, now) : null;
  return (
    <>
      <span>{formatDateTime(item.finalAnswerDueAt)}</span>
      {left && <><br /><span className={left.overdue ? 'text-danger small' : 'muted small'}>{left.text}</span></>}
    </>
  );
}
