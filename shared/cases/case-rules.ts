// Which operations a case admits, as pure functions of the case itself. The use cases refuse what these refuse,
// and the server sends their verdict (filtered by the user's permissions) to the web app as `allowedActions`, so
// the card offers exactly what the API will accept.
import { MAX_EXTENSIONS } from '../deadlines/deadlines';
import { allowedActions, CASE_ACTIONS, type CaseAction, type CaseStatus } from './case-status';

/** Operations on a case besides the lifecycle transitions. */
export const CASE_OPERATIONS = ['rate', 'extend', 'reclassify'] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];
/** Everything the card may offer: a lifecycle transition or one of the operations. */
export const CASE_ALLOWED_ACTIONS = [...CASE_ACTIONS, ...CASE_OPERATIONS] as const;
export type CaseAllowedAction = CaseAction | CaseOperation;

/** The facts of a case the rules look at. */
export interface CaseFacts {
  status: CaseStatus;
  finalAnswerAt: Date | string | null;
  finalAnswerDueAt: Date | string | null;
  extensionsUsed: number;
  /** A final answer waits for ЦУР's check: the citizen has not seen it yet (unknown if absent). */
  finalAnswerAwaitingReview?: boolean;
  /** The moment the facts were read: a deadline is compared with it (absent: not compared). */
  now?: Date;
}

/** Statuses in which a case is finished: its decision is no longer changed (only reopening brings it back). */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['closed', 'rejected'];

const finished = (c: Pick<CaseFacts, 'status'>): boolean => FINISHED_STATUSES.includes(c.status);

/**
 * A satisfaction rating belongs to a final answer the citizen has seen: there is one, or the case is answered, accepted
 * or closed — but not while that answer still waits for ЦУР's check.
 */
export function canRate(c: Pick<CaseFacts, 'status' | 'finalAnswerAt' | 'finalAnswerAwaitingReview'>): boolean {
  if (c.finalAnswerAwaitingReview === true) return false;
  return !!c.finalAnswerAt || (['answered', 'accepted', 'closed'] as readonly CaseStatus[]).includes(c.status);
}

/**
 * The final-answer deadline is extended once (59-ФЗ), while it runs and no final answer has been given: a deadline
 * already missed is not moved (the lateness stays on record).
 */
export function canExtend(c: CaseFacts): boolean {
  return (
    c.extensionsUsed < MAX_EXTENSIONS && !!c.finalAnswerDueAt && !c.finalAnswerAt && !finished(c) && !deadlinePassed(c)
  );
}

/** The final-answer deadline is already behind `now` (false when either is unknown). */
export function deadlinePassed(c: Pick<CaseFacts, 'finalAnswerDueAt' | 'now'>): boolean {
  return !!c.now && !!c.finalAnswerDueAt && new Date(c.finalAnswerDueAt).getTime() <= c.now.getTime();
}

/** Block and category are corrected while the case is being worked on, not after it is closed or rejected. */
export function canReclassify(c: Pick<CaseFacts, 'status'>): boolean {
  return !finished(c);
}

export function canClose(c: Pick<CaseFacts, 'status'>): boolean {
  return allowedActions(c.status).includes('close');
}

/** Everything the case admits now, before the user's permissions are applied. */
export function caseAdmits(c: CaseFacts): CaseAllowedAction[] {
  const operations: CaseOperation[] = [];
  if (canRate(c)) operations.push('rate');
  if (canExtend(c)) operations.push('extend');
  if (canReclassify(c)) operations.push('reclassify');
  return [...allowedActions(c.status), ...operations];
}
