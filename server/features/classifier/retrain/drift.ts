// Drift of the classifier: by month of the case, the share of cases whose block and category operators left as the
// classifier suggested (a correction changes the case's category, the suggestion stays in `classification`), and the
// categories whose share fell most in the latest month against the months before.
import { sql } from 'kysely';
import type { ClassifierDrift } from '../../../../shared/api/classifier';
import { moscowInstant, toMoscowIsoDate } from '../../../../shared/deadlines/moscow-time';
import type { Ctx } from '../../../lib/context';

/** A category drifts when it has at least this many cases in the latest month and lost at least this much accuracy. */
const MIN_CASES = 3;
const MIN_DROP = 0.15;
const MAX_DRIFTING = 10;

const share = (hits: number, n: number): number => (n > 0 ? Math.round((hits / n) * 1000) / 1000 : 0);

export async function classifierDrift(ctx: Ctx, months: number): Promise<ClassifierDrift> {
  const today = toMoscowIsoDate(ctx.services.clock.now());
  const firstMonth = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  firstMonth.setUTCMonth(firstMonth.getUTCMonth() - (months - 1));
  const since = moscowInstant(firstMonth.toISOString().slice(0, 10));
  const month = sql<string>`to_char(cases.created_at at time zone 'Europe/Moscow', 'YYYY-MM')`;
  const rows = await ctx.db
    .selectFrom('cases')
    .select([
      month.as('month'),
      'cases.block_code as block',
      'cases.category_code as category',
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string>`count(*) filter (where cases.classification->>'block' = cases.block_code and cases.classification->>'category' = cases.category_code)`.as(
        'hits',
      ),
    ])
    .where('cases.created_at', '>=', since)
    .where('cases.merged_into_id', 'is', null)
    .where('cases.block_code', 'is not', null)
    .where(sql<boolean>`cases.classification->>'model' is not null`)
    .groupBy([month, 'cases.block_code', 'cases.category_code'])
    .execute();
  const byMonth = new Map<string, { n: number; hits: number }>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? { n: 0, hits: 0 };
    byMonth.set(r.month, { n: m.n + Number(r.n), hits: m.hits + Number(r.hits) });
  }
  const monthList = [...byMonth.keys()].sort();
  const latest = monthList.at(-1);
  const ref = await ctx.services.reference.get(ctx.db);
  const perCategory = new Map<
    string,
    { block: string; category: string; latest: { n: number; hits: number }; before: { n: number; hits: number } }
  >();
  for (const r of rows) {
    const key = `${r.block ?? ''}.${r.category ?? ''}`;
    const c = perCategory.get(key) ?? {
      block: r.block ?? '',
      category: r.category ?? '',
      latest: { n: 0, hits: 0 },
      before: { n: 0, hits: 0 },
    };
    const part = r.month === latest ? c.latest : c.before;
    part.n += Number(r.n);
    part.hits += Number(r.hits);
    perCategory.set(key, c);
  }
  const drifting = [...perCategory.values()]
    .filter((c) => c.latest.n >= MIN_CASES && c.before.n >= MIN_CASES)
    .map((c) => ({ ...c, drop: share(c.before.hits, c.before.n) - share(c.latest.hits, c.latest.n) }))
    .filter((c) => c.drop >= MIN_DROP)
    .sort((a, b) => b.drop - a.drop || a.block.localeCompare(b.block) || a.category.localeCompare(b.category))
    .slice(0, MAX_DRIFTING);
  return {
    months: monthList.map((m) => {
      const v = byMonth.get(m) ?? { n: 0, hits: 0 };
      return { month: m, cases: v.n, accuracy: share(v.hits, v.n) };
    }),
    drifting: drifting.map((c) => ({
      block: c.block,
      category: c.category,
      name:
        ref.categories.find((x) => x.blockCode === c.block && x.code === c.category)?.name ??
        `${c.block}.${c.category}`,
      latest: { cases: c.latest.n, accuracy: share(c.latest.hits, c.latest.n) },
      before: { cases: c.before.n, accuracy: share(c.before.hits, c.before.n) },
    })),
  };
}
