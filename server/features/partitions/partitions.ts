import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/errors';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { plural } from '../../../shared/text/plural';

// Monthly partitions of messages, case_events and the outbox (migration 0047 explains the layout). This module:
// - creates months ahead and moves rows that landed in a table's default partition into their month
//   (maintainPartitions: the nightly job and `otklik partitions maintain`; ensureMonths: an import, for its months);
// - lists the partitions with their sizes (`otklik partitions list`);
// - retention: detaches whole months before a date (`otklik partitions detach --before ГГГГ-ММ [--drop]`). A detached
//   month moves to the schema otklik_archive (queries no longer see it; it can be dumped or attached back); with
//   --drop it is deleted. Each month is recorded in partition_retention. Keys stay in message_keys (a message sent
//   again is still recognised; the tables that point at a message still point at its key).

export const ARCHIVE_SCHEMA = 'otklik_archive';
const ROWS = ['строка', 'строки', 'строк'] as const;

export interface PartitionInfo {
  table: string;
  partition: string;
  /** ГГГГ-ММ, or null for the default partition (rows of months that have no partition yet). */
  month: string | null;
  /** The planner's estimate (exact after ANALYZE); counted when the partition was never analysed. */
  rowsEstimate: number;
  bytes: number;
}

interface Policy {
  table_name: string;
  key_column: string;
  months_ahead: number;
}

async function policies(db: Db, table?: string): Promise<Policy[]> {
  const rows = await db.selectFrom('partition_policies').selectAll().orderBy('table_name').execute();
  if (table !== undefined && !rows.some((p) => p.table_name === table))
    throw new AppError(
      'bad_request',
      `Таблица ${table} не разбита по месяцам; разбиты: ${rows.map((p) => p.table_name).join(', ')}`,
    );
  return rows.filter((p) => table === undefined || p.table_name === table);
}

