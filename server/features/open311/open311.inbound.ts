import { sql } from 'kysely';
import { type Actor, type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { appendEvents } from '../cases/case-events';
import { markCitizenReplied } from '../cases/citizen-follow-up';
import { loadCaseForUpdate } from '../cases/load-case';
import { rateAnswer, reopenForCitizen } from '../cases/rate-case';
import { insertMessage, isUniqueViolation } from '../intake/receive-message';
import { Open311Error, parseW3c } from './open311.format';
import { OPEN311_CHANNEL } from './open311.updates';

// Inbound request updates (mySociety's `POST servicerequestupdates`, what FixMyStreet sends when a citizen comments
// on a report or answers its questionnaire). Each update becomes a follow-up message of the request's case (channel
// `open311`, labels.open311.update_id), idempotent by the client's update id. `status=OPEN` on a request the public
// sees as closed (an accepted answer, closed) — FixMyStreet's «not fixed» — reopens the case. An optional `rating`
// (1–5, also `attribute[rating]`) rates the published answer through the one rating path (1–2 reopen). Any other
// update on an answered or closed case flags it «гражданин ответил».

type Fields = Record<string, unknown>;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;
const REOPEN_FROM = ['accepted', 'closed', 'rejected'];

export interface InboundUpdate {
  requestId: string;
  updateId: string;
  status: string | null;
  description: string | null;
  rating: number | null;
  mediaUrl: string | null;
  author: { name: string | null; contact: string | null; externalId: string | null };
  at: Date | null;
}

export function parseInboundUpdate(fields: Fields): InboundUpdate {
  const requestId = text(fields.service_request_id) ?? text(fields.request_id);
  if (!requestId) throw new Open311Error(400, 'service_request_id: не указан номер обращения');
  const updateId = text(fields.update_id);
  if (!updateId) throw new Open311Error(400, 'update_id: не указан идентификатор обновления');
  if (updateId.length > 200) throw new Open311Error(400, 'update_id: не длиннее 200 символов');
  const nested =
    fields.attribute && typeof fields.attribute === 'object' ? (fields.attribute as Fields).rating : undefined;
  const rawRating = text(fields.rating) ?? text(fields['attribute[rating]']) ?? text(nested);
  const rating = rawRating === undefined ? null : Number(rawRating);
  if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5))
    throw new Open311Error(400, 'rating: ожидается целое число от 1 до 5');
  const description = text(fields.description) ?? null;
  if (description && description.length > 20_000)
    throw new Open311Error(400, 'description: не длиннее 20 000 символов');
  const status = text(fields.status)?.toUpperCase() ?? null;
  if (!description && rating === null && status === null)
    throw new Open311Error(400, 'Пустое обновление: укажите description, status или rating');
  const mediaUrl = text(fields.media_url) ?? null;
  if (mediaUrl && !/^https?:\/\/\S+$/i.test(mediaUrl))
    throw new Open311Error(400, 'media_url: ожидается адрес http(s)');
  const updated = text(fields.updated_datetime);
  const email = text(fields.email);
  const phone = text(fields.phone);
  return {
    requestId,
    updateId,
    status,
    description,
    rating,
    mediaUrl,
    author: {
      name: [text(fields.first_name), text(fields.last_name)].filter(Boolean).join(' ') || null,
      contact: [email, phone].filter(Boolean).join(', ') || null,
      externalId: text(fields.account_id) ?? null,
    },
    at: updated ? parseW3c(updated, 'updated_datetime') : null,
  };
}

/** Stores the update (once per client and update id) and applies it to the case; returns our id of the update. */
export async function receiveInboundUpdate(
  ctx: Ctx,
  tokenId: number,
  update: InboundUpdate,
): Promise<{ id: string; created: boolean }> {
  const externalId = `update:${tokenId}:${update.updateId}`;
  const known = () =>
    ctx.db
      .selectFrom('messages')
      .select('id')
      .where('channel', '=', OPEN311_CHANNEL)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
  const existing = await known();
  if (existing) return { id: String(existing.id), created: false };
  if (!/^\d{1,18}$/.test(update.requestId)) throw new Open311Error(404, `Обращение ${update.requestId} не найдено`);
  const request = await ctx.db
    .selectFrom('messages')
    .select(['id', 'case_id'])
    .where('channel', '=', OPEN311_CHANNEL)
    .where('id', '=', update.requestId)
    .where(sql<boolean>`labels->'open311'->>'update_id' is null`)
    .executeTakeFirst();
  if (!request) throw new Open311Error(404, `Обращение ${update.requestId} не найдено`);
  const actor: Actor = { kind: 'system', label: ctx.actor.label };
  try {
    return await withTransaction({ ...ctx, actor }, async (tx) => {
      const row = await loadCaseForUpdate(tx, String(request.case_id), 'read');
      const now = tx.services.clock.now();
      const body =
        update.description ??
        (update.rating !== null ? `Оценка ответа: ${update.rating}` : `Статус от клиента Open311: ${update.status}`);
      const messageId = await insertMessage(
        tx,
        {
          channel: OPEN311_CHANNEL,
          externalId,
          text: body,
          author: update.author,
          labels: {
            open311: {
              update_id: update.updateId,
              service_request_id: update.requestId,
              token_id: tokenId,
              status: update.status,
            },
          },
          attachments: update.mediaUrl ? [{ url: update.mediaUrl, name: 'media_url' }] : null,
        },
        row.id,
        update.at && update.at < now ? update.at : now,
        false,
      );
      await appendEvents(tx, [
        {
          caseId: row.id,
          type: 'follow_up',
          data: { messageId, channel: OPEN311_CHANNEL, updateId: update.updateId, status: update.status },
        },
      ]);
      if (update.rating !== null) {
        await rateAnswer(tx, {
          caseId: row.id,
          score: update.rating,
          source: OPEN311_CHANNEL,
          ...(update.description ? { comment: update.description } : {}),
        });
      } else if (update.status === 'OPEN' && REOPEN_FROM.includes(row.status)) {
        await reopenForCitizen(tx, row, 'гражданин сообщил через Open311, что проблема не решена');
      } else {
        await markCitizenReplied(tx, row.id);
      }
      return { id: messageId, created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await known();
      if (raced) return { id: String(raced.id), created: false };
    }
    if (error instanceof AppError && error.code === 'invalid_transition') throw new Open311Error(400, error.message);
    throw error;
  }
}
