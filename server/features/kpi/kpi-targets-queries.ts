import { sql } from 'kysely';
import type { KpiFormula } from '../../../shared/api/kpi';
import type { ScopeHistory, ScopeRow, TargetsMatrix } from '../../../shared/api/kpi-targets';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import type { Db } from '../../db/database';
import type { Ctx } from '../../lib/context';
import { can, requirePermission } from '../auth/authorize';
import { yearToDate } from './evaluate-kpi';
import { KPI_FORMULA_REGISTRY } from './kpi-formulas';
import { kpiStatus } from './kpi-status';
import { loadKpis, type KpiRow } from './kpi.repository';

interface TargetRow {
  kpi_id: number;
  block_code: string;
  category_code: string | null;
  year: number;
  target: string | number | null;
  set_by: string;
  set_at: Date;
}
const scopeKey = (r: { kpi_id: number; block_code: string; category_code: string | null }): string =>
  `${r.kpi_id}|${r.block_code}|${r.category_code ?? ''}`;

/** The targets in force for a year: the latest row of each (indicator, block, category); a null target is removed. */
async function currentTargets(db: Db, year: number): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom('kpi_scope_targets')
    .select(['kpi_id', 'block_code', 'category_code', 'year', 'target', 'set_by', 'set_at'])
    .where('year', '=', year)
    .orderBy('id')
    .execute();
  const latest = new Map<string, TargetRow>();
  for (const r of rows) latest.set(scopeKey(r), r);
  return [...latest.values()].filter((r) => r.target !== null);
}

/** Fact of a scope on a date: a computed indicator's formula over the block's (category's) cases, year to date; else the latest hand-entered value. */
export async function scopeFact(
  db: Db,
  kpi: KpiRow,
  scope: { blockCode: string; categoryCode: string | null },
  on: string,
): Promise<Pick<ScopeRow, 'fact' | 'factSource' | 'factOn' | 'factBy'>> {
  if (kpi.formula) {
    const value = await KPI_FORMULA_REGISTRY[kpi.formula as KpiFormula].compute(db, yearToDate(on), scope);
    return {
      fact: value === null ? null : Math.round(value * 10) / 10,
      factSource: 'computed',
      factOn: on,
      factBy: null,
    };
  }
  const v = await db
    .selectFrom('kpi_scope_values')
    .select(['value', 'author_label'])
    .select(sql<string>`on_date::text`.as('on_date'))
    .where('kpi_id', '=', kpi.id)
    .where('block_code', '=', scope.blockCode)
    .where(sql<boolean>`category_code is not distinct from ${scope.categoryCode}`)
    .where('source', '=', 'manual')
    .where('on_date', '<=', on)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!v || v.value === null) return { fact: null, factSource: 'none', factOn: null, factBy: null };
  return { fact: Number(v.value), factSource: 'manual', factOn: v.on_date, factBy: v.author_label };
}

