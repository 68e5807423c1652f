import { sql } from 'kysely';
import type { KpiInput } from '../../../shared/api/kpi';
import type { Db } from '../../db/database';

export interface KpiRow {
  id: number;
  code: string;
  kind: string;
  title: string;
  federal_result: string;
  unit: string;
  direction: string;
  formula: string | null;
  qualitative: string;
  quantitative: string;
  responsible: string;
  deadline: string;
  is_example: boolean;
  targets: { year: number; target: number }[];
}
export interface KpiValueRow {
  on_date: string;
  value: number;
  comment: string | null;
  author_label: string;
  created_at: Date;
}

/** Active indicators (or one), with their yearly targets. Dates are read as text: no time-zone shift. */
export async function loadKpis(db: Db, id?: number): Promise<KpiRow[]> {
  let q = db
    .selectFrom('kpis')
    .select([
      'id',
      'code',
      'kind',
      'title',
      'federal_result',
      'unit',
      'direction',
      'formula',
      'qualitative',
      'quantitative',
      'responsible',
      'is_example',
    ])
    .select(sql<string>`deadline::text`.as('deadline'))
    .where('active', '=', true)
    .orderBy('kind', 'desc')
    .orderBy('id');
  if (id !== undefined) q = q.where('id', '=', id);
  const rows = await q.execute();
  if (!rows.length) return [];
  const targets = await db
    .selectFrom('kpi_targets')
    .select(['kpi_id', 'year', 'target'])
    .where(
      'kpi_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('year')
    .execute();
  return rows.map((r) => ({
    ...r,
    targets: targets.filter((t) => t.kpi_id === r.id).map((t) => ({ year: t.year, target: Number(t.target) })),
  }));
}

export async function manualValues(db: Db, kpiId: number, upTo?: string): Promise<KpiValueRow[]> {
  let q = db
    .selectFrom('kpi_values')
    .select(['value', 'comment', 'author_label', 'created_at'])
    .select(sql<string>`on_date::text`.as('on_date'))
    .where('kpi_id', '=', kpiId)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc');
  if (upTo) q = q.where('on_date', '<=', upTo);
  return (await q.execute()).map((r) => ({ ...r, value: Number(r.value) }));
}

const columns = (input: KpiInput) => ({
  code: input.code,
  kind: input.kind,
  title: input.title,
  federal_result: input.federalResult,
  unit: input.unit,
  direction: input.direction,
  formula: input.formula,
  qualitative: input.qualitative,
  quantitative: input.quantitative,
  responsible: input.responsible,
  deadline: input.deadline,
});

export async function insertKpi(db: Db, input: KpiInput): Promise<number> {
  const row = await db.insertInto('kpis').values(columns(input)).returning('id').executeTakeFirstOrThrow();
  await replaceTargets(db, row.id, input.targets);
  return row.id;
}

export async function updateKpi(db: Db, id: number, input: KpiInput, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('kpis')
    .set({ ...columns(input), is_example: false, updated_at: now })
    .where('id', '=', id)
    .where('active', '=', true)
    .returning('id')
    .executeTakeFirst();
  if (!r) return false;
  await replaceTargets(db, id, input.targets);
  return true;
}

async function replaceTargets(db: Db, id: number, targets: KpiInput['targets']): Promise<void> {
  await db.deleteFrom('kpi_targets').where('kpi_id', '=', id).execute();
  if (targets.length)
    await db
      .insertInto('kpi_targets')
      .values(targets.map((t) => ({ kpi_id: id, year: t.year, target: t.target })))
      .execute();
}

export async function codeTaken(db: Db, code: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('kpis').select('id').where('code', '=', code);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return Boolean(await q.executeTakeFirst());
}
