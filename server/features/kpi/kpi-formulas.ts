import { sql, type RawBuilder } from 'kysely';
import type { KpiFormula } from '../../../shared/api/kpi';
import type { Db } from '../../db/database';

/** Half-open interval of instants [from, to). */
export interface Period {
  from: Date;
  to: Date;
}
/** Cases of one block (and one of its categories) only: targets per block and category (decree п. 11, 21). */
export interface Scope {
  blockCode: string;
  categoryCode: string | null;
}

export interface FormulaDef {
  code: KpiFormula;
  label: string;
  description: string;
  unit: string;
  compute(db: Db, period: Period, scope?: Scope): Promise<number | null>;
}

/** 100 × rows matching `part` / all rows of `table` matching `where`; null when there are none. */
async function shareOf(
  db: Db,
  table: 'cases' | 'ratings' | 'answers',
  part: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
): Promise<number | null> {
  const r = await sql<{ whole: string; part: string }>`
    select count(*) as whole, count(*) filter (where ${part}) as part from ${sql.table(table)} where ${where}`.execute(
    db,
  );
  const row = r.rows[0];
  return row && Number(row.whole) > 0 ? (100 * Number(row.part)) / Number(row.whole) : null;
}
const live = sql`merged_into_id is null and status <> 'rejected'`;
function inScope(scope: Scope | undefined, column: 'self' | 'case_id'): RawBuilder<unknown> {
  if (!scope) return sql`true`;
  const cases = sql`block_code = ${scope.blockCode} and (${scope.categoryCode}::text is null or category_code = ${scope.categoryCode})`;
  return column === 'self' ? cases : sql`case_id in (select id from cases where ${cases})`;
}
const within = (column: string, p: Period) => sql`${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to}`;

// The registry of indicators the data can compute. Every formula reads cases, answers and ratings for a period;
// shares are percentages, medians calendar hours. Rejected and merged cases do not count.
export const KPI_FORMULA_REGISTRY: Record<KpiFormula, FormulaDef> = {
  on_time_share: {
    code: 'on_time_share',
    unit: '%',
    label: 'Доля ответов в срок',
    description:
      'Обращения, срок окончательного ответа которых наступил в периоде: доля тех, где окончательный ответ дан не позднее срока.',
    compute: (db, p, s) =>
      shareOf(
        db,
        'cases',
        sql`final_answer_at <= final_answer_due_at`,
        sql`${live} and ${inScope(s, 'self')} and ${within('final_answer_due_at', p)}`,
      ),
  },
  first_response_median_hours: {
    code: 'first_response_median_hours',
    unit: 'ч',
    label: 'Медиана до первого ответа',
    description:
      'Обращения, поступившие в периоде и получившие ответ: медиана календарных часов от поступления до первого ответа (промежуточного или окончательного).',
    async compute(db, p, s) {
      const r = await db
        .selectFrom('cases')
        .select(
          sql<
            string | null
          >`percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 3600)`.as(
            'median',
          ),
        )
        .where(
          sql<boolean>`${live} and ${inScope(s, 'self')} and first_response_at is not null and ${within('created_at', p)}`,
        )
        .executeTakeFirstOrThrow();
      return r.median === null ? null : Number(r.median);
    },
  },
  final_answer_share: {
    code: 'final_answer_share',
    unit: '%',
    label: 'Доля с окончательным ответом',
    description: 'Обращения, поступившие в периоде: доля тех, на которые дан окончательный ответ.',
    compute: (db, p, s) =>
      shareOf(
        db,
        'cases',
        sql`final_answer_at is not null`,
        sql`${live} and ${inScope(s, 'self')} and ${within('created_at', p)}`,
      ),
  },
  satisfied_share: {
    code: 'satisfied_share',
    unit: '%',
    label: 'Доля удовлетворённых',
    description: 'Оценки граждан, полученные в периоде: доля оценок 4 и 5 из пяти.',
    compute: (db, p, s) =>
      shareOf(db, 'ratings', sql`score >= 4`, sql`${inScope(s, 'case_id')} and ${within('created_at', p)}`),
  },
  returned_share: {
    code: 'returned_share',
    unit: '%',
    label: 'Доля возвращённых на доработку',
    description: 'Ответы, проверенные контролем качества ЦУР в периоде: доля возвращённых на доработку.',
    compute: (db, p, s) =>
      shareOf(
        db,
        'answers',
        sql`review_status = 'returned'`,
        sql`review_status in ('accepted', 'returned') and ${inScope(s, 'case_id')} and ${within('reviewed_at', p)}`,
      ),
  },
};

export function formulaList(): Omit<FormulaDef, 'compute'>[] {
  return Object.values(KPI_FORMULA_REGISTRY).map(({ code, label, description, unit }) => ({
    code,
    label,
    description,
    unit,
  }));
}
