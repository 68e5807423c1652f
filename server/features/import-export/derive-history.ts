import { parseMoscowTimestamp } from '../../../shared/api/messages';
import type { HistoryItem } from '../../../shared/api/interchange';
import type { CaseStatus } from '../../../shared/cases/case-status';

export interface DerivedState {
  status: CaseStatus;
  firstResponseAt: Date | null;
  finalAnswerAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  lastReassignTo: string | null;
}

const CLOSED = /заверш|закрыт|решен|исполнен|выполнен/i;
const REJECTED = /отклон|отказ|не в компетенц|спам/i;

/** The platform's state of an imported message, from its source history. Pure. */
export function deriveState(history: HistoryItem[], hasOrganisation: boolean): DerivedState {
  const times = new Map(history.map((h) => [h, parseMoscowTimestamp(h.at).getTime()]));
  const sorted = [...history].sort((a, b) => times.get(a)! - times.get(b)!);
  const answers = sorted.filter((h) => h.type === 'answer');
  const finals = answers.filter((h) => h.type === 'answer' && h.kind === 'final');
  const ratings = sorted.filter((h): h is Extract<HistoryItem, { type: 'rating' }> => h.type === 'rating');
  const lastStatus = [...sorted]
    .reverse()
    .find((h): h is Extract<HistoryItem, { type: 'status' }> => h.type === 'status');
  const lastRating = ratings[ratings.length - 1];
  const lastReopen = [...sorted].reverse().find((h) => h.type === 'reopen');
  const reassign = [...sorted]
    .reverse()
    .find((h): h is Extract<HistoryItem, { type: 'reassign' }> => h.type === 'reassign');
  const at = (h: HistoryItem | undefined): Date | null => (h ? new Date(times.get(h)!) : null);
  const lastFinal = finals[finals.length - 1];
  const reopenedAfterFinal = lastReopen && (!lastFinal || at(lastReopen)! > at(lastFinal)!);
  let status: CaseStatus;
  if (reopenedAfterFinal || (lastRating && lastRating.score <= 2 && lastFinal && at(lastRating)! > at(lastFinal)!))
    status = 'reopened';
  else if (lastFinal)
    status = lastStatus && CLOSED.test(lastStatus.status) ? 'closed' : lastRating ? 'closed' : 'answered';
  else if (lastStatus && REJECTED.test(lastStatus.status)) status = 'rejected';
  else if (answers.length) status = 'interim_answer';
  else status = hasOrganisation ? 'assigned' : 'triage';
  return {
    status,
    firstResponseAt: at(answers[0]),
    finalAnswerAt: status === 'reopened' ? null : at(lastFinal),
    closedAt: status === 'closed' ? at(sorted[sorted.length - 1]) : status === 'rejected' ? at(lastStatus) : null,
    rating: lastRating?.score ?? null,
    lastReassignTo: reassign?.to ?? null,
  };
}
