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
 * a key being written by another session makes the statement wait for it and then skip the message. If the batch's
 * statement fails (a value the database refuses), every message of it is written again on its own, so one bad
 * message fails only itself.
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

const DEFAULTS: GroupCommitOptions = { maxBatch: 64, maxInFlight: 4 };

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
 * Writes the cases by one call of `intake_new_cases` (db/functions/intake-new-cases.ts: a function, so its statement
 * is planned once per session and only the call's short text goes with each batch); the result has the ids of each
 * written case at its position (undefined where its key was already stored or repeats an earlier one of the list).
 */
export async function writeCases(db: Db, list: readonly NewCaseRows[]): Promise<(WrittenCase | undefined)[]> {
  if (list.length === 0) return [];
  const result = await db.executeQuery<{ i: number; case_id: string; message_id: string }>(
    CompiledQuery.raw('select i, case_id, message_id from intake_new_cases($1::text::jsonb)', [JSON.stringify(list)]),
  );
  const written: (WrittenCase | undefined)[] = new Array<WrittenCase | undefined>(list.length);
  for (const row of result.rows)
    written[Number(row.i) - 1] = { caseId: String(row.case_id), messageId: String(row.message_id) };
  return written;
}
