import type { z } from 'zod';
import type { answerInputSchema } from '../../../shared/api/cases';
import { type Ctx, withTransaction } from '../../lib/context';
import { insertAttachmentRows, prepareAttachments, type PreparedAttachments } from '../attachments/message-attachments';
import { appendEvents } from './case-events';
import { assertCase } from './cases.policy';
import { getCaseRow } from './cases.repository';
import { applyTransition } from './apply-transition';
import { loadCaseForUpdate } from './load-case';
import { scheduleAutoAccept } from './publication-policy';
import { publishAnswer } from './publish-answer';

/**
 * An interim or final answer from the responsible organisation (or ЦУР staff). An interim answer is published at
 * once; a final answer waits for ЦУР's review (or the publication policy's automatic acceptance) before any channel
 * shows it. The final answer stops the final-answer clock; the first published answer stops the first-response clock.
 */
export async function answerCase(ctx: Ctx, caseId: string, input: z.infer<typeof answerInputSchema>): Promise<void> {
  // Photos and acts of the work done: checked and stored before the transaction, by someone who may answer.
  let files: PreparedAttachments | null = null;
  if (input.attachments?.length) {
    assertCase(ctx.actor, await getCaseRow(ctx.db, caseId), 'answer');
    files = await prepareAttachments(ctx.services, input.attachments, null, 'strict');
  }
  await withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'answer');
    const now = tx.services.clock.now();
    const action = input.kind === 'final' ? 'final_answer' : 'interim_answer';
    const organisationId =
      tx.actor.kind === 'user' ? (tx.actor.organisationId ?? row.organisation_id) : row.organisation_id;
    const answer = await tx.db
      .insertInto('answers')
      .values({
        case_id: row.id,
        kind: input.kind,
        body: input.body,
        created_at: now,
        organisation_id: organisationId,
        author_user_id: tx.actor.kind === 'user' ? tx.actor.userId : null,
        author_label: tx.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (files) await insertAttachmentRows(tx, { answerId: answer.id }, files);
    await applyTransition(tx, row, action, {
      citizen_replied_at: null,
      ...(input.kind === 'final' ? { final_answer_at: now } : {}),
    });
    await appendEvents(tx, [
      {
        caseId: row.id,
        type: 'answer',
        data: { answerId: answer.id, kind: input.kind, ...(files ? { files: files.files.length } : {}) },
      },
    ]);
    if (input.kind === 'interim') await publishAnswer(tx, row.id, answer.id);
    else await scheduleAutoAccept(tx, row, answer.id);
  });
}
