import { sql, type Kysely } from 'kysely';

// Integration tokens are cached by each app process for a minute (features/auth/token-cache.ts); a revocation, a
// change of scopes or a deletion — from any process, the CLI or plain SQL — is announced on the channel
// `otklik_api_tokens`, and every process listening drops its cache at once. Noting the last use changes nothing
// that matters and is not announced.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function otklik_api_tokens_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('otklik_api_tokens', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger api_tokens_changed after update on api_tokens for each row
    when (old.revoked_at is distinct from new.revoked_at or old.scopes is distinct from new.scopes
      or old.token_hash is distinct from new.token_hash or old.name is distinct from new.name)
    execute function otklik_api_tokens_changed()`.execute(db);
  await sql`create trigger api_tokens_deleted after delete on api_tokens for each row
    execute function otklik_api_tokens_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger api_tokens_deleted on api_tokens`.execute(db);
  await sql`drop trigger api_tokens_changed on api_tokens`.execute(db);
  await sql`drop function otklik_api_tokens_changed()`.execute(db);
}
