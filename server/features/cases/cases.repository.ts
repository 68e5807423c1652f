import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { CaseListQuery } from '../../../shared/api/cases';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { authorMatch } from './person-search';
import { rolledUpTotal, rollupPeriod } from './case-counts';
import { groupAttachments, listCaseAttachments } from '../attachments/attachments.repository';

type CaseQuery = SelectQueryBuilder<DB, 'cases', object>;
const MSK = "'Europe/Moscow'";

/** Cases that still wait for a final answer count for the deadline filters. */
const awaitingFinal = (eb: ExpressionBuilder<DB, 'cases'>) =>
  eb.and([eb('cases.final_answer_at', 'is', null), eb('cases.status', 'not in', ['closed', 'rejected'])]);

/** A query without spaces may be an identifier: a case number, a message id (Open311's service_request_id) or a channel's own id. */
const IDENTIFIER = /^[\p{L}\p{N}_.:#-]{1,200}$/u;
const DIGITS = /^\d{1,18}$/;

function identifierMatch(eb: ExpressionBuilder<DB, 'cases'>, q: string) {
  const byMessage = eb
    .selectFrom('messages')
    .select('messages.case_id')
    .where((m) => m.or([m('messages.external_id', '=', q), ...(DIGITS.test(q) ? [m('messages.id', '=', q)] : [])]));
  return eb.or([...(DIGITS.test(q) ? [eb('cases.id', '=', q)] : []), eb('cases.id', 'in', byMessage)]);
}

export interface CaseSearchOptions {
  /** The query may match the author's name, phone or e-mail (roles that see personal data only). */
  byAuthor?: boolean;
  /** Count by scanning the cases even where the per-day rollup answers (the tests compare the two). */
  scan?: boolean;
}

export function applyCaseFilters(
  q: CaseQuery,
  f: Partial<CaseListQuery>,
  now: Date,
  organisationScope: number | null,
  options: CaseSearchOptions = {},
): CaseQuery {
  let query = q.where('cases.merged_into_id', 'is', null);
  if (organisationScope !== null) query = query.where('cases.organisation_id', '=', organisationScope);
  if (f.ids?.length) query = query.where('cases.id', 'in', f.ids);
  if (f.block?.length) query = query.where('cases.block_code', 'in', f.block);
  if (f.category?.length) {
    // "block.category" or a bare category code
    const qualified = f.category.filter((c) => c.includes('.'));
    const plain = f.category.filter((c) => !c.includes('.'));
    query = query.where((eb) =>
      eb.or([
        ...(qualified.length ? [eb(sql<string>`cases.block_code || '.' || cases.category_code`, 'in', qualified)] : []),
        ...(plain.length ? [eb('cases.category_code', 'in', plain)] : []),
      ]),
    );
  }
  if (f.municipality?.length) {
    query = query.where('cases.municipality_id', 'in', (eb) =>
      eb.selectFrom('municipalities').select('municipalities.id').where('municipalities.code', 'in', f.municipality!),
    );
  }
  if (f.organisation?.length) query = query.where('cases.organisation_id', 'in', f.organisation);
  if (f.sourceOrganisation) {
    // cases held without an organisation whose imported source named this one (the ratings' unmatched rows)
    const name = f.sourceOrganisation;
    query = query.where('cases.organisation_id', 'is', null).where((eb) =>
      eb.exists(
        eb
          .selectFrom('messages')
          .select(sql`1`.as('one'))
          .whereRef('messages.case_id', '=', 'cases.id')
          .where('messages.organisation_raw', '=', name),
      ),
    );
  }
  if (f.status?.length) query = query.where('cases.status', 'in', f.status);
  if (f.channel?.length) query = query.where('cases.channel', 'in', f.channel);
  if (f.priority?.length) query = query.where('cases.priority', 'in', f.priority);
  // Moscow calendar days as instants, so the index on created_at serves the period
  if (f.from)
    query = query.where('cases.created_at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone ${sql.raw(MSK)}`);
  if (f.to)
    query = query.where(
      'cases.created_at',
      '<',
      sql<Date>`(${f.to}::date + 1)::timestamp at time zone ${sql.raw(MSK)}`,
    );
  if (f.citizenReplied !== undefined)
    query = query.where('cases.citizen_replied_at', f.citizenReplied ? 'is not' : 'is', null);
  if (f.answered !== undefined) query = query.where('cases.first_response_at', f.answered ? 'is not' : 'is', null);
  if (f.late !== undefined) {
    const late = sql<boolean>`coalesce(cases.final_answer_at > cases.final_answer_due_at, false)`;
    query = query.where(f.late ? late : sql<boolean>`not ${late}`);
  }
  if (f.delivery === 'failed') {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('deliveries')
          .select(sql`1`.as('one'))
          .whereRef('deliveries.case_id', '=', 'cases.id')
          .where('deliveries.status', '=', 'failed'),
      ),
    );
  }
  const search = f.q?.trim();
  if (search) {
    const text = sql<boolean>`cases.search @@ websearch_to_tsquery('russian', ${search})`;
    query = query.where((eb) => {
      const author = options.byAuthor ? authorMatch(eb, search) : null;
      return eb.or([
        text,
        ...(IDENTIFIER.test(search) ? [identifierMatch(eb, search)] : []),
        ...(author ? [author] : []),
      ]);
    });
  }
  const deadline = f.overdue === true ? 'overdue' : f.deadline;
  if (deadline === 'overdue') query = query.where(awaitingFinal).where('cases.final_answer_due_at', '<', now);
  if (deadline === 'at_risk') {
    query = query
      .where(awaitingFinal)
      .where('cases.final_answer_due_at', '>=', now)
      .where(
        sql<boolean>`cases.final_answer_due_at - ${now}::timestamptz < (cases.final_answer_due_at - cases.created_at) * 0.25`,
      );
  }
  if (deadline === 'on_time') {
    query = query
      .where(awaitingFinal)
      .where(
        sql<boolean>`cases.final_answer_due_at - ${now}::timestamptz >= (cases.final_answer_due_at - cases.created_at) * 0.25`,
      );
  }
  if (f.overdue === false)
    query = query.where((eb) => eb.or([eb.not(awaitingFinal(eb)), eb('cases.final_answer_due_at', '>=', now)]));
  return query;
}

