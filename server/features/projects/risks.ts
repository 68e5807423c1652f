import {
  RISK_CLOCKS,
  riskLevel,
  type AssessInput,
  type MeasureInput,
  type Risk,
  type RiskInput,
  type RiskStatus,
} from '../../../shared/api/project-risks';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import type { Actor, Ctx } from '../../lib/context';
import { withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { notify } from '../notifications/notify';
import { canDraft } from './po-documents';

// The risk register (приказ МЭР №585): a risk is identified with probability × impact and an owner; within 10
// working days it is assessed (kept, with revised scores) or rejected; within 5 working days of the assessment the
// first response measure is set. The block's owner and the head's office keep the register; the head escalates a
// risk to the curator. Every change is a row of project_risk_events.
const CENTRE_RISK_ROLES = ['head', 'executive_secretary'] as const;

function canManage(actor: Actor, blockCode: string): boolean {
  return (
    canDraft(actor, 'passport', blockCode) ||
    (actor.kind === 'user' && (CENTRE_RISK_ROLES as readonly string[]).includes(actor.role))
  );
}

function riskQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('project_risks')
    .innerJoin('projects', 'projects.id', 'project_risks.project_id')
    .innerJoin('blocks', 'blocks.code', 'projects.block_code')
    .selectAll('project_risks')
    .select(['projects.title as project_title', 'projects.block_code', 'blocks.name as block_name']);
}
type RiskRow = Awaited<ReturnType<ReturnType<typeof riskQuery>['executeTakeFirstOrThrow']>>;

async function load(ctx: Ctx, id: number): Promise<RiskRow> {
  const row = await riskQuery(ctx).where('project_risks.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Риск');
  return row;
}

function allowed(actor: Actor, r: RiskRow): Risk['allowed'] {
  const out: Risk['allowed'] = [];
  const open = r.status !== 'closed' && r.status !== 'rejected';
  if (!open) return out;
  if (canManage(actor, r.block_code)) {
    if (r.status === 'identified') out.push('assess');
    else out.push('measure', 'close');
  }
  if (actor.kind === 'user' && (CENTRE_RISK_ROLES as readonly string[]).includes(actor.role) && r.escalated_at === null)
    out.push('escalate');
  return out;
}

function demand(actor: Actor, r: RiskRow, action: Risk['allowed'][number]): void {
  if (allowed(actor, r).includes(action)) return;
  if (r.status === 'closed' || r.status === 'rejected') throw new AppError('invalid_transition', 'Риск закрыт');
  if (action === 'assess' && r.status !== 'identified') throw new AppError('invalid_transition', 'Риск уже оценён');
  if ((action === 'measure' || action === 'close') && r.status === 'identified')
    throw new AppError('invalid_transition', 'Сначала оцените риск');
  if (action === 'escalate' && r.escalated_at !== null)
    throw new AppError('invalid_transition', 'Риск уже эскалирован куратору');
  throw new AppError('forbidden', 'Реестр рисков ведут ответственный за блок проекта и руководитель ЦУР');
}

async function event(ctx: Ctx, riskId: number, action: string, comment = ''): Promise<void> {
  await ctx.db
    .insertInto('project_risk_events')
    .values({ risk_id: riskId, action, actor_label: ctx.actor.label, comment, at: ctx.services.clock.now() })
    .execute();
}

/** One change of a risk: loaded under the transaction, checked against what the actor may do, then applied. */
async function change(
  ctx: Ctx,
  id: number,
  action: Risk['allowed'][number],
  apply: (tx: Ctx, r: RiskRow) => Promise<void>,
): Promise<Risk> {
  requirePermission(ctx.actor, 'projects.read');
  await withTransaction(ctx, async (tx) => {
    const r = await load(tx, id);
    demand(ctx.actor, r, action);
    await apply(tx, r);
  });
  return getRisk(ctx, id);
}

