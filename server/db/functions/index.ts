// Database functions kept as code and applied at every start (after the migrations), so that a definition — a figure
// of the ratings, say — changes in one place without a new migration. Each function carries the SHA-256 of its
// definition in its comment; a start compares them in one query and replaces only what changed, then runs the
// function's `onChange` (for the rollup functions: mark every day for recomputation, done in chunks by the next
// refresh). The first version of the rollup functions was created by a migration, which stays as it was; a newer
// function (intake_new_cases) is created here only.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database';
import { INTAKE_NEW_CASES } from './intake-new-cases';
import { FILL_UNIT_DAYS, FILL_UNIT_MONTHS } from './rating-figures';

export interface DatabaseFunction {
  /** regprocedure form: name(argument types). */
  signature: string;
  /** A `create or replace function` statement. */
  definition: string;
  /** Run in the same transaction after the function was replaced. */
  onChange?: string;
}

const RECOMPUTE_RATING_DAYS = `insert into analytics_dirty_days (day) select distinct day from analytics_message_facts on conflict do nothing`;

export const DATABASE_FUNCTIONS: readonly DatabaseFunction[] = [
  { signature: 'analytics_fill_unit_days(date[])', definition: FILL_UNIT_DAYS, onChange: RECOMPUTE_RATING_DAYS },
  { signature: 'analytics_fill_unit_months(date[])', definition: FILL_UNIT_MONTHS, onChange: RECOMPUTE_RATING_DAYS },
  { signature: 'intake_new_cases(jsonb)', definition: INTAKE_NEW_CASES },
];

const MARK = 'otklik:';
const digest = (f: DatabaseFunction): string => MARK + createHash('sha256').update(f.definition).digest('hex');

/** Replaces the functions whose stored digest differs from their definition here; returns their signatures. */
export async function applyDatabaseFunctions(
  db: Db,
  functions: readonly DatabaseFunction[] = DATABASE_FUNCTIONS,
): Promise<string[]> {
  const { rows } = await sql<{ signature: string; comment: string | null }>`
    select s.signature, obj_description(to_regprocedure(s.signature), 'pg_proc') as comment
    from unnest(${functions.map((f) => f.signature)}::text[]) as s(signature)`.execute(db);
  const stored = new Map(rows.map((r) => [r.signature, r.comment]));
  const changed = functions.filter((f) => stored.get(f.signature) !== digest(f));
  if (!changed.length) return [];
  await db.transaction().execute(async (trx) => {
    // one node at a time replaces them (two app nodes may start together)
    await sql`select pg_advisory_xact_lock(7411003)`.execute(trx);
    const onChange = new Set<string>();
    for (const f of changed) {
      await sql.raw(f.definition).execute(trx);
      await sql.raw(`comment on function ${f.signature} is '${digest(f)}'`).execute(trx);
      if (f.onChange) onChange.add(f.onChange);
    }
    for (const statement of onChange) await sql.raw(statement).execute(trx);
  });
  return changed.map((f) => f.signature);
}