async function evidenceOf(db: Db, kpiId?: number): Promise<TargetsMatrix['evidence']> {
  let q = db
    .selectFrom('kpi_evidence as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .select(['e.id', 'e.kpi_id', 'e.project_id', 'p.title', 'e.result', 'e.created_by', 'e.created_at'])
    .where('e.removed_at', 'is', null)
    .orderBy('e.id');
  if (kpiId !== undefined) q = q.where('e.kpi_id', '=', kpiId);
  return (await q.execute()).map((e) => ({
    id: e.id,
    kpiId: e.kpi_id,
    projectId: e.project_id,
    projectTitle: e.title,
    result: e.result,
    createdBy: e.created_by,
    createdAt: e.created_at.toISOString(),
  }));
}

/** Target vs fact by block and category for a year, on a date (today, or the year's last day for a past year). */
export async function targetsMatrix(ctx: Ctx, year?: number, on?: string): Promise<TargetsMatrix> {
  requirePermission(ctx.actor, 'analytics.read');
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const y = year ?? Number((on ?? today).slice(0, 4));
  const date = on ?? (Number(today.slice(0, 4)) === y ? today : `${y}-12-31`);
  const kpis = new Map((await loadKpis(ctx.db)).map((k) => [k.id, k]));
  const blocks = new Map(
    (await ctx.db.selectFrom('blocks').select(['code', 'name']).execute()).map((b) => [b.code, b.name]),
  );
  const categories = await ctx.db.selectFrom('categories').select(['block_code', 'code', 'name']).execute();
  const rows: ScopeRow[] = [];
  for (const t of await currentTargets(ctx.db, y)) {
    const kpi = kpis.get(t.kpi_id);
    if (!kpi) continue;
    const scope = { blockCode: t.block_code, categoryCode: t.category_code };
    const fact = await scopeFact(ctx.db, kpi, scope, date);
    const target = Number(t.target);
    const { status, reason } = kpiStatus({
      value: fact.fact,
      target,
      direction: kpi.direction === 'down' ? 'down' : 'up',
      deadline: kpi.deadline,
      on: date,
    });
    const query = new URLSearchParams({
      block: t.block_code,
      ...(t.category_code ? { category: t.category_code } : {}),
      from: `${y}-01-01`,
      to: date,
    });
    rows.push({
      kpiId: kpi.id,
      kpiCode: kpi.code,
      kpiTitle: kpi.title,
      unit: kpi.unit,
      direction: kpi.direction === 'down' ? 'down' : 'up',
      computed: kpi.formula !== null,
      blockCode: t.block_code,
      blockName: blocks.get(t.block_code) ?? t.block_code,
      categoryCode: t.category_code,
      categoryName: t.category_code
        ? (categories.find((c) => c.block_code === t.block_code && c.code === t.category_code)?.name ?? t.category_code)
        : null,
      year: y,
      target,
      setBy: t.set_by,
      setAt: t.set_at.toISOString(),
      ...fact,
      status,
      statusReason: reason,
      casesQuery: kpi.formula ? query.toString() : null,
    });
  }
  rows.sort(
    (a, b) =>
      a.blockName.localeCompare(b.blockName, 'ru') ||
      a.kpiTitle.localeCompare(b.kpiTitle, 'ru') ||
      (a.categoryName ?? '').localeCompare(b.categoryName ?? '', 'ru'),
  );
  return { year: y, on: date, rows, evidence: await evidenceOf(ctx.db), canManage: can(ctx.actor, 'kpi.manage') };
}

/** Everything ever set for an indicator per block and category: targets, computed and hand-entered values, evidence. */
export async function scopeHistory(ctx: Ctx, kpiId: number): Promise<ScopeHistory> {
  requirePermission(ctx.actor, 'analytics.read');
  const targets = await ctx.db
    .selectFrom('kpi_scope_targets')
    .selectAll()
    .where('kpi_id', '=', kpiId)
    .orderBy('id', 'desc')
    .execute();
  const values = await ctx.db
    .selectFrom('kpi_scope_values')
    .select(['block_code', 'category_code', 'value', 'source', 'author_label', 'comment', 'created_at'])
    .select(sql<string>`on_date::text`.as('on_date'))
    .where('kpi_id', '=', kpiId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  return {
    targets: targets.map((t) => ({
      blockCode: t.block_code,
      categoryCode: t.category_code,
      year: t.year,
      target: t.target === null ? null : Number(t.target),
      comment: t.comment,
      setBy: t.set_by,
      setAt: t.set_at.toISOString(),
    })),
    values: values.map((v) => ({
      blockCode: v.block_code,
      categoryCode: v.category_code,
      onDate: v.on_date,
      value: v.value === null ? null : Number(v.value),
      source: v.source === 'computed' ? 'computed' : 'manual',
      author: v.author_label,
      comment: v.comment,
      enteredAt: v.created_at.toISOString(),
    })),
    evidence: await evidenceOf(ctx.db, kpiId),
  };
}

/** The scheduled computation: a value for every computed indicator's block/category target of the year, kept as history. */
export async function computeScopeValues(ctx: Ctx): Promise<number> {
  const on = toMoscowIsoDate(ctx.services.clock.now());
  const kpis = new Map((await loadKpis(ctx.db)).filter((k) => k.formula).map((k) => [k.id, k]));
  let n = 0;
  for (const t of await currentTargets(ctx.db, Number(on.slice(0, 4)))) {
    const kpi = kpis.get(t.kpi_id);
    if (!kpi) continue;
    const fact = await scopeFact(ctx.db, kpi, { blockCode: t.block_code, categoryCode: t.category_code }, on);
    await ctx.db
      .insertInto('kpi_scope_values')
      .values({
        kpi_id: kpi.id,
        block_code: t.block_code,
        category_code: t.category_code,
        on_date: on,
        value: fact.fact,
        source: 'computed',
        comment: '',
        author_user_id: null,
        author_label: 'Расчёт по расписанию',
        created_at: ctx.services.clock.now(),
      })
      .execute();
    n++;
  }
  return n;
}
