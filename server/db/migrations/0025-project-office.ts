import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// The project office (decree п. 8–11): projects per block; documents that go through an approval chain (a project's
// passport, a group's composition, an additional indicator) with every step kept in po_document_steps; approved
// versions in po_document_versions, which a trigger keeps immutable; hand-entered indicator facts (append-only, the
// latest per month counts); the risk register with its measures and history; the centre's structure as dated
// assignments of people to the decree's roles, blocks and directions.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table projects (
      id serial primary key,
      block_code text not null,
      kind text not null default 'project',
      title text not null,
      created_by text not null,
      created_at timestamptz not null default now()
    );
    create table po_documents (
      id serial primary key,
      type text not null,
      project_id integer references projects(id),
      block_code text not null,
      title text not null,
      content jsonb not null,
      status text not null default 'draft',
      step_due_at timestamptz,
      drafted_by_user_id integer references users(id),
      approved_version integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index po_documents_one_passport on po_documents (project_id) where type = 'passport';
    create index po_documents_status on po_documents (status, type);
    create table po_document_versions (
      id serial primary key,
      document_id integer not null references po_documents(id),
      version integer not null,
      content jsonb not null,
      sha256 text not null,
      approved_at timestamptz not null,
      approved_by text not null,
      approved_by_user_id integer references users(id),
      unique (document_id, version)
    );
    create function po_document_versions_immutable() returns trigger language plpgsql as $$ begin raise exception 'утверждённая версия документа неизменна'; end $$;
    create trigger po_document_versions_no_change before update or delete on po_document_versions
      for each row execute function po_document_versions_immutable();
    create table po_document_steps (
      id bigserial primary key,
      document_id integer not null references po_documents(id),
      action text not null,
      from_status text not null,
      to_status text not null,
      actor_user_id integer references users(id),
      actor_label text not null,
      comment text not null default '',
      due_at timestamptz,
      at timestamptz not null default now()
    );
    create index po_document_steps_document on po_document_steps (document_id, id);
    create table project_indicator_facts (
      id bigserial primary key,
      project_id integer not null references projects(id),
      indicator_code text not null,
      year integer not null,
      month integer not null check (month between 1 and 12),
      value double precision not null,
      comment text not null default '',
      author_user_id integer references users(id),
      author_label text not null,
      entered_at timestamptz not null default now()
    );
    create index project_indicator_facts_key on project_indicator_facts (project_id, indicator_code, year, month, id);
    create table project_risks (
      id serial primary key,
      project_id integer not null references projects(id),
      title text not null,
      description text not null default '',
      probability integer not null check (probability between 1 and 5),
      impact integer not null check (impact between 1 and 5),
      owner_label text not null,
      status text not null default 'identified',
      identified_at timestamptz not null,
      assess_due_at timestamptz not null,
      assessed_at timestamptz,
      act_due_at timestamptz,
      acted_at timestamptz,
      escalated_at timestamptz,
      closed_at timestamptz,
      created_by text not null
    );
    create index project_risks_project on project_risks (project_id);
    create table project_risk_measures (
      id serial primary key,
      risk_id integer not null references project_risks(id),
      text text not null,
      due_date date not null,
      done_at timestamptz,
      created_at timestamptz not null default now()
    );
    create table centre_assignments (
      id serial primary key,
      person text not null,
      user_id integer references users(id),
      role text not null,
      block_code text,
      direction text not null default '',
      from_date date not null,
      to_date date,
      created_by text not null,
      created_at timestamptz not null default now(),
      check (to_date is null or to_date >= from_date)
    );
    create index centre_assignments_dates on centre_assignments (from_date, to_date);
    create table project_risk_events (
      id bigserial primary key,
      risk_id integer not null references project_risks(id),
      action text not null,
      actor_label text not null,
      comment text not null default '',
      at timestamptz not null default now()
    )
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop table if exists project_risk_events;
    drop table if exists centre_assignments;
    drop table if exists project_risk_measures;
    drop table if exists project_risks;
    drop table if exists project_indicator_facts;
    drop table if exists po_document_steps;
    drop table if exists po_document_versions;
    drop function if exists po_document_versions_immutable() cascade;
    drop table if exists po_documents;
    drop table if exists projects
  `);
}
