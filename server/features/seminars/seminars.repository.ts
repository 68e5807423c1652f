import { sql, type Expression, type SqlBool } from 'kysely';
import type { Material, Participant, SeminarFormat, SeminarStatus, SeminarSummary } from '../../../shared/api/seminars';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { can, organisationScope, requirePermission } from '../auth/authorize';

// Reading seminars. The centre's staff (analytics.read) see every seminar; an executor sees the seminars that target
// their organisation or its municipality or invite one of its people, and of the participants only their own.

/** The organisation an actor is confined to, or null for the centre; an executor without an organisation sees nothing. */
export function seminarScope(ctx: Ctx): number | null {
  requirePermission(ctx.actor, 'cases.read');
  const scope = organisationScope(ctx.actor);
  if (scope === 'none') throw new AppError('forbidden', 'Пользователь не привязан к организации');
  if (scope === null && !can(ctx.actor, 'analytics.read'))
    throw new AppError('forbidden', 'Недостаточно прав для этого действия');
  return scope;
}

export const canManageSeminars = (ctx: Ctx): boolean => can(ctx.actor, 'comms.manage');

/** Seminars visible to an organisation (the `s` alias). */
export function visibleTo(organisationId: number): Expression<SqlBool> {
  return sql<SqlBool>`(${organisationId} = any(s.target_organisation_ids)
    or exists (select 1 from organisations o where o.id = ${organisationId} and o.municipality_id = any(s.target_municipality_ids))
    or exists (select 1 from seminar_participants sp where sp.seminar_id = s.id and sp.organisation_id = ${organisationId}))`;
}

export const moscowDate = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Europe/Moscow', 'YYYY-MM-DD')`;

export async function loadSummaries(ctx: Ctx, filter: { year?: number; id?: number }): Promise<SeminarSummary[]> {
  const scope = seminarScope(ctx);
  let q = ctx.db
    .selectFrom('seminars as s')
    .select([
      's.id',
      's.topic',
      's.description',
      's.duration_minutes',
      's.format',
      's.place',
      's.trainers',
      's.status',
      's.target_organisation_ids',
      's.target_municipality_ids',
    ])
    .select(moscowDate('s.starts_at').as('date'))
    .select(sql<string>`to_char(s.starts_at at time zone 'Europe/Moscow', 'HH24:MI')`.as('time'))
    .select(sql<number>`(select count(*)::int from seminar_participants p where p.seminar_id = s.id)`.as('invited'))
    .select(
      sql<number>`(select count(*)::int from seminar_participants p where p.seminar_id = s.id and p.attended)`.as(
        'attended',
      ),
    )
    .select(
      sql<
        string | null
      >`(select round(avg(p.score)::numeric, 1)::text from seminar_participants p where p.seminar_id = s.id and p.score is not null)`.as(
        'average_score',
      ),
    )
    .select(sql<number>`(select count(*)::int from seminar_materials m where m.seminar_id = s.id)`.as('materials'))
    .orderBy('s.starts_at')
    .orderBy('s.id');
  if (filter.id !== undefined) q = q.where('s.id', '=', filter.id);
  if (filter.year !== undefined)
    q = q.where(sql<SqlBool>`extract(year from s.starts_at at time zone 'Europe/Moscow') = ${filter.year}`);
  if (scope !== null) q = q.where(visibleTo(scope));
  const rows = await q.execute();
  const names = await targetNames(
    ctx.db,
    rows.flatMap((r) => r.target_organisation_ids),
    rows.flatMap((r) => r.target_municipality_ids),
  );
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    description: r.description,
    date: r.date,
    time: r.time,
    durationMinutes: r.duration_minutes,
    format: r.format as SeminarFormat,
    place: r.place,
    trainers: r.trainers,
    status: r.status as SeminarStatus,
    targetOrganisationIds: r.target_organisation_ids,
    targetMunicipalityIds: r.target_municipality_ids,
    targetOrganisations: r.target_organisation_ids.map((id) => ({
      id,
      name: names.organisations.get(id) ?? `№ ${id}`,
    })),
    targetMunicipalities: r.target_municipality_ids.map((id) => ({
      id,
      name: names.municipalities.get(id) ?? `№ ${id}`,
    })),
    invited: r.invited,
    attended: r.attended,
    averageScore: r.average_score === null ? null : Number(r.average_score),
    materials: r.materials,
  }));
}

async function targetNames(db: Db, organisationIds: number[], municipalityIds: number[]) {
  const [orgs, munis] = await Promise.all([
    organisationIds.length
      ? db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(organisationIds)])
          .execute()
      : [],
    municipalityIds.length
      ? db
          .selectFrom('municipalities')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(municipalityIds)])
          .execute()
      : [],
  ]);
  return {
    organisations: new Map(orgs.map((o) => [o.id, o.name])),
    municipalities: new Map(munis.map((m) => [m.id, m.name])),
  };
}

/** One seminar as this actor may see it: a seminar the actor may not see does not exist for them (404). */
export async function loadSummary(ctx: Ctx, id: number): Promise<SeminarSummary> {
  const [one] = await loadSummaries(ctx, { id });
  if (!one) throw notFound('Семинар');
  return one;
}

export async function loadParticipants(ctx: Ctx, seminarId: number): Promise<Participant[]> {
  const scope = seminarScope(ctx);
  let q = ctx.db
    .selectFrom('seminar_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.organisation_id',
      'o.name as organisation',
      'p.user_id',
      'p.person_name',
      'p.attended',
      'p.score',
      'p.feedback',
    ])
    .where('p.seminar_id', '=', seminarId)
    .orderBy('o.name')
    .orderBy('p.person_name')
    .orderBy('p.id');
  if (scope !== null) q = q.where('p.organisation_id', '=', scope);
  return (await q.execute()).map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisation: r.organisation,
    userId: r.user_id,
    personName: r.person_name,
    attended: r.attended,
    score: r.score,
    feedback: r.feedback,
  }));
}

export const materialFileUrl = (id: number): string => `/api/seminar-materials/${id}/file`;

export async function loadMaterials(db: Db, seminarId: number): Promise<Material[]> {
  const rows = await db
    .selectFrom('seminar_materials')
    .select(['id', 'kind', 'title', 'url', 'mime_type', 'size', 'author_label'])
    .select(moscowDate('created_at').as('at'))
    .where('seminar_id', '=', seminarId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === 'file' ? 'file' : 'link',
    title: r.title,
    url: r.kind === 'file' ? materialFileUrl(r.id) : (r.url ?? ''),
    mimeType: r.mime_type,
    size: r.size,
    author: r.author_label,
    at: r.at,
  }));
}
