import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Indicators (КПЭ) with yearly targets and hand-entered values, and the monthly report with its immutable
// approved versions. The example indicators are inserted once, on the first start, and marked as examples.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table kpis (
      id serial primary key,
      code text not null unique,
      kind text not null check (kind in ('mandatory', 'additional')),
      title text not null,
      federal_result text not null default '',
      unit text not null default '',
      direction text not null check (direction in ('up', 'down')),
      formula text,
      qualitative text not null default '',
      quantitative text not null default '',
      responsible text not null default '',
      deadline date not null,
      is_example boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table kpi_targets (
      kpi_id integer not null references kpis(id) on delete cascade,
      year integer not null,
      target numeric not null,
      primary key (kpi_id, year)
    );
    create table kpi_values (
      id bigserial primary key,
      kpi_id integer not null references kpis(id) on delete cascade,
      on_date date not null,
      value numeric not null,
      comment text,
      author_user_id integer references users(id),
      author_label text not null,
      created_at timestamptz not null default now()
    );
    create index kpi_values_kpi on kpi_values(kpi_id, on_date);
    create table monthly_reports (
      id bigserial primary key,
      month text not null unique check (month ~ '^[0-9]{4}-[0-9]{2}$'),
      status text not null check (status in ('draft', 'agreed', 'approved')),
      data jsonb not null,
      conclusions text not null default '',
      generated_at timestamptz not null,
      generated_by text not null,
      agreed_at timestamptz,
      agreed_by text,
      approved_at timestamptz,
      approved_by text,
      updated_at timestamptz not null default now()
    );
    create table monthly_report_versions (
      id bigserial primary key,
      report_id bigint not null references monthly_reports(id),
      version integer not null,
      format text not null check (format in ('pdf', 'docx', 'xlsx')),
      bytes bytea not null,
      sha256 text not null,
      approved_at timestamptz not null,
      approved_by text not null,
      unique (report_id, version, format)
    );
    -- One line: run-sql splits the script on a semicolon that ends a line.
    create function monthly_report_versions_immutable() returns trigger language plpgsql as $$ begin raise exception 'утверждённая версия доклада неизменна'; end $$;
    create trigger monthly_report_versions_no_change before update or delete on monthly_report_versions
      for each row execute function monthly_report_versions_immutable();
    insert into kpis (code, kind, title, federal_result, unit, direction, formula, qualitative, quantitative, responsible, deadline, is_example) values
      ('on_time_share', 'mandatory', 'Доля обращений, на которые дан окончательный ответ в установленный срок',
       'Пример: «Обеспечена обратная связь с гражданами по их обращениям в органы власти» (федеральный проект «Цифровое государственное управление»)',
       '%', 'up', 'on_time_share', 'Ответы даются без нарушения сроков 59-ФЗ и регламентов ПОС',
       'Доля обращений со сроком ответа в периоде, отвеченных не позднее срока', 'Руководитель ЦУР', '2026-12-31', true),
      ('first_response_median', 'mandatory', 'Медиана времени до первого ответа гражданину',
       'Пример: «Сокращено время реакции органов власти на обращения граждан»', 'ч', 'down', 'first_response_median_hours',
       'Гражданин быстро получает первый ответ', 'Медиана календарных часов от поступления до первого ответа', 'Руководитель ЦУР', '2026-12-31', true),
      ('satisfied_share', 'mandatory', 'Доля оценок «удовлетворён» (4–5 баллов)',
       'Пример: «Повышена удовлетворённость граждан результатами рассмотрения обращений»', '%', 'up', 'satisfied_share',
       'Граждане довольны ответами', 'Доля оценок 4–5 среди всех оценок периода', 'Куратор ЦУР', '2026-12-31', true),
      ('returned_share', 'additional', 'Доля ответов, возвращённых на доработку контролем качества',
       'Пример: «Повышено качество ответов органов власти»', '%', 'down', 'returned_share',
       'Ответы содержательные и не требуют доработки', 'Доля возвращённых среди проверенных ответов периода', 'Ответственный секретарь ЦУР', '2026-12-31', true),
      ('municipalities_connected', 'additional', 'Число муниципальных образований, подключённых к ПОС',
       'Пример: «Органы местного самоуправления подключены к платформе обратной связи»', 'ед.', 'up', null,
       'Все муниципалитеты принимают сообщения через ПОС', 'Число подключённых муниципальных образований (вносится вручную)', 'Руководитель ЦУР', '2026-12-31', true);
    insert into kpi_targets (kpi_id, year, target)
      select k.id, y.year, t.target from kpis k
      join (values ('on_time_share', 95), ('first_response_median', 24), ('satisfied_share', 70), ('returned_share', 10), ('municipalities_connected', 20))
        as t(code, target) on t.code = k.code
      cross join (values (2025), (2026), (2027)) as y(year);
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('monthly_report_versions').ifExists().execute();
  await runSql(db, 'drop function if exists monthly_report_versions_immutable()');
  for (const t of ['monthly_reports', 'kpi_values', 'kpi_targets', 'kpis']) await db.schema.dropTable(t).ifExists().execute();
}
