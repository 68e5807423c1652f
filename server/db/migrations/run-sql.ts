import { sql, type Kysely } from 'kysely';

// Executes a script statement by statement (PGlite's extended protocol takes one statement per query).
// Frozen helper for migrations only: statements are split on a semicolon that ends a line.
export async function runSql(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}
