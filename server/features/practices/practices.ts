import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { sql } from 'kysely';
import {
  PRACTICE_STATUS_LABELS,
  RECOMMENDATION_STATUS_LABELS,
  type FollowUpInput,
  type Practice,
  type PracticeInput,
  type PracticeStatus,
  type Recommendation,
  type RecommendationInput,
  type RecommendationStatus,
} from '../../../shared/api/practices';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';

// The library of practices and the recommendations to bodies. Search: every word of the query must occur in the title,
// problem, solution, effect or place (case-insensitive), so an executor finds a practice by the words of the complaint.
export async function listPractices(
  ctx: Ctx,
  query: { q?: string; category?: string; id?: number },
): Promise<Practice[]> {
  requirePermission(ctx.actor, 'cases.read');
  let q = ctx.db
    .selectFrom('practices as p')
    .leftJoin('categories as c', 'c.code', 'p.category_code')
    .select([
      'p.id',
      'p.title',
      'p.category_code',
      'p.problem',
      'p.solution',
      'p.effect',
      'p.place',
      'p.documents',
      'p.status',
      'c.name as category',
    ])
    .orderBy('p.updated_at', 'desc')
    .limit(200);
  if (query.id !== undefined) q = q.where('p.id', '=', query.id);
  if (query.category) q = q.where('p.category_code', '=', query.category);
  for (const word of (query.q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .slice(0, 10)) {
    const like = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where(
      sql<boolean>`lower(p.title || ' ' || p.problem || ' ' || p.solution || ' ' || p.effect || ' ' || p.place) like ${like}`,
    );
  }
  return (await q.execute()).map((r) => ({
    id: r.id,
    title: r.title,
    categoryCode: r.category_code,
    category: r.category,
    problem: r.problem,
    solution: r.solution,
    effect: r.effect,
    place: r.place,
    documents: r.documents,
    status: r.status as PracticeStatus,
  }));
}

export async function savePractice(ctx: Ctx, id: number | null, input: PracticeInput): Promise<Practice> {
  requirePermission(ctx.actor, 'comms.manage');
  if (
    input.categoryCode &&
    !(await ctx.services.reference.get(ctx.db)).categories.some((c) => c.code === input.categoryCode)
  ) {
    throw new AppError('validation_failed', `Категории «${input.categoryCode}» нет в справочнике`);
  }
  const columns = {
    title: input.title,
    category_code: input.categoryCode,
    problem: input.problem,
    solution: input.solution,
    effect: input.effect,
    place: input.place,
    documents: input.documents,
    status: input.status,
  };
  const saved = await withTransaction(ctx, async (tx) => {
    const row =
      id === null
        ? await tx.db.insertInto('practices').values(columns).returning('id').executeTakeFirstOrThrow()
        : await tx.db
            .updateTable('practices')
            .set({ ...columns, updated_at: ctx.services.clock.now() })
            .where('id', '=', id)
            .returning('id')
            .executeTakeFirst();
    if (!row) throw notFound('Практика', 'f');
    await recordChange(
      tx,
      'practice',
      row.id,
      id === null ? 'created' : 'changed',
      `${input.title} · ${PRACTICE_STATUS_LABELS[input.status]}`,
    );
    return row.id;
  });
  const [practice] = await listPractices(ctx, { id: saved });
  if (!practice) throw notFound('Практика', 'f');
  return practice;
}

export async function listRecommendations(ctx: Ctx, id?: number): Promise<Recommendation[]> {
  requirePermission(ctx.actor, 'analytics.read');
  const today = toMoscowIsoDate(ctx.services.clock.now());
  let q = ctx.db
    .selectFrom('recommendations as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('practices as p', 'p.id', 'r.practice_id')
    .select([
      'r.id',
      'r.practice_id',
      'r.organisation_id',
      'r.text',
      'r.owner_name',
      'r.status',
      'r.follow_up',
      'o.name as organisation',
      'p.title as practice',
    ])
    .select(sql<string>`r.due_on::text`.as('due_on'))
    .orderBy('r.due_on')
    .orderBy('r.id');
  if (id !== undefined) q = q.where('r.id', '=', id);
  return (await q.execute()).map((r) => ({
    id: r.id,
    practiceId: r.practice_id,
    organisationId: r.organisation_id,
    organisation: r.organisation,
    practice: r.practice,
    text: r.text,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    status: r.status as RecommendationStatus,
    followUp: r.follow_up,
    overdue: r.status === 'open' && r.due_on < today,
  }));
}

export async function createRecommendation(ctx: Ctx, input: RecommendationInput): Promise<Recommendation> {
  requirePermission(ctx.actor, 'comms.manage');
  const id = await withTransaction(ctx, async (tx) => {
    if (
      !(await tx.db.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst())
    ) {
      throw new AppError('validation_failed', `Организации ${input.organisationId} нет в справочнике`);
    }
    if (
      input.practiceId !== null &&
      !(await tx.db.selectFrom('practices').select('id').where('id', '=', input.practiceId).executeTakeFirst())
    ) {
      throw new AppError('validation_failed', `Практики ${input.practiceId} нет в библиотеке`);
    }
    const row = await tx.db
      .insertInto('recommendations')
      .values({
        practice_id: input.practiceId,
        organisation_id: input.organisationId,
        text: input.text,
        owner_name: input.ownerName,
        due_on: input.dueOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(
      tx,
      'recommendation',
      row.id,
      'created',
      `${input.text} · ответственный ${input.ownerName}, срок ${input.dueOn}`,
    );
    return row.id;
  });
  return one(ctx, id);
}

/** A follow-up: the status and a dated note appended to the recommendation's record. */
export async function followUp(ctx: Ctx, id: number, input: FollowUpInput): Promise<Recommendation> {
  requirePermission(ctx.actor, 'comms.manage');
  const day = toMoscowIsoDate(ctx.services.clock.now());
  await withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .updateTable('recommendations')
      .set({
        status: input.status,
        updated_at: ctx.services.clock.now(),
        follow_up: sql<string>`case when follow_up = '' then ${`${day}: ${input.note}`} else follow_up || ${`\n${day}: ${input.note}`} end`,
      })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('Рекомендация', 'f');
    await recordChange(
      tx,
      'recommendation',
      id,
      'follow_up',
      `${RECOMMENDATION_STATUS_LABELS[input.status]}: ${input.note}`,
    );
  });
  return one(ctx, id);
}

async function one(ctx: Ctx, id: number): Promise<Recommendation> {
  const [r] = await listRecommendations(ctx, id);
  if (!r) throw notFound('Рекомендация', 'f');
  return r;
}
