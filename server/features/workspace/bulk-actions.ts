// One action on many cases (the inbox's selection): each case goes through the same use case as its own button,
// in its own transaction, with its own permission check; one case refused does not stop or undo the others.
import type { BulkActionInput, BulkActionResult } from '../../../shared/api/workspace';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { changeStatus } from '../cases/change-status';
import { reassignCase } from '../cases/reassign-case';
import { mergeCases } from '../duplicates/merge-split';

function applyOne(ctx: Ctx, id: string, input: BulkActionInput): Promise<void> {
  switch (input.action) {
    case 'assign':
      return reassignCase(ctx, id, { organisationId: input.organisationId, reason: input.reason });
    case 'send_to_triage':
      return changeStatus(ctx, id, { action: 'send_to_triage', ...(input.comment ? { comment: input.comment } : {}) });
    case 'merge':
      return mergeCases(ctx, input.targetId, { sourceId: id, ...(input.comment ? { comment: input.comment } : {}) });
  }
}

export async function applyBulkAction(ctx: Ctx, input: BulkActionInput): Promise<BulkActionResult> {
  const ids = [...new Set(input.ids)].filter((id) => input.action !== 'merge' || id !== input.targetId);
  const results: BulkActionResult['results'] = [];
  for (const id of ids) {
    try {
      await applyOne(ctx, id, input);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
