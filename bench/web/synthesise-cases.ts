// Many invented cases fast, in the database itself (INSERT … SELECT over generate_series): short texts made of a
// fixed vocabulary, spread over blocks, categories, municipalities, organisations, channels and statuses, so every
// filter and figure has work to do. One message per case. They span three years before the services' clock, as a
// region's history does (a million cases is a few years of a region's messages; packed into four months, every
// 30-day screen would hold as many cases as a region gets in three years), and, as in a real history, a case older
// than 45 days is finished (closed, mostly) but for one in fifty left open in any status.
import { sql } from 'kysely';
import { CASE_STATUSES } from '../../shared/cases/case-status';
import { CHANNELS } from '../../shared/deadlines/channels';
import type { Services } from '../../server/lib/context';
import { compactCaseCounts } from '../../server/features/cases/case-counts';
import { refreshRollups } from '../../server/features/analytics/rollup';

const PROBLEMS = [
  'нет отопления в квартире',
  'яма на дороге у остановки',
  'не вывозят мусор с контейнерной площадки',
  'протекает крыша',
  'не горит уличное освещение',
  'нет горячей воды',
  'сломана детская площадка',
  'не убран снег во дворе',
  'автобус не ходит по расписанию',
  'очередь в поликлинике',
  'не работает лифт',
  'стихийная свалка у леса',
  'завышены начисления за отопление',
  'аварийное дерево во дворе',
  'нет аптеки в посёлке',
  'шум от стройки ночью',
];
const SPAN_DAYS = 3 * 365;
const FINISHED_AFTER_DAYS = 45;

const STREETS = [
  'улица Свободы',
  'проспект Ленина',
  'улица Кирова',
  'Московский проспект',
  'улица Чкалова',
  'улица Победы',
  'Красноперекопская улица',
  'улица Некрасова',
  'улица Гагарина',
  'Школьная улица',
];

/** n invented cases (and one message each), by SQL in the database, in chunks of 20,000 rows. */
export async function synthesise(services: Services, n: number): Promise<void> {
  const db = services.database.db;
  const channels = sql.raw(`array[${CHANNELS.map((c) => `'${c}'`).join(',')}]`);
  const statuses = sql.raw(
    `array[${CASE_STATUSES.filter((s) => s !== 'new')
      .map((s) => `'${s}'`)
      .join(',')}]`,
  );
  const problems = sql.raw(`array[${PROBLEMS.map((p) => `'${p}'`).join(',')}]`);
  const streets = sql.raw(`array[${STREETS.map((p) => `'${p}'`).join(',')}]`);
  const now = sql.lit(services.clock.now().toISOString());
  for (let from = 1; from <= n; from += 20_000) {
    const to = Math.min(n, from + 19_999);
    await sql`
      with ref as (
        select (select array_agg(block_code || '.' || code order by id) from categories) as cats,
               (select array_agg(id order by id) from municipalities) as munis,
               (select array_agg(id order by id) from organisations) as orgs
      ), g0 as (
        select i, ref.*, ${now}::timestamptz - make_interval(mins => ((i::bigint * 7919) % (${sql.lit(SPAN_DAYS)} * 24 * 60))::int) as created
        from generate_series(${sql.lit(from)}::int, ${sql.lit(to)}::int) as i, ref
      ), g as (
        select g0.*, case
            when created < ${now}::timestamptz - make_interval(days => ${sql.lit(FINISHED_AFTER_DAYS)}) and i % 50 <> 0
              then (array['closed','closed','closed','closed','closed','closed','closed','closed','rejected','accepted'])[1 + i % 10]
            else (${statuses})[1 + (i * 31) % ${sql.lit(CASE_STATUSES.length - 1)}] end as status
        from g0
      )
      insert into cases (status, priority, block_code, category_code, municipality_id, organisation_id, channel, summary,
        created_at, updated_at, first_response_due_at, final_answer_due_at, first_response_at, final_answer_at, closed_at, source)
      select status,
        case when i % 97 = 0 then 'critical' when i % 13 = 0 then 'high' else 'normal' end,
        split_part(cats[1 + (i * 17) % array_length(cats, 1)], '.', 1),
        split_part(cats[1 + (i * 17) % array_length(cats, 1)], '.', 2),
        munis[1 + (i * 13) % array_length(munis, 1)],
        case when status = 'triage' then null else orgs[1 + (i * 11) % array_length(orgs, 1)] end,
        (${channels})[1 + (i * 7) % ${sql.lit(CHANNELS.length)}],
        (${problems})[1 + (i * 3) % ${sql.lit(PROBLEMS.length)}] || ', ' || (${streets})[1 + (i * 5) % ${sql.lit(STREETS.length)}]
          || ', дом ' || (1 + i % 120),
        created, created, created + interval '1 day', created + interval '10 days',
        case when status not in ('triage', 'assigned') then created + interval '6 hours' end,
        case when status in ('answered', 'accepted', 'closed') then created + interval '5 days' end,
        case when status = 'closed' then created + interval '7 days' end,
        'bench'
      from g`.execute(db);
  }
  await sql`insert into messages (channel, external_id, case_id, text, created_at)
    select channel, 'bench-' || id, id, summary, created_at from cases where source = 'bench'`.execute(db);
  await compactCaseCounts(db); // as the background pass would, a few seconds later
  await refreshRollups(db); // the analytics rollup, as its background refresh would before anyone opens a screen
  // as autovacuum would after such a load: statistics, the visibility map (index-only scans), the folded rows gone
  await sql`vacuum analyze`.execute(db);
}
