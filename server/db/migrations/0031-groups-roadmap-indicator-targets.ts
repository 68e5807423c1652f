import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Working and expert groups at work (decree п. 8, 11): a group is its approved composition (po_documents of type
// 'group'); its meetings with agenda and attendance, the decisions of a meeting with owner, due date and status, and
// the history of every change (group_events, append-only). A meeting's protocol and the yearly roadmap are
// po_documents of their own types and need no table here.
// Indicators per the decree (п. 11, 21, 22): targets per block and category and year (kpi_scope_targets, append-only:
// the latest row of a key counts, a null target removes it), values per block and category, computed on schedule or
// entered by hand (kpi_scope_values, append-only), and evidence links from an indicator to the project and result it
// serves (kpi_evidence; a removal is stamped, not deleted).
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table group_meetings (
      id serial primary key,
      group_document_id integer not null references po_documents(id),
      held_on date not null,
      agenda text not null,
      place text not null default '',
      attendance jsonb not null default '[]',
      protocol_document_id integer references po_documents(id),
      created_by_user_id integer references users(id),
      created_by text not null,
      created_at timestamptz not null default now()
    );
    create index group_meetings_group on group_meetings (group_document_id, held_on);
    create table group_decisions (
      id serial primary key,
      meeting_id integer not null references group_meetings(id),
      text text not null,
      owner text not null,
      owner_user_id integer references users(id),
      due_date date not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      status_comment text not null default '',
      closed_at timestamptz,
      overdue_notified_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index group_decisions_open on group_decisions (status, due_date);
    create table group_events (
      id bigserial primary key,
      group_document_id integer not null references po_documents(id),
      meeting_id integer references group_meetings(id),
      decision_id integer references group_decisions(id),
      action text not null,
      detail text not null default '',
      actor_user_id integer references users(id),
      actor_label text not null,
      at timestamptz not null default now()
    );
    create index group_events_group on group_events (group_document_id, id);
    create table kpi_scope_targets (
      id bigserial primary key,
      kpi_id integer not null references kpis(id),
      block_code text not null,
      category_code text,
      year integer not null,
      target numeric,
      comment text not null default '',
      set_by_user_id integer references users(id),
      set_by text not null,
      set_at timestamptz not null default now()
    );
    create index kpi_scope_targets_key on kpi_scope_targets (kpi_id, year, block_code, category_code, id);
    create table kpi_scope_values (
      id bigserial primary key,
      kpi_id integer not null references kpis(id),
      block_code text not null,
      category_code text,
      on_date date not null,
      value numeric,
      source text not null check (source in ('computed', 'manual')),
      comment text not null default '',
      author_user_id integer references users(id),
      author_label text not null,
      created_at timestamptz not null default now()
    );
    create index kpi_scope_values_key on kpi_scope_values (kpi_id, block_code, category_code, on_date, id);
    create table kpi_evidence (
      id serial primary key,
      kpi_id integer not null references kpis(id),
      project_id integer not null references projects(id),
      result text not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      removed_by text,
      removed_at timestamptz
    );
    create index kpi_evidence_kpi on kpi_evidence (kpi_id)
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop table if exists kpi_evidence;
    drop table if exists kpi_scope_values;
    drop table if exists kpi_scope_targets;
    drop table if exists group_events;
    drop table if exists group_decisions;
    drop table if exists group_meetings
  `);
}
