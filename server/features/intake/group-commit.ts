import { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Group commit of new cases: concurrent intakes that open a case wait for the write in flight (or the next turn of the
 * event loop) and are written together by ONE set-based statement — cases, their history and messages for all of them
 * — so planning, the statement-level triggers (case counts, analytics marks) and the commit are paid once per batch,
 * and the statement's text is sent once per batch, not once per message.
 *
 * Each message keeps the semantics of writing it alone: a message whose `(channel, external_id)` is already stored,
 * or repeats an earlier one of the same batch, writes nothing and answers `null` (the caller presents the stored one);
 * if the batch's statement fails (a value the database refuses, a key written meanwhile by another node), every
 * message of it is written again on its own, so one bad message fails only itself.
 */

/** One new case to write: rows as JSON objects keyed by column (jsonb columns as objects, timestamps as Dates). */
export interface NewCaseRows {
  case: Record<string, unknown>;
  /** Its first history events, in order, without case_id. */
  events: Record<string, unknown>[];
  /** The message row without case_id; `channel` and `external_id` are its idempotency key. */
  message: Record<string, unknown> & { channel: string; external_id: string };
}

export interface WrittenCase {
  caseId: string;
  messageId: string;
}

export interface GroupCommitOptions {
  /** At most this many messages in one statement. */
  maxBatch: number;
  /** At most this many batch statements at once (the rest wait and gather). */
  maxInFlight: number;
}

interface Waiting {
  rows: NewCaseRows;
  resolve: (written: WrittenCase | null) => void;
  reject: (error: unknown) => void;
}

const DEFAULTS: GroupCommitOptions = { maxBatch: 64, maxInFlight: 2 };

export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Batches written and messages in them, for tests and measurements. */
  readonly stats = { batches: 0, messages: 0, fallbacks: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: GroupCommitOptions = DEFAULTS,
  ) {}

  /** Writes the case with the others waiting: its ids, or null when its message's key is already stored. */
  write(rows: NewCaseRows): Promise<WrittenCase | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // The intakes that reach this turn of the event loop go together; under load the queue fills while writes run.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        this.inFlight++;
        void this.flush(batch).finally(() => {
          this.inFlight--;
          this.schedule();
        });
      }
    });
  }

  private async flush(batch: Waiting[]): Promise<void> {
    this.stats.batches++;
    this.stats.messages += batch.length;
    try {
      const written = await writeCases(
        this.db,
        batch.map((w) => w.rows),
      );
      batch.forEach((w, k) => w.resolve(written[k] ?? null));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One message's fault must not fail the others: each is written alone, and fails alone.
      this.stats.fallbacks++;
      await Promise.all(
        batch.map((w) =>
          writeCases(this.db, [w.rows]).then(
            ([written]) => w.resolve(written ?? null),
            (e: unknown) => w.reject(e),
          ),
        ),
      );
    }
  }
}

const instances = new WeakMap<Db, GroupCommit>();

/** The process's group commit for this database. */
export function groupCommitOf(db: Db): GroupCommit {
  let instance = instances.get(db);
  if (!instance) {
    instance = new GroupCommit(db);
    instances.set(db, instance);
  }
  return instance;
}

/**
 * Writes the cases in one statement; the result has the ids of each written case at its position (undefined where
 * its key was already stored or repeats an earlier one of the list).
 */
export async function writeCases(db: Db, list: readonly NewCaseRows[]): Promise<(WrittenCase | undefined)[]> {
  const first = list[0];
  if (!first) return [];
  const text = statementFor(Object.keys(first.case), Object.keys(first.message));
  for (const rows of list) {
    // The statement's columns come from the first; all intakes build the same columns, and a change must show.
    if (statementFor(Object.keys(rows.case), Object.keys(rows.message)) !== text)
      throw new Error('group commit: the rows of one batch have different columns');
  }
  const result = await db.executeQuery<{ i: number; case_id: string; message_id: string }>(
    CompiledQuery.raw(text, [JSON.stringify(list)]),
  );
  const written: (WrittenCase | undefined)[] = new Array<WrittenCase | undefined>(list.length);
  for (const row of result.rows)
    written[Number(row.i) - 1] = { caseId: String(row.case_id), messageId: String(row.message_id) };
  return written;
}

const statements = new Map<string, string>();
const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** The statement's text for these columns, built once (the columns are the intake's own, never a client's). */
function statementFor(caseColumns: readonly string[], messageColumns: readonly string[]): string {
  const key = `${caseColumns.join(',')}|${messageColumns.join(',')}`;
  const cached = statements.get(key);
  if (cached) return cached;
  const caseCols = caseColumns.filter((c) => c !== 'id');
  const messageCols = messageColumns.filter((c) => c !== 'id' && c !== 'case_id');
  for (const c of [...caseCols, ...messageCols]) if (!COLUMN.test(c)) throw new Error(`group commit: column ${c}`);
  const list = (cols: string[], alias: string): string => cols.map((c) => `${alias}.${c}`).join(', ');
  // Every statement of the CTE sees the same snapshot, so the repeat check reads messages committed before it; the
  // unique key still refuses one written meanwhile (then the batch is written message by message). The ids are drawn
  // in the order of the list, so case numbers and history follow arrival; foreign keys are checked at the end.
  const text = `with items as (
    select e.ord::int as i, e.value as v from jsonb_array_elements($1::text::jsonb) with ordinality as e(value, ord)
  ), fresh as (
    select distinct on (v->'message'->>'channel', v->'message'->>'external_id') i, v from items
    where not exists (
      select 1 from messages m where m.channel = items.v->'message'->>'channel'
        and m.external_id = items.v->'message'->>'external_id')
    order by v->'message'->>'channel', v->'message'->>'external_id', i
  ), ordered as (
    select i, v from fresh order by i offset 0
  ), ids as (
    select i, v, nextval(pg_get_serial_sequence('cases', 'id')) as case_id,
      nextval(pg_get_serial_sequence('messages', 'id')) as message_id
    from ordered
  ), new_cases as (
    insert into cases (id, ${caseCols.join(', ')})
    select ids.case_id, ${list(caseCols, 'c')}
    from ids cross join lateral jsonb_populate_record(null::cases, ids.v->'case') c
    order by ids.i
  ), new_events as (
    insert into case_events (case_id, at, type, actor_user_id, actor_label, data)
    select ids.case_id, e.at, e.type, e.actor_user_id, e.actor_label, coalesce(e.data, '{}'::jsonb)
    from ids cross join lateral jsonb_array_elements(ids.v->'events') with ordinality as x(value, ord)
      cross join lateral jsonb_populate_record(null::case_events, x.value) e
    order by ids.i, x.ord
  ), new_messages as (
    insert into messages (id, case_id, ${messageCols.join(', ')})
    select ids.message_id, ids.case_id, ${list(messageCols, 'm')}
    from ids cross join lateral jsonb_populate_record(null::messages, ids.v->'message') m
    order by ids.i
  )
  select i, case_id::text as case_id, message_id::text as message_id from ids`;
  statements.set(key, text);
  return text;
}
