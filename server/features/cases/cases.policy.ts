import { caseAdmits, type CaseAllowedAction, type CaseFacts } from '../../../shared/cases/case-rules';
import { isCaseStatus } from '../../../shared/cases/case-status';
import type { Actor } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { blockScope, can, organisationScope } from '../auth/authorize';
import { viewOf } from '../personal-data/case-view';

export interface CasePermissions {
  [key: string]: boolean;
  read: boolean;
  answer: boolean;
  triage: boolean;
  review: boolean;
  extend: boolean;
  rate: boolean;
  seeContacts: boolean;
}

interface ScopedCase {
  organisation_id: number | null;
  block_code: string | null;
}

/** Executors see only their organisation's cases; everyone else with cases.read sees all. */
export function canSeeCase(actor: Actor, c: ScopedCase): boolean {
  if (!can(actor, 'cases.read')) return false;
  const scope = organisationScope(actor);
  return scope === null || scope === c.organisation_id;
}

/** Per-case permissions, computed on the server and sent with the case so the web app never re-decides them. */
export function casePermissions(actor: Actor, c: ScopedCase): CasePermissions {
  const visible = canSeeCase(actor, c);
  const block = blockScope(actor);
  const acts = visible && (block === null || block === c.block_code);
  return {
    read: visible,
    answer: acts && can(actor, 'cases.answer'),
    triage: acts && can(actor, 'cases.triage'),
    review: acts && can(actor, 'cases.review'),
    extend: acts && can(actor, 'cases.extend'),
    rate: acts && can(actor, 'cases.rate'),
    seeContacts: visible && actor.kind === 'user' && viewOf(actor).contact,
  };
}

/** The per-case permission each action needs (mirrors the routes: answers, review, triage, extension, rating). */
const ACTION_NEEDS: Record<CaseAllowedAction, keyof CasePermissions> = {
  take: 'answer',
  interim_answer: 'answer',
  final_answer: 'answer',
  accept: 'review',
  return: 'review',
  close: 'review',
  reopen: 'triage',
  send_to_triage: 'triage',
  decline: 'answer',
  route: 'triage',
  reassign: 'triage',
  reject: 'triage',
  reclassify: 'triage',
  extend: 'extend',
  rate: 'rate',
};

/** The facts of a stored case that the shared case rules (`shared/cases/case-rules.ts`) decide on. */
export function caseFacts(
  row: {
    status: string;
    final_answer_at: Date | null;
    final_answer_due_at: Date | null;
    extensions_used: number;
  },
  more: Pick<CaseFacts, 'finalAnswerAwaitingReview' | 'now'> = {},
): CaseFacts {
  return {
    status: isCaseStatus(row.status) ? row.status : 'new',
    finalAnswerAt: row.final_answer_at,
    finalAnswerDueAt: row.final_answer_due_at,
    extensionsUsed: row.extensions_used,
    ...more,
  };
}

/** What this user may do with the case now: the case rules admit it and the user holds the permission. */
export function allowedActionsFor(facts: CaseFacts, permissions: CasePermissions): CaseAllowedAction[] {
  return caseAdmits(facts).filter((a) => permissions[ACTION_NEEDS[a]] === true);
}

/** Throws 404 for a case the actor may not see (its existence is not revealed), 403 for a missing permission. */
export function assertCase(
  actor: Actor,
  c: ScopedCase | undefined,
  permission: keyof CasePermissions = 'read',
): asserts c is ScopedCase {
  if (!c || !canSeeCase(actor, c)) throw new AppError('not_found', 'Обращение не найдено');
  if (!casePermissions(actor, c)[permission])
    throw new AppError('forbidden', 'Недостаточно прав для этого действия с обращением');
}

export function listScope(actor: Actor): number | null {
  const scope = organisationScope(actor);
  if (scope === 'none') throw new AppError('forbidden', 'Пользователь-исполнитель не привязан к организации');
  return scope;
}
