import { sql } from 'kysely';
import type { InteractionKind, MediaContact, MediaInput, MediaKind } from '../../../shared/api/media';
import type { Db } from '../../db/database';

/** Outlets and opinion leaders (all or one) with their municipality, number of interactions and the latest date. */
export async function loadContacts(db: Db, id?: number): Promise<MediaContact[]> {
  let q = db
    .selectFrom('media_contacts as c')
    .leftJoin('municipalities as m', 'm.id', 'c.municipality_id')
    .select([
      'c.id',
      'c.kind',
      'c.name',
      'c.channels',
      'c.audience',
      'c.topics',
      'c.contact_person',
      'c.contact',
      'c.owner_name',
      'm.code as municipality_code',
      'm.name as municipality',
    ])
    .select(sql<string>`(select count(*) from media_interactions i where i.contact_id = c.id)`.as('interactions'))
    .select(
      sql<string | null>`(select max(happened_on)::text from media_interactions i where i.contact_id = c.id)`.as(
        'last_on',
      ),
    )
    .orderBy('c.name');
  if (id !== undefined) q = q.where('c.id', '=', id);
  return (await q.execute()).map((r) => ({
    id: r.id,
    kind: r.kind as MediaKind,
    name: r.name,
    channels: r.channels,
    audience: r.audience,
    topics: r.topics,
    municipalityCode: r.municipality_code,
    municipality: r.municipality,
    contactPerson: r.contact_person,
    contact: r.contact,
    ownerName: r.owner_name,
    interactions: Number(r.interactions),
    lastInteractionOn: r.last_on,
  }));
}

export const contactColumns = (input: MediaInput, municipalityId: number | null) => ({
  kind: input.kind,
  name: input.name,
  channels: input.channels,
  audience: input.audience,
  topics: input.topics,
  municipality_id: municipalityId,
  contact_person: input.contactPerson,
  contact: input.contact,
  owner_name: input.ownerName,
});

export async function loadInteractions(db: Db, where: { contactId?: number; caseId?: string; campaignId?: number }) {
  let q = db
    .selectFrom('media_interactions as i')
    .innerJoin('media_contacts as c', 'c.id', 'i.contact_id')
    .select([
      'i.id',
      'i.contact_id',
      'c.name as contact_name',
      'i.kind',
      'i.topic',
      'i.outcome',
      'i.url',
      'i.case_id',
      'i.campaign_id',
      'i.author_label',
    ])
    .select(sql<string>`i.happened_on::text`.as('happened_on'))
    .orderBy('i.happened_on', 'desc')
    .orderBy('i.id', 'desc')
    .limit(500);
  if (where.contactId !== undefined) q = q.where('i.contact_id', '=', where.contactId);
  if (where.caseId !== undefined) q = q.where('i.case_id', '=', where.caseId);
  if (where.campaignId !== undefined) q = q.where('i.campaign_id', '=', where.campaignId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    kind: r.kind as InteractionKind,
    happenedOn: r.happened_on,
    topic: r.topic,
    outcome: r.outcome,
    url: r.url,
    caseId: r.case_id,
    campaignId: r.campaign_id,
    author: r.author_label,
  }));
}
