import { sql } from 'kysely';
import type { KpiFormula } from '../../../shared/api/kpi';
import type { Db } from '../../db/database';

/** Half-open interval of instants [from, to). */
export interface Period { from: Date; to: Date }

export interface FormulaDef {
  code: KpiFormula;
  label: string;
  description: string;
  unit: string;
  compute(db: Db, period: Period): Promise<number | null>;
}

const share = (part: unknown, whole: unknown): number | null => (Number(whole) > 0 ? (100 * Number(part)) / Number(whole) : null);
const live = sql<boolean>`merged_into_id is null and status <> 'rejected'`;

// The registry of indicators the data can compute. Every formula reads cases, answers and ratings for a period;
// shares are percentages, medians calendar hours. Rejected and merged cases do not count.
export const KPI_FORMULA_REGISTRY: Record<KpiFormula, FormulaDef> = {
  on_time_share: {
    code: 'on_time_share', unit: '%', label: 'Доля ответов в срок',
    description: 'Обращения, срок окончательного ответа которых наступил в периоде: доля тех, где окончательный ответ дан не позднее срока.',
    async compute(db, p) {
      const r = await db.selectFrom('cases')
        .select([
          sql<string>`count(*)`.as('due'),
          sql<string>`count(*) filter (where final_answer_at is not null and final_answer_at <= final_answer_due_at)`.as('on_time'),
        ])
        .where(live).where('final_answer_due_at', '>=', p.from).where('final_answer_due_at', '<', p.to).executeTakeFirstOrThrow();
      return share(r.on_time, r.due);
    },
  },
  first_response_median_hours: {
    code: 'first_response_median_hours', unit: 'ч', label: 'Медиана до первого ответа',
    description: 'Обращения, поступившие в периоде и получившие ответ: медиана календарных часов от поступления до первого ответа (промежуточного или окончательного).',
    async compute(db, p) {
      const r = await db.selectFrom('cases')
        .select(sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 3600)`.as('median'))
        .where(live).where('first_response_at', 'is not', null).where('created_at', '>=', p.from).where('created_at', '<', p.to)
        .executeTakeFirstOrThrow();
      return r.median === null ? null : Number(r.median);
    },
  },
  final_answer_share: {
    code: 'final_answer_share', unit: '%', label: 'Доля с окончательным ответом',
    description: 'Обращения, поступившие в периоде: доля тех, на которые дан окончательный ответ.',
    async compute(db, p) {
      const r = await db.selectFrom('cases')
        .select([sql<string>`count(*)`.as('all'), sql<string>`count(final_answer_at)`.as('answered')])
        .where(live).where('created_at', '>=', p.from).where('created_at', '<', p.to).executeTakeFirstOrThrow();
      return share(r.answered, r.all);
    },
  },
  satisfied_share: {
    code: 'satisfied_share', unit: '%', label: 'Доля удовлетворённых',
    description: 'Оценки граждан, полученные в периоде: доля оценок 4 и 5 из пяти.',
    async compute(db, p) {
      const r = await db.selectFrom('ratings')
        .select([sql<string>`count(*)`.as('all'), sql<string>`count(*) filter (where score >= 4)`.as('good')])
        .where('created_at', '>=', p.from).where('created_at', '<', p.to).executeTakeFirstOrThrow();
      return share(r.good, r.all);
    },
  },
  returned_share: {
    code: 'returned_share', unit: '%', label: 'Доля возвращённых на доработку',
    description: 'Ответы, проверенные контролем качества ЦУР в периоде: доля возвращённых на доработку.',
    async compute(db, p) {
      const r = await db.selectFrom('answers')
        .select([sql<string>`count(*)`.as('all'), sql<string>`count(*) filter (where review_status = 'returned')`.as('returned')])
        .where('review_status', 'in', ['accepted', 'returned']).where('reviewed_at', '>=', p.from).where('reviewed_at', '<', p.to)
        .executeTakeFirstOrThrow();
      return share(r.returned, r.all);
    },
  },
};

export function formulaList(): Omit<FormulaDef, 'compute'>[] {
  return Object.values(KPI_FORMULA_REGISTRY).map(({ code, label, description, unit }) => ({ code, label, description, unit }));
}
