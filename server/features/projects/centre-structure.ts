import { sql } from 'kysely';
import type { Assignment, AssignmentInput, Structure } from '../../../shared/api/centre';
import { ROLE_LABELS, type Role } from '../../../shared/auth/roles';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import type { Actor, Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';

// The centre's structure (decree п. 7–14) as dated assignments: a person holds a role for a block or direction from
// one date to another (open-ended until ended). Changes never overwrite the past: a new holder is a new assignment,
// the old one gets its end date; the structure on any date is the assignments covering it. The head, the executive
// secretary and the administrator keep it.
const KEEPERS: readonly Role[] = ['head', 'executive_secretary', 'admin'];
const KEEPERS_ONLY = 'Структуру центра ведут руководитель, ответственный секретарь и администратор';
const canKeep = (actor: Actor): boolean => actor.kind === 'user' && KEEPERS.includes(actor.role);

function query(ctx: Ctx) {
  return ctx.db
    .selectFrom('centre_assignments')
    .leftJoin('blocks', 'blocks.code', 'centre_assignments.block_code')
    .select([
      'centre_assignments.id',
      'person',
      'user_id',
      'role',
      'block_code',
      'direction',
      'blocks.name as block_name',
    ])
    .select([sql<string>`from_date::text`.as('from'), sql<string | null>`to_date::text`.as('to')]);
}
type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
const present = (r: Row): Assignment => ({
  id: r.id,
  person: r.person,
  userId: r.user_id,
  role: r.role as Role,
  roleLabel: ROLE_LABELS[r.role as Role] ?? r.role,
  blockCode: r.block_code,
  blockName: r.block_name,
  direction: r.direction,
  fromDate: r.from,
  toDate: r.to,
});

/** Who holds which role for which block or direction on a date (today by default, Moscow). */
export async function structureOn(ctx: Ctx, on?: string): Promise<Structure> {
  requirePermission(ctx.actor, 'projects.read');
  const date = on ?? toMoscowIsoDate(ctx.services.clock.now());
  const rows = await query(ctx)
    .where(sql<boolean>`from_date <= ${date}::date and (to_date is null or to_date >= ${date}::date)`)
    .orderBy('role')
    .orderBy('block_code')
    .orderBy('person')
    .execute();
  return { on: date, items: rows.map(present), canManage: canKeep(ctx.actor) };
}

export async function addAssignment(ctx: Ctx, input: AssignmentInput): Promise<Assignment> {
  requirePermission(ctx.actor, 'projects.read');
  if (
    input.blockCode &&
    !(await ctx.db.selectFrom('blocks').select('code').where('code', '=', input.blockCode).executeTakeFirst())
  ) {
    throw new AppError('validation_failed', `Блок ${input.blockCode} не найден`);
  }
  if (!canKeep(ctx.actor)) throw new AppError('forbidden', KEEPERS_ONLY);
  const overlap = await ctx.db
    .selectFrom('centre_assignments')
    .select('id')
    .where('person', '=', input.person)
    .where('role', '=', input.role)
    .where(
      sql<boolean>`coalesce(block_code, '') = ${input.blockCode ?? ''} and from_date <= coalesce(${input.toDate}::date, 'infinity'::date)
      and coalesce(to_date, 'infinity'::date) >= ${input.fromDate}::date`,
    )
    .executeTakeFirst();
  if (overlap) throw new AppError('conflict', 'У этого человека уже есть такое назначение на эти даты');
  const row = await ctx.db
    .insertInto('centre_assignments')
    .values({
      person: input.person,
      user_id: input.userId,
      role: input.role,
      block_code: input.blockCode,
      direction: input.direction,
      from_date: input.fromDate,
      to_date: input.toDate,
      created_by: ctx.actor.label,
      created_at: ctx.services.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return present(await query(ctx).where('centre_assignments.id', '=', row.id).executeTakeFirstOrThrow());
}

/** Ends an open assignment on a date (the person held the role through that day). */
export async function endAssignment(ctx: Ctx, id: number, toDate: string): Promise<Assignment> {
  requirePermission(ctx.actor, 'projects.read');
  const current = await query(ctx).where('centre_assignments.id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Назначение', 'n');
  if (!canKeep(ctx.actor)) throw new AppError('forbidden', KEEPERS_ONLY);
  if (current.to !== null) throw new AppError('invalid_transition', 'Назначение уже завершено');
  if (toDate < current.from) throw new AppError('validation_failed', 'Окончание раньше начала назначения');
  await ctx.db.updateTable('centre_assignments').set({ to_date: toDate }).where('id', '=', id).execute();
  return present(await query(ctx).where('centre_assignments.id', '=', id).executeTakeFirstOrThrow());
}
