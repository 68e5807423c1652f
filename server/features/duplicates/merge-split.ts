// Operator actions on duplicates, with history and nothing deleted: merge one case into another, split a
// message out into a case of its own.
import type { z } from 'zod';
import type { mergeInputSchema, splitInputSchema } from '../../../shared/api/cases';
import { REJECTION_REASON_LABELS } from '../../../shared/cases/case-status';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from '../cases/case-events';
import { applyTransition } from '../cases/apply-transition';
import { loadCaseForUpdate } from '../cases/load-case';
import { openCase } from '../intake/receive-message';
import { placeOfMessage } from '../intake/place-flags';
import type { Channel } from '../../../shared/deadlines/channels';

/**
 * Merges case `sourceId` into case `targetId`: the source's messages move to the target (marked as repeated),
 * the source is rejected as a duplicate with a link to the target; both histories record it.
 */
export async function mergeCases(ctx: Ctx, targetId: string, input: z.infer<typeof mergeInputSchema>): Promise<void> {
  if (targetId === input.sourceId) throw new AppError('validation_failed', 'Нельзя объединить обращение с самим собой');
  await withTransaction(ctx, async (tx) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [first, second] = [targetId, input.sourceId].sort((a, b) => Number(a) - Number(b));
    const locked = new Map([
      [first, await loadCaseForUpdate(tx, first ?? '', 'triage')],
      [second, await loadCaseForUpdate(tx, second ?? '', 'triage')],
    ]);
    const target = locked.get(targetId);
    const source = locked.get(input.sourceId);
    if (!target || !source) throw new AppError('not_found', 'Обращение не найдено');
    if (target.merged_into_id)
      throw new AppError('invalid_transition', `Обращение ${target.id} уже объединено с ${target.merged_into_id}`);
    if (source.merged_into_id)
      throw new AppError('invalid_transition', `Обращение ${source.id} уже объединено с ${source.merged_into_id}`);
    if (target.status === 'rejected')
      throw new AppError('invalid_transition', 'Основное обращение отклонено: объединять в него нельзя');
    const moved = await tx.db
      .updateTable('messages')
      .set({ case_id: target.id, is_duplicate: true })
      .where('case_id', '=', source.id)
      .returning('id')
      .execute();
    const messageIds = moved.map((m) => m.id);
    await applyTransition(
      tx,
      source,
      'reject',
      {
        merged_into_id: target.id,
        closed_at: tx.services.clock.now(),
        rejection_reason: `${REJECTION_REASON_LABELS.duplicate}: объединено с обращением ${target.id}${input.comment ? ` (${input.comment})` : ''}`,
      },
      { reason: 'duplicate', duplicateOf: target.id },
    );
    await appendEvents(tx, [
      { caseId: target.id, type: 'merged', data: { from: source.id, messageIds, comment: input.comment ?? null } },
      { caseId: source.id, type: 'merged', data: { into: target.id, messageIds, comment: input.comment ?? null } },
    ]);
    await tx.db.updateTable('cases').set({ updated_at: tx.services.clock.now() }).where('id', '=', target.id).execute();
  });
}

/**
 * Splits one message out of a case into a new case: the text is analysed again and the new case is routed (or
 * sent to triage) like a fresh intake; both histories record it. Returns the new case's id.
 */
export async function splitMessage(ctx: Ctx, caseId: string, input: z.infer<typeof splitInputSchema>): Promise<string> {
  return withTransaction(ctx, async (tx) => {
    const row = await loadCaseForUpdate(tx, caseId, 'triage');
    if (row.merged_into_id)
      throw new AppError('invalid_transition', `Обращение объединено с ${row.merged_into_id}: разделяйте основное`);
    const messages = await tx.db
      .selectFrom('messages')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('created_at')
      .orderBy('id')
      .forUpdate()
      .execute();
    const message = messages.find((m) => m.id === input.messageId);
    if (!message) throw new AppError('not_found', 'Сообщение не найдено в этом обращении');
    if (messages.length < 2) throw new AppError('invalid_transition', 'В обращении одно сообщение: выделять нечего');
    const analysis = tx.services.analyzer.analyze(message.text, message.created_at);
    const ref = await tx.services.reference.get(tx.db);
    const location = {
      ...(message.address ? { address: message.address } : {}),
      ...(message.lat !== null ? { lat: message.lat } : {}),
      ...(message.lon !== null ? { lon: message.lon } : {}),
      ...(message.municipality_raw ? { municipality: message.municipality_raw } : {}),
    };
    const newCaseId = await openCase(
      tx,
      ref,
      {
        channel: message.channel as Channel,
        externalId: message.external_id,
        text: message.text,
        location,
      },
      analysis,
      placeOfMessage(tx, ref, { location }, analysis),
      message.created_at,
    );
    await tx.db
      .updateTable('messages')
      .set({ case_id: newCaseId, is_duplicate: false })
      .where('id', '=', message.id)
      .execute();
    const remaining = messages.filter((m) => m.id !== message.id);
    const first = remaining[0];
    if (first && row.summary === message.text.slice(0, 20_000)) {
      await tx.db
        .updateTable('cases')
        .set({ summary: first.text.slice(0, 20_000) })
        .where('id', '=', row.id)
        .execute();
    }
    if (first && !remaining.some((m) => !m.is_duplicate)) {
      await tx.db.updateTable('messages').set({ is_duplicate: false }).where('id', '=', first.id).execute();
    }
    await appendEvents(tx, [
      { caseId: row.id, type: 'split', data: { messageId: message.id, newCaseId, comment: input.comment ?? null } },
      {
        caseId: newCaseId,
        type: 'split',
        data: { messageId: message.id, fromCaseId: row.id, comment: input.comment ?? null },
      },
    ]);
    return newCaseId;
  });
}
