import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Versioned classifier models (trained from the seed material and operators' corrections) with their evaluation.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table classifier_models (
      version integer primary key,
      created_at timestamptz not null,
      status text not null check (status in ('candidate', 'active', 'rejected')),
      training_size integer not null,
      corrections integer not null default 0,
      evaluation jsonb not null,
      decision text not null default '',
      model bytea not null,
      model_bytes integer not null,
      created_by integer references users(id),
      activated_at timestamptz
    );
    create unique index classifier_models_one_active on classifier_models(status) where status = 'active';
    create index training_examples_created on training_examples(created_at)
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('training_examples_created').ifExists().execute();
  await db.schema.dropTable('classifier_models').ifExists().execute();
}
