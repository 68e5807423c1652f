import type { IntakeResult } from '../../../shared/api/messages';
import type { Ctx } from '../../lib/context';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';

export async function presentIntake(
  ctx: Ctx,
  ref: ReferenceSnapshot,
  messageId: string,
  caseId: string,
  duplicate: boolean,
  analysis: Analysis | null,
): Promise<IntakeResult> {
  const c = await ctx.db
    .selectFrom('cases')
    .select([
      'id',
      'status',
      'block_code',
      'category_code',
      'municipality_id',
      'organisation_id',
      'classification',
      'urgency',
      'first_response_due_at',
      'final_answer_due_at',
      'priority',
    ])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return intakeResultOf(ref, messageId, c, duplicate, analysis);
}

/** The fields of a case the intake answer shows. */
export interface IntakeCaseFields {
  id: string;
  status: string;
  block_code: string | null;
  category_code: string | null;
  municipality_id: number | null;
  organisation_id: number | null;
  classification: { confidence?: number } | null;
  urgency: { flags?: IntakeResult['flags'] } | null;
  first_response_due_at: Date | null;
  final_answer_due_at: Date | null;
  priority: IntakeResult['priority'];
}

/** The intake answer from the case's fields (read back, or just written: a new case needs no second read). */
export function intakeResultOf(
  ref: ReferenceSnapshot,
  messageId: string,
  c: IntakeCaseFields,
  duplicate: boolean,
  analysis: Analysis | null,
): IntakeResult {
  const block = ref.blocks.find((b) => b.code === c.block_code);
  const category = ref.categories.find((x) => x.blockCode === c.block_code && x.code === c.category_code);
  return {
    messageId: String(messageId),
    caseId: String(c.id),
    status: c.status,
    block: c.block_code,
    blockName: block?.name ?? null,
    category: c.category_code,
    categoryName: category?.name ?? null,
    confidence: analysis?.confidence ?? c.classification?.confidence ?? 0,
    municipality: c.municipality_id !== null ? (ref.municipalityById.get(c.municipality_id)?.shortName ?? null) : null,
    organisation: c.organisation_id !== null ? (ref.organisationById.get(c.organisation_id)?.name ?? null) : null,
    firstResponseDueAt: c.first_response_due_at?.toISOString() ?? null,
    finalAnswerDueAt: c.final_answer_due_at?.toISOString() ?? null,
    duplicate,
    priority: c.priority,
    flags: analysis?.flags ?? c.urgency?.flags ?? [],
  };
}
