// What the card may offer: an action needs both the lifecycle (allowedActions) and the user's per-case
// permission, both computed by the server. The permission each action needs mirrors the server's routes.
import type { CaseDetail } from '../../../shared/api/cases';
import type { CaseAction } from '../../../shared/cases/case-status';

const NEEDS: Record<CaseAction, string> = {
  take: 'answer',
  interim_answer: 'answer',
  final_answer: 'answer',
  accept: 'review',
  return: 'review',
  close: 'review',
  reopen: 'triage',
  send_to_triage: 'triage',
  route: 'triage',
  reassign: 'triage',
  reject: 'triage',
};

export function canDo(detail: CaseDetail, action: CaseAction): boolean {
  return detail.allowedActions.includes(action) && detail.permissions[NEEDS[action]] === true;
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
