// Kept analyses of imported texts (table analysis_cache, migration 0045): the classifier's prediction, the place
// found in the text and the urgency of a text, keyed by a hash of the text with what the analysis reads besides it
// (the analyzer's version — model, gazetteer, urgency lexicon —, the season, whether addresses are looked for: see
// `analysisKey` in prepare-messages.ts). Importing the same texts again — a corrected file, a file imported into a
// restored or second database on the same server — reads them instead of analysing again; another model has
// another version, so its keys differ and nothing stale is read. Entries unused for `ANALYSIS_CACHE_DAYS` go at the
// end of each import; `otklik analysis-cache` shows, prunes and clears them.
import { sql } from 'kysely';
import { countOf, type PluralForms } from '../../../shared/text/plural';
import type { Ctx } from '../../lib/context';
import type { Analysis } from '../understanding/message-analyzer';

/** Entries not read or written for this long are deleted at the end of an import. */
export const ANALYSIS_CACHE_DAYS = 90;
/** A read entry's `used_at` is moved on at most once a day (a read is not a write each time). */
const TOUCH_AFTER = '1 day';
/** Keys per statement: well under PostgreSQL's 65 535 parameters, whatever the batch size of the import. */
const CHUNK = 5000;

/** The kept analyses of these keys (those that have one). */
export async function readKeptAnalyses(ctx: Ctx, keys: readonly string[]): Promise<Map<string, Analysis>> {
  const kept = new Map<string, Analysis>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await sql<{ key: string; analysis: Analysis }>`
      with hit as (select key, analysis, used_at from analysis_cache where key in (${sql.join(keys.slice(i, i + CHUNK))})),
      touched as (
        update analysis_cache c set used_at = now() from hit
        where c.key = hit.key and hit.used_at < now() - ${TOUCH_AFTER}::interval
      )
      select key, analysis from hit`.execute(ctx.db);
    for (const r of rows.rows) kept.set(r.key, r.analysis);
  }
  return kept;
}

/** Keeps analyses just computed (a key kept already stays as it is: the same key gives the same analysis). */
export async function keepAnalyses(ctx: Ctx, entries: readonly { key: string; analysis: Analysis }[]): Promise<void> {
  const unique = [...new Map(entries.map((e) => [e.key, e])).values()];
  for (let i = 0; i < unique.length; i += CHUNK)
    await ctx.db
      .insertInto('analysis_cache')
      .values(unique.slice(i, i + CHUNK).map((e) => ({ key: e.key, analysis: JSON.stringify(e.analysis) })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
}

/** Deletes the entries unused for `days` days (0: all of them); returns how many. */
export async function pruneKeptAnalyses(ctx: Ctx, days: number): Promise<number> {
  const old = sql<boolean>`used_at < now() - make_interval(days => ${days})`;
  const deleted = await sql<{ n: string }>`with gone as (delete from analysis_cache where ${days > 0 ? old : sql`true`}
    returning 1) select count(*)::text as n from gone`.execute(ctx.db);
  return Number(deleted.rows[0]?.n ?? 0);
}

/** How many entries there are, the oldest use and the size of the table with its index. */
export async function keptAnalysesStats(ctx: Ctx): Promise<{ entries: number; oldest: Date | null; bytes: number }> {
  const row = await sql<{ entries: string; oldest: Date | null; bytes: string }>`
    select count(*)::text as entries, min(used_at) as oldest,
      pg_total_relation_size('analysis_cache')::text as bytes
    from analysis_cache`.execute(ctx.db);
  const r = row.rows[0]!;
  return { entries: Number(r.entries), oldest: r.oldest, bytes: Number(r.bytes) };
}

const ENTRY: PluralForms = ['запись', 'записи', 'записей'];

/** The lines `otklik analysis-cache` prints: what was deleted (when it pruned) and what is kept. */
export async function describeKeptAnalyses(ctx: Ctx, pruned: number | null): Promise<string[]> {
  const { entries, oldest, bytes } = await keptAnalysesStats(ctx);
  const lines = pruned === null ? [] : [`Удалено: ${countOf(pruned, ENTRY)}`];
  lines.push(
    `Сохранённый анализ текстов импорта: ${countOf(entries, ENTRY)}, ${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ` +
      (oldest
        ? `, самая давняя использована ${oldest.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' })}`
        : ''),
  );
  lines.push(`Записи, не использованные ${ANALYSIS_CACHE_DAYS} дней, удаляются при каждом импорте`);
  return lines;
}
