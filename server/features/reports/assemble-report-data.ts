import { sql } from 'kysely';
import { KPI_STATUS_LABELS } from '../../../shared/api/kpi';
import { type ReportData, reportDataSchema } from '../../../shared/api/reports';
import type { Ctx } from '../../lib/context';
import { evaluateKpi } from '../kpi/evaluate-kpi';
import { loadKpis } from '../kpi/kpi.repository';
import { monthEnd, monthPeriod, shiftMonth } from './report-period';
import { monthProblems, monthRatings, monthSpikes, monthVolumes } from './report-sections';

const TOP = 10;

/** Everything the monthly report shows, read from the data once: the snapshot a draft keeps. */
export async function assembleReportData(ctx: Ctx, month: string): Promise<ReportData> {
  const db = ctx.db;
  const previousMonth = shiftMonth(month, -1);
  const p = monthPeriod(month);
  const byChannel = await monthVolumes(ctx, month, 'channel');
  const byBlock = await monthVolumes(ctx, month, 'block');
  const byMunicipality = await monthVolumes(ctx, month, 'municipality', 20);
  const byOrganisation = await monthVolumes(ctx, month, 'organisation', 15);
  const topProblems = await monthProblems(ctx, month, TOP);
  const overdue = await overdueOf(ctx, p);
  const satisfaction = await satisfactionOf(ctx, p);
  const counts = await db
    .selectFrom('cases')
    .select(sql<string>`count(*)`.as('n'))
    .where('created_at', '>=', p.from)
    .where('created_at', '<', p.to)
    .executeTakeFirstOrThrow();
  const finals = await db
    .selectFrom('answers')
    .select(sql<string>`count(*)`.as('n'))
    .where('kind', '=', 'final')
    .where('created_at', '>=', p.from)
    .where('created_at', '<', p.to)
    .executeTakeFirstOrThrow();
  const kpis = [];
  for (const row of await loadKpis(db)) {
    const e = await evaluateKpi(db, row, monthEnd(month));
    kpis.push({
      title: row.title,
      unit: row.unit,
      target: e.target,
      value: e.value,
      status: e.status,
      statusLabel: e.status === 'no_data' ? e.statusReason : KPI_STATUS_LABELS[e.status],
    });
  }
  return reportDataSchema.parse({
    month,
    previousMonth,
    summary: {
      messages: byChannel.reduce((s, r) => s + r.count, 0),
      previousMessages: byChannel.reduce((s, r) => s + r.previous, 0),
      cases: Number(counts.n),
      finalAnswers: Number(finals.n),
      overdue: overdue.total,
      ratings: satisfaction.count,
      averageRating: satisfaction.average,
    },
    byChannel,
    byBlock,
    byMunicipality,
    byOrganisation,
    topProblems,
    spikes: await monthSpikes(ctx, month),
    ratings: await monthRatings(ctx, month),
    overdue,
    kpis,
    satisfaction,
  });
}

/**
 * The organisation a case is shown under: its organisation, or the name an imported source gave that is not yet
 * matched to the reference (held for review, marked so), or «Не назначено».
 */
const ORGANISATION_NAME = sql<string>`coalesce(o.name, (select m.organisation_raw || ' (не сопоставлена)' from messages m
  where m.case_id = c.id and m.organisation_raw is not null order by m.id limit 1), 'Не назначено')`;

/** Final-answer deadlines that fell in the month and were missed (answered late or not answered by then). */
async function overdueOf(ctx: Ctx, p: { from: Date; to: Date }): Promise<ReportData['overdue']> {
  const base = ctx.db
    .selectFrom('cases as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .where('c.merged_into_id', 'is', null)
    .where('c.status', '<>', 'rejected')
    .where('c.final_answer_due_at', '>=', p.from)
    .where('c.final_answer_due_at', '<', p.to)
    .where((eb) =>
      eb.or([eb('c.final_answer_at', 'is', null), eb('c.final_answer_at', '>', eb.ref('c.final_answer_due_at'))]),
    );
  const byOrg = await ctx.db
    .selectFrom(base.select(ORGANISATION_NAME.as('name')).as('t'))
    .select(['t.name', sql<string>`count(*)`.as('n')])
    .groupBy('t.name')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('t.name')
    .execute();
  const cases = await base
    .leftJoin('categories as cat', (j) =>
      j.onRef('cat.block_code', '=', 'c.block_code').onRef('cat.code', '=', 'c.category_code'),
    )
    .select([
      'c.id',
      'c.final_answer_due_at',
      'c.final_answer_at',
      ORGANISATION_NAME.as('organisation'),
      sql<string>`coalesce(cat.name, '—')`.as('category'),
    ])
    .orderBy('c.final_answer_due_at')
    .orderBy('c.id')
    .limit(15)
    .execute();
  return {
    total: byOrg.reduce((s, r) => s + Number(r.n), 0),
    byOrganisation: byOrg.slice(0, TOP).map((r) => ({ name: r.name, count: Number(r.n) })),
    cases: cases.map((c) => ({
      id: c.id,
      organisation: c.organisation,
      category: c.category,
      dueAt: (c.final_answer_due_at as Date).toISOString(),
      answeredAt: c.final_answer_at ? c.final_answer_at.toISOString() : null,
    })),
  };
}

async function satisfactionOf(ctx: Ctx, p: { from: Date; to: Date }): Promise<ReportData['satisfaction']> {
  const rows = await ctx.db
    .selectFrom('ratings')
    .select(['score', sql<string>`count(*)`.as('n')])
    .where('created_at', '>=', p.from)
    .where('created_at', '<', p.to)
    .groupBy('score')
    .execute();
  const distribution = [1, 2, 3, 4, 5].map((s) => Number(rows.find((r) => r.score === s)?.n ?? 0));
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    count,
    distribution,
    average: count ? round(sum / count) : null,
    satisfiedShare: count ? round((100 * ((distribution[3] ?? 0) + (distribution[4] ?? 0))) / count) : null,
  };
}
