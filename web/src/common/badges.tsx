import { CASE_STATUS_LABELS, CITIZEN_REPLIED_LABEL, isCaseStatus } from '../../../shared/cases/case-status';
import { CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import { DEADLINE_STATE_LABELS, priorityLabel, type DeadlineState } from './labels';

export function statusLabel(status: string): string {
  return isCaseStatus(status) ? CASE_STATUS_LABELS[status] : status;
}

export function channelLabel(channel: string): string {
  return isChannel(channel) ? CHANNEL_LABELS[channel] : channel;
}

/** The case's status; `citizenRepliedAt` adds «Гражданин ответил» (a follow-up after the answer nobody has acted on yet). */
export function StatusBadge({ status, citizenRepliedAt = null }: { status: string; citizenRepliedAt?: string | null }) {
  return (
    <>
      <span className={`badge status-${status}`} title={statusLabel(status)}>
        {statusLabel(status)}
      </span>
      {citizenRepliedAt && (
        <>
          {' '}
          <span className="badge status-reopened" title="Гражданин написал после ответа: нужна реакция оператора">
            {CITIZEN_REPLIED_LABEL}
          </span>
        </>
      )}
    </>
  );
}

export function DeadlineBadge({ state }: { state: DeadlineState | null }) {
  if (!state) return <span className="muted">нет срока</span>;
  return <span className={`badge deadline-${state}`}>{DEADLINE_STATE_LABELS[state]}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  if (priority === 'normal') return null;
  return <span className={`badge priority-${priority}`}>{priorityLabel(priority)}</span>;
}

export function ConfidenceMeter({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  const pct = Math.round(value * 100);
  const level = pct >= 80 ? 'high' : pct >= 50 ? 'mid' : 'low';
  return (
    <span className={`confidence confidence-${level}`}>
      <meter min={0} max={100} low={50} high={80} optimum={100} value={pct} aria-hidden="true" />
      <span>{pct} %</span>
    </span>
  );
}