export async function addRisk(ctx: Ctx, projectId: number, input: RiskInput): Promise<Risk> {
  requirePermission(ctx.actor, 'projects.read');
  const project = await ctx.db
    .selectFrom('projects')
    .select(['id', 'block_code'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) throw notFound('Проект');
  if (!canManage(ctx.actor, project.block_code))
    throw new AppError('forbidden', 'Реестр рисков ведут ответственный за блок проекта и руководитель ЦУР');
  const now = ctx.services.clock.now();
  const id = await withTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('project_risks')
      .values({
        project_id: projectId,
        title: input.title,
        description: input.description,
        probability: input.probability,
        impact: input.impact,
        owner_label: input.owner,
        identified_at: now,
        assess_due_at: ctx.services.calendar.addWorkingDays(now, RISK_CLOCKS.assessWorkingDays),
        created_by: ctx.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await event(tx, row.id, 'Выявлен', `${input.probability} × ${input.impact}`);
    return row.id;
  });
  return getRisk(ctx, id);
}

export function assessRisk(ctx: Ctx, id: number, input: AssessInput): Promise<Risk> {
  return change(ctx, id, 'assess', async (tx) => {
    const now = ctx.services.clock.now();
    const accept = input.decision === 'accept';
    await tx.db
      .updateTable('project_risks')
      .set({
        probability: input.probability,
        impact: input.impact,
        status: accept ? 'assessed' : 'rejected',
        assessed_at: now,
        act_due_at: accept ? ctx.services.calendar.addWorkingDays(now, RISK_CLOCKS.actWorkingDays) : null,
        closed_at: accept ? null : now,
      })
      .where('id', '=', id)
      .execute();
    await event(
      tx,
      id,
      accept ? 'Оценён' : 'Отклонён',
      [`${input.probability} × ${input.impact}`, input.comment].filter(Boolean).join('. '),
    );
  });
}

export function addMeasure(ctx: Ctx, id: number, input: MeasureInput): Promise<Risk> {
  return change(ctx, id, 'measure', async (tx, r) => {
    const now = ctx.services.clock.now();
    await tx.db
      .insertInto('project_risk_measures')
      .values({ risk_id: id, text: input.text, due_date: input.dueDate, created_at: now })
      .execute();
    if (r.status === 'assessed')
      await tx.db.updateTable('project_risks').set({ status: 'acting', acted_at: now }).where('id', '=', id).execute();
    await event(tx, id, 'Мера реагирования', `${input.text} (срок ${input.dueDate.split('-').reverse().join('.')})`);
  });
}

export function completeMeasure(ctx: Ctx, id: number, measureId: number): Promise<Risk> {
  return change(ctx, id, 'measure', async (tx) => {
    const done = await tx.db
      .updateTable('project_risk_measures')
      .set({ done_at: ctx.services.clock.now() })
      .where('id', '=', measureId)
      .where('risk_id', '=', id)
      .where('done_at', 'is', null)
      .returning('text')
      .executeTakeFirst();
    if (!done) throw new AppError('invalid_transition', 'Мера не найдена или уже выполнена');
    await event(tx, id, 'Мера выполнена', done.text);
  });
}

export function closeRisk(ctx: Ctx, id: number, comment: string): Promise<Risk> {
  return change(ctx, id, 'close', async (tx) => {
    await tx.db
      .updateTable('project_risks')
      .set({ status: 'closed', closed_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .execute();
    await event(tx, id, 'Закрыт', comment);
  });
}

export function escalateRisk(ctx: Ctx, id: number, comment: string): Promise<Risk> {
  return change(ctx, id, 'escalate', async (tx, r) => {
    await tx.db
      .updateTable('project_risks')
      .set({ escalated_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .execute();
    await event(tx, id, 'Эскалирован куратору', comment);
    const curators = await tx.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'curator')
      .where('active', '=', true)
      .execute();
    await notify(tx, {
      userIds: curators.map((c) => c.id),
      kind: 'po_document',
      subject: `risk:${id}:escalated`,
      caseId: null,
      title: `Риск проекта «${r.project_title}» эскалирован: ${r.title}`,
      body: comment,
    });
  });
}

async function present(ctx: Ctx, rows: RiskRow[]): Promise<Risk[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const measures = await ctx.db
    .selectFrom('project_risk_measures')
    .select(['id', 'risk_id', 'text', 'done_at'])
    .select((eb) => eb.cast<string>('due_date', 'text').as('due'))
    .where('risk_id', 'in', ids)
    .orderBy('id')
    .execute();
  const events = await ctx.db
    .selectFrom('project_risk_events')
    .selectAll()
    .where('risk_id', 'in', ids)
    .orderBy('id')
    .execute();
  const now = ctx.services.clock.now();
  const today = toMoscowIsoDate(now);
  return rows.map((r) => {
    const clockDue =
      r.status === 'identified'
        ? { kind: 'assess' as const, at: r.assess_due_at }
        : r.status === 'assessed' && r.act_due_at
          ? { kind: 'act' as const, at: r.act_due_at }
          : null;
    return {
      id: r.id,
      projectId: r.project_id,
      projectTitle: r.project_title,
      blockName: r.block_name,
      title: r.title,
      description: r.description,
      probability: r.probability,
      impact: r.impact,
      score: r.probability * r.impact,
      level: riskLevel(r.probability * r.impact),
      owner: r.owner_label,
      status: r.status as RiskStatus,
      identifiedAt: r.identified_at.toISOString(),
      escalatedAt: r.escalated_at?.toISOString() ?? null,
      clock: clockDue ? { kind: clockDue.kind, dueAt: clockDue.at.toISOString(), overdue: clockDue.at < now } : null,
      measures: measures
        .filter((m) => m.risk_id === r.id)
        .map((m) => ({
          id: m.id,
          text: m.text,
          dueDate: m.due,
          doneAt: m.done_at?.toISOString() ?? null,
          overdue: m.done_at === null && m.due < today,
        })),
      events: events
        .filter((e) => e.risk_id === r.id)
        .map((e) => ({ action: e.action, actor: e.actor_label, comment: e.comment, at: e.at.toISOString() })),
      allowed: allowed(ctx.actor, r),
    };
  });
}

export async function getRisk(ctx: Ctx, id: number): Promise<Risk> {
  requirePermission(ctx.actor, 'projects.read');
  const [risk] = await present(ctx, [await load(ctx, id)]);
  if (!risk) throw notFound('Риск');
  return risk;
}

/** The head's cross-project view (or one project's risks): open risks first, overdue clocks first, then by score. */
export async function listRisks(ctx: Ctx, projectId?: number): Promise<{ items: Risk[]; canAdd: boolean }> {
  requirePermission(ctx.actor, 'projects.read');
  let q = riskQuery(ctx);
  if (projectId !== undefined) q = q.where('project_risks.project_id', '=', projectId);
  const items = await present(ctx, await q.execute());
  const rank = (r: Risk): number => (r.status === 'closed' || r.status === 'rejected' ? 2 : r.clock?.overdue ? 0 : 1);
  items.sort((a, b) => rank(a) - rank(b) || b.score - a.score || a.id - b.id);
  let canAdd = false;
  if (projectId !== undefined) {
    const p = await ctx.db.selectFrom('projects').select('block_code').where('id', '=', projectId).executeTakeFirst();
    if (!p) throw notFound('Проект');
    canAdd = canManage(ctx.actor, p.block_code);
  }
  return { items, canAdd };
}
