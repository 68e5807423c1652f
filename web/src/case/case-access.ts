// What the card may offer. The server sends `allowedActions` already computed for the signed-in user (the case's
// lifecycle and the user's permission on this case), so the card only reads it.
import type { CaseDetail } from '../../../shared/api/cases';
import type { CaseAction } from '../../../shared/cases/case-status';

export function canDo(detail: CaseDetail, action: CaseAction): boolean {
  return detail.allowedActions.includes(action);
}

export function canAnswer(detail: CaseDetail): boolean {
  return canDo(detail, 'interim_answer') || canDo(detail, 'final_answer');
}

export function canExtend(detail: CaseDetail): boolean {
  return detail.permissions.extend === true && detail.extensionsUsed < 1 && !!detail.finalAnswerDueAt
    && !detail.finalAnswerAt && detail.status !== 'closed' && detail.status !== 'rejected';
}

export function canRate(detail: CaseDetail): boolean {
  return detail.permissions.rate === true
    && (!!detail.finalAnswerAt || ['answered', 'accepted', 'closed'].includes(detail.status));
}

export function canClassify(detail: CaseDetail): boolean {
  return detail.permissions.triage === true && !['closed', 'rejected'].includes(detail.status);
}

export function canReassign(detail: CaseDetail): boolean {
  return canDo(detail, 'reassign') || canDo(detail, 'route');
}