/** First day (ГГГГ-ММ-01) of each month from `from` to `to`, both included (Moscow months). */
export function monthsBetween(from: Date, to: Date): string[] {
  const [fy, fm] = toMoscowIsoDate(from).split('-').map(Number) as [number, number];
  const [ty, tm] = toMoscowIsoDate(to).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    out.push(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  return out;
}

/** Creates the months' partitions of every partitioned table that lacks them; returns those created ("table ГГГГ-ММ"). */
export async function ensureMonths(db: Db, months: readonly string[], table?: string): Promise<string[]> {
  const created: string[] = [];
  for (const policy of await policies(db, table)) {
    for (const month of months) {
      // each month in its own short transaction: creating a partition locks its table briefly
      const { rows } = await sql<{
        created: boolean;
      }>`select otklik_month_partition(${policy.table_name}, ${month}::date) as created`.execute(db);
      if (rows[0]?.created) created.push(`${policy.table_name} ${month.slice(0, 7)}`);
    }
  }
  return created;
}

/**
 * The nightly upkeep: every table gets its partitions from last month to `months_ahead` months ahead, and the rows that
 * wait in a default partition (dates of months without a partition: an import of history, a wrong clock) move into
 * partitions of their own months, up to `maxMonthsMoved` months per table and run.
 */
export async function maintainPartitions(db: Db, now: Date, maxMonthsMoved = 24): Promise<string[]> {
  const created: string[] = [];
  for (const policy of await policies(db)) {
    const from = new Date(now.getTime() - 31 * 86_400_000);
    const to = new Date(now.getTime() + (policy.months_ahead * 31 + 1) * 86_400_000);
    created.push(...(await ensureMonths(db, monthsBetween(from, to), policy.table_name)));
    // a month already sent to the archive is not created again; its late rows stay in the default partition
    const waiting = await sql<{ month: string }>`
      select to_char(w.month, 'YYYY-MM-DD') as month from (
        select distinct date_trunc('month', ${sql.ref(policy.key_column)} at time zone 'Europe/Moscow')::date as month
        from ${sql.table(`${policy.table_name}_p_default`)}) w
      where not exists (select 1 from partition_retention r where r.table_name = ${policy.table_name} and r.month = w.month)
      order by 1 limit ${maxMonthsMoved}`.execute(db);
    const months = waiting.rows.map((r) => r.month);
    created.push(...(await ensureMonths(db, months, policy.table_name)));
  }
  return created;
}

export async function listPartitions(db: Db, table?: string): Promise<PartitionInfo[]> {
  const out: PartitionInfo[] = [];
  for (const policy of await policies(db, table)) {
    const { rows } = await sql<{ partition: string; rows: number; bytes: string }>`
      select c.relname as partition, c.reltuples::float8 as rows, pg_total_relation_size(c.oid)::text as bytes
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = ${policy.table_name}::regclass order by c.relname`.execute(db);
    for (const r of rows) {
      // never analysed (a new month): counted — such a month is new or small
      const estimate =
        Number(r.rows) >= 0
          ? Number(r.rows)
          : Number(
              (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(r.partition)}`.execute(db)).rows[0]!
                .n,
            );
      out.push({
        table: policy.table_name,
        ...partitionMonth(policy.table_name, r.partition),
        rowsEstimate: estimate,
        bytes: Number(r.bytes),
      });
    }
  }
  return out;
}

function partitionMonth(table: string, partition: string): { partition: string; month: string | null } {
  const match = new RegExp(`^${table}_p(\\d{4})_(\\d{2})$`).exec(partition);
  return { partition, month: match ? `${match[1]}-${match[2]}` : null };
}

export interface DetachInput {
  /** ГГГГ-ММ: every month before it (not included) is detached. */
  before: string;
  table?: string | undefined;
  drop?: boolean | undefined;
  actor: string;
}

/**
 * Retention: detaches (or drops) every monthly partition before `before`. Refused for the current month or later, for
 * an outbox month that still has jobs to run and for a month of case history that holds events not yet sealed into the
 * chain of hashes. Returns one line per month.
 */
export async function detachBefore(db: Db, now: Date, input: DetachInput): Promise<string[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.before))
    throw new AppError('bad_request', `--before: ожидается месяц ГГГГ-ММ, получено «${input.before}»`);
  const current = toMoscowIsoDate(now).slice(0, 7);
  if (input.before > current)
    throw new AppError(
      'bad_request',
      `Нельзя отправить в архив текущий (${current}) или будущий месяц: --before не позже ${current}`,
    );
  const lines: string[] = [];
  for (const policy of await policies(db, input.table)) {
    const months = (await listPartitions(db, policy.table_name)).filter(
      (p) => p.month !== null && p.month < input.before,
    );
    for (const p of months) lines.push(await detachMonth(db, policy, p, input));
  }
  return lines.length ? lines : [`Нет месяцев раньше ${input.before}: отправлять в архив нечего`];
}

async function detachMonth(db: Db, policy: Policy, p: PartitionInfo, input: DetachInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const part = sql.table(p.partition);
    if (policy.table_name === 'outbox') {
      const { rows } = await sql<{
        n: string;
      }>`select count(*)::text as n from ${part} where status in ('pending', 'running')`.execute(trx);
      if (rows[0]!.n !== '0')
        throw new AppError(
          'conflict',
          `${p.partition}: не выполнено заданий — ${rows[0]!.n}; месяц не отправлен в архив`,
        );
      await sql`delete from outbox_keys k using ${part} o where k.idempotency_key = o.idempotency_key`.execute(trx);
    }
    if (policy.table_name === 'case_events') {
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${part} e
        where not exists (select 1 from chain_links l where l.source_table = 'case_events' and l.source_id = e.id)`.execute(
        trx,
      );
      if (rows[0]!.n !== '0')
        throw new AppError(
          'conflict',
          `${p.partition}: не запечатано в цепочку хешей событий — ${rows[0]!.n} (otklik verify --seal); месяц не отправлен в архив`,
        );
    }
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${part}`.execute(trx);
    const count = rows[0]!.n;
    await sql`alter table ${sql.table(policy.table_name)} detach partition ${part}`.execute(trx);
    let archivedAs: string | null = null;
    if (input.drop) await sql`drop table ${part}`.execute(trx);
    else {
      await sql`create schema if not exists ${sql.id(ARCHIVE_SCHEMA)}`.execute(trx);
      await sql`alter table ${part} set schema ${sql.id(ARCHIVE_SCHEMA)}`.execute(trx);
      archivedAs = `${ARCHIVE_SCHEMA}.${p.partition}`;
    }
    await trx
      .insertInto('partition_retention')
      .values({
        table_name: policy.table_name,
        partition_name: p.partition,
        month: `${p.month!}-01`,
        rows: count,
        action: input.drop ? 'dropped' : 'detached',
        archived_as: archivedAs,
        actor: input.actor,
      })
      .execute();
    const rowsText = `${count} ${plural(Number(count), ROWS)}`;
    return input.drop
      ? `${policy.table_name} ${p.month!}: удалён (${rowsText})`
      : `${policy.table_name} ${p.month!}: отключён и перенесён в ${archivedAs!} (${rowsText})`;
  });
}