export const CASE_LIST_COLUMNS = [
  'cases.id',
  'cases.status',
  'cases.priority',
  'cases.channel',
  'cases.summary',
  'cases.block_code',
  'cases.category_code',
  'cases.municipality_id',
  'cases.organisation_id',
  'cases.created_at',
  'cases.first_response_due_at',
  'cases.final_answer_due_at',
  'cases.first_response_at',
  'cases.final_answer_at',
  'cases.classification',
  'cases.closed_at',
  'cases.citizen_replied_at',
] as const;

export async function listCases(
  db: Db,
  f: CaseListQuery,
  now: Date,
  organisationScope: number | null,
  options: CaseSearchOptions = {},
) {
  const base = applyCaseFilters(db.selectFrom('cases'), f, now, organisationScope, options);
  // without filters but the period, for every organisation: the number from the per-day rollup (case-counts.ts)
  const period = options.scan ? null : rollupPeriod(f, organisationScope);
  const order = {
    created_desc: sql`cases.created_at desc, cases.id desc`,
    created_asc: sql`cases.created_at asc, cases.id asc`,
    due_asc: sql`cases.final_answer_due_at asc nulls last, cases.id asc`,
    priority: sql`case cases.priority when 'critical' then 0 when 'high' then 1 else 2 end, cases.final_answer_due_at asc nulls last`,
  }[f.sort];
  const [rows, count] = await Promise.all([
    base
      .select([...CASE_LIST_COLUMNS])
      .select((eb) =>
        eb
          .selectFrom('messages')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('messages.case_id', '=', 'cases.id')
          .as('message_count'),
      )
      .$if(Boolean(f.q?.trim() && IDENTIFIER.test(f.q.trim())), (qb) => qb.orderBy(exactFirst(f.q!.trim())))
      .orderBy(order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    period
      ? rolledUpTotal(db, period)
      : base
          .select((eb) => eb.fn.countAll<string>().as('total'))
          .executeTakeFirstOrThrow()
          .then((c) => Number(c.total)),
  ]);
  return { rows, total: count };
}
/** A case whose number or message ids equal the query comes before the cases that only mention it. */
function exactFirst(q: string) {
  const caseNumber = DIGITS.test(q) ? sql`cases.id = ${q}` : sql`false`;
  const message = sql`exists (select 1 from messages m where m.case_id = cases.id and (m.external_id = ${q}${DIGITS.test(q) ? sql` or m.id = ${q}` : sql``}))`;
  return sql`case when ${caseNumber} or ${message} then 0 else 1 end`;
}

export type CaseListRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

export async function getCaseRow(db: Db, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof getCaseRow>>>;

export async function getCaseChildren(db: Db, id: string) {
  const [messages, answers, events, attachments] = await Promise.all([
    db.selectFrom('messages').selectAll().where('case_id', '=', id).orderBy('created_at').execute(),
    db.selectFrom('answers').selectAll().where('case_id', '=', id).orderBy('created_at').execute(),
    db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('at').orderBy('id').execute(),
    listCaseAttachments(db, id),
  ]);
  return { messages, answers, events, attachments: groupAttachments(attachments) };
}
