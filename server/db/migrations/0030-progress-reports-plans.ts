import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Progress reports, change requests and consolidated plans are po_documents of their own types (their chain is the
// passport's). One progress report per project and period (content->>'periodKey'). The facts of a consolidated plan's
// own measures (done on a date) are appended with who and when; the latest per measure counts.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create unique index po_documents_one_report_per_period on po_documents (project_id, (content->>'periodKey')) where type = 'progress_report';
    create index po_documents_project_type on po_documents (project_id, type);
    create table consolidated_plan_facts (
      id bigserial primary key,
      document_id integer not null references po_documents(id),
      item_title text not null,
      done_date date not null,
      comment text not null default '',
      author_user_id integer references users(id),
      author_label text not null,
      entered_at timestamptz not null default now()
    );
    create index consolidated_plan_facts_document on consolidated_plan_facts (document_id, id)
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop table if exists consolidated_plan_facts;
    drop index if exists po_documents_project_type;
    drop index if exists po_documents_one_report_per_period
  `);
}
