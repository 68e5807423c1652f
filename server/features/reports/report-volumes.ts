import { sql, type RawBuilder } from 'kysely';
import type { CountRow } from '../../../shared/api/reports';
import { CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import type { Db } from '../../db/database';

export type Dimension = 'channel' | 'block' | 'municipality' | 'organisation' | 'problem';

// Messages counted by the month they were written, grouped by a property of the message or of its case.
// Imported messages keep the source's municipality and organisation names when the region's reference lacks them.
const KEYS: Record<Dimension, RawBuilder<string>> = {
  channel: sql`m.channel`,
  block: sql`coalesce(b.name, 'Не классифицировано')`,
  municipality: sql`coalesce(mu.name, nullif(m.municipality_raw, ''), 'Не определён')`,
  organisation: sql`coalesce(o.name, nullif(m.organisation_raw, ''), 'Не назначено')`,
  problem: sql`coalesce(b.name || ' — ' || cat.name, b.name, 'Не классифицировано')`,
};

export async function countMessages(db: Db, p: { from: Date; to: Date }, dim: Dimension): Promise<Map<string, number>> {
  const rows = await sql<{ key: string; count: string }>`
    select ${KEYS[dim]} as key, count(*) as count
    from messages m join cases c on c.id = m.case_id
    left join blocks b on b.code = c.block_code
    left join categories cat on cat.block_code = c.block_code and cat.code = c.category_code
    left join municipalities mu on mu.id = c.municipality_id
    left join organisations o on o.id = c.organisation_id
    where m.created_at >= ${p.from} and m.created_at < ${p.to}
    group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.key, Number(r.count)]));
}

/** Rows of the month with the previous month beside them (a key seen in either month), largest first (ties by label); `limit` keeps the top. */
export async function volumeRows(db: Db, current: { from: Date; to: Date }, previous: { from: Date; to: Date }, dim: Dimension, limit?: number): Promise<CountRow[]> {
  const [now, before] = await Promise.all([countMessages(db, current, dim), countMessages(db, previous, dim)]);
  const keys = new Set([...now.keys(), ...before.keys()]);
  const rows = [...keys].map((key) => ({
    key, label: dim === 'channel' && isChannel(key) ? CHANNEL_LABELS[key] : key, count: now.get(key) ?? 0, previous: before.get(key) ?? 0,
  }));
  rows.sort((a, b) => b.count - a.count || b.previous - a.previous || a.label.localeCompare(b.label, 'ru'));
  return limit ? rows.slice(0, limit) : rows;
}
