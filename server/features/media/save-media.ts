import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import {
  INTERACTION_LABELS,
  MEDIA_KIND_LABELS,
  type InteractionInput,
  type MediaDetail,
  type MediaInput,
} from '../../../shared/api/media';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { loadHistory, recordChange } from '../comms/comms-history';
import { municipalityIdOf } from '../comms/reference-cells';
import { contactColumns, loadContacts, loadInteractions } from './media.repository';

export function describeContact(input: MediaInput): string {
  return [
    MEDIA_KIND_LABELS[input.kind],
    input.name,
    input.channels,
    input.audience !== null ? `аудитория ${input.audience}` : '',
    input.topics ? `темы: ${input.topics}` : '',
    input.contactPerson,
    input.ownerName ? `ведёт ${input.ownerName}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export async function getContact(ctx: Ctx, id: number): Promise<MediaDetail> {
  requirePermission(ctx.actor, 'analytics.read');
  const [contact] = await loadContacts(ctx.db, id);
  if (!contact) throw notFound('Контакт');
  const interactionList = (await loadInteractions(ctx.db, { contactId: id })).map(
    ({ contactId: _c, contactName: _n, ...i }) => i,
  );
  return { ...contact, interactionList, history: await loadHistory(ctx.db, 'media', id) };
}

/** Creates (id null) or changes an outlet or opinion leader; names are unique. */
export async function saveContact(ctx: Ctx, id: number | null, input: MediaInput): Promise<MediaDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  const municipalityId = municipalityIdOf(await ctx.services.reference.get(ctx.db), input.municipalityCode);
  const saved = await withTransaction(ctx, async (tx) => {
    let clash = tx.db.selectFrom('media_contacts').select('id').where('name', '=', input.name);
    if (id !== null) clash = clash.where('id', '<>', id);
    if (await clash.executeTakeFirst()) throw new AppError('conflict', `«${input.name}» уже есть в реестре`);
    const columns = contactColumns(input, municipalityId);
    if (id === null) {
      const row = await tx.db.insertInto('media_contacts').values(columns).returning('id').executeTakeFirstOrThrow();
      await recordChange(tx, 'media', row.id, 'created', describeContact(input));
      return row.id;
    }
    const row = await tx.db
      .updateTable('media_contacts')
      .set({ ...columns, updated_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('Контакт');
    await recordChange(tx, 'media', id, 'changed', describeContact(input));
    return id;
  });
  return getContact(ctx, saved);
}

/** A request, publication, comment, mention or meeting with its date; a mention may name the case it is about. */
export async function recordInteraction(ctx: Ctx, id: number, input: InteractionInput): Promise<MediaDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  if (input.happenedOn > toMoscowIsoDate(ctx.services.clock.now()))
    throw new AppError('validation_failed', 'Дата ещё не наступила');
  await withTransaction(ctx, async (tx) => {
    if (!(await tx.db.selectFrom('media_contacts').select('id').where('id', '=', id).executeTakeFirst()))
      throw notFound('Контакт');
    if (
      input.caseId &&
      !(await tx.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst())
    ) {
      throw new AppError('validation_failed', `Обращения № ${input.caseId} нет`);
    }
    if (
      input.campaignId !== null &&
      !(await tx.db.selectFrom('campaigns').select('id').where('id', '=', input.campaignId).executeTakeFirst())
    ) {
      throw new AppError('validation_failed', `Кампании № ${input.campaignId} нет`);
    }
    await tx.db
      .insertInto('media_interactions')
      .values({
        contact_id: id,
        kind: input.kind,
        happened_on: input.happenedOn,
        topic: input.topic,
        outcome: input.outcome,
        url: input.url,
        case_id: input.caseId,
        campaign_id: input.campaignId,
        author_label: ctx.actor.label,
      })
      .execute();
    await recordChange(
      tx,
      'media',
      id,
      'interaction',
      `${INTERACTION_LABELS[input.kind]} ${input.happenedOn}: ${input.topic}${input.caseId ? ` (обращение № ${input.caseId})` : ''}${input.campaignId ? ` (кампания № ${input.campaignId})` : ''}`,
    );
  });
  return getContact(ctx, id);
}
