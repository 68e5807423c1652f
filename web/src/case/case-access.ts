// What the card may offer. The server sends `allowedActions` already computed for the signed-in user by the shared
// case rules (`shared/cases/case-rules.ts`) and the user's permission on this case, so the card only reads it.
import type { CaseDetail } from '../../../shared/api/cases';
import type { CaseAllowedAction } from '../../../shared/cases/case-rules';

export function canDo(detail: CaseDetail, action: CaseAllowedAction): boolean {
  return detail.allowedActions.includes(action);
}

export function canAnswer(detail: CaseDetail): boolean {
  return canDo(detail, 'interim_answer') || canDo(detail, 'final_answer');
}

export function canExtend(detail: CaseDetail): boolean {
  return canDo(detail, 'extend');
}

export function canRate(detail: CaseDetail): boolean {
  return canDo(detail, 'rate');
}

export function canClassify(detail: CaseDetail): boolean {
  return canDo(detail, 'reclassify');
}

export function canReassign(detail: CaseDetail): boolean {
  return canDo(detail, 'reassign') || canDo(detail, 'route');
}
