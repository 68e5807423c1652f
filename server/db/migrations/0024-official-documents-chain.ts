import { sql, type Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Official documents: every approved version of a document is a registered, immutable row (number per kind and year,
// date, the PDF and DOCX bytes with their SHA-256); detached signature files are kept beside it.
// One hash chain links the case history and the documents: chain_links holds, in order, each sealed record's digest
// (SHA-256 of a canonical serialisation computed by chain_row_digest below), the previous link's hash and its own
// hash. Rows are sealed after they are written by chain_seal(), which takes the chain head row lock, so intake never
// waits for the chain and concurrent sealers cannot fork it; with recent_margin it looks for unsealed rows only among
// ids above the table's highest sealed id minus the margin (cheap), without it through the whole table. Triggers refuse UPDATE and DELETE on every chained
// table; case_events admits one controlled path — a redaction of the event's data (erasure of personal data) inside
// a transaction that set otklik.chain_redaction = 'on', which also writes a chained chain_redactions row with the
// new digest. The canonical serialisations name their columns, so columns added later do not change old digests.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table official_documents (
      id bigint generated always as identity primary key,
      kind text not null,
      entity_id text not null,
      year integer not null,
      seq integer not null,
      number text not null unique,
      title text not null,
      registered_at timestamptz not null,
      registered_by text not null,
      payload jsonb not null,
      pdf bytea,
      pdf_sha256 text,
      docx bytea,
      docx_sha256 text,
      unique (kind, year, seq),
      check (pdf is not null or docx is not null),
      check ((pdf is null) = (pdf_sha256 is null) and (docx is null) = (docx_sha256 is null))
    );
    create index official_documents_entity on official_documents(kind, entity_id, registered_at desc);
    create table official_document_counters (
      kind text not null,
      year integer not null,
      last_seq integer not null,
      primary key (kind, year)
    );
    create table official_document_signatures (
      id bigint generated always as identity primary key,
      document_id bigint not null references official_documents(id),
      file_name text not null,
      content_type text not null,
      bytes bytea not null,
      sha256 text not null,
      attached_at timestamptz not null,
      attached_by text not null
    );
    create index official_document_signatures_document on official_document_signatures(document_id);
    create table chain_redactions (
      id bigint generated always as identity primary key,
      source_table text not null,
      source_id bigint not null,
      digest text not null,
      reason text not null,
      at timestamptz not null
    );
    create index chain_redactions_source on chain_redactions(source_table, source_id, id);
    create table chain_links (
      position bigint primary key,
      source_table text not null,
      source_id bigint not null,
      digest text not null,
      prev_hash text not null,
      hash text not null,
      sealed_at timestamptz not null default now(),
      unique (source_table, source_id)
    );
    create table chain_head (
      id integer primary key check (id = 1),
      last_position bigint not null,
      last_hash text not null
    );
    insert into chain_head (id, last_position, last_hash) values (1, 0, repeat('0', 64))
  `);
  const iso = (col: string): string => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  await sql.raw(`
    create function chain_row_digest(p_table text, p_id bigint) returns text language plpgsql stable as $$
    declare canonical text;
    begin
      if p_table = 'case_events' then
        select jsonb_build_array(e.id, e.case_id, ${iso('e.at')}, e.type, e.actor_user_id, e.actor_label, e.data)::text
          into canonical from case_events e where e.id = p_id;
      elsif p_table = 'official_documents' then
        select jsonb_build_array(d.id, d.kind, d.entity_id, d.number, d.title, ${iso('d.registered_at')}, d.registered_by, d.payload,
            d.pdf_sha256, encode(sha256(d.pdf), 'hex'), d.docx_sha256, encode(sha256(d.docx), 'hex'))::text
          into canonical from official_documents d where d.id = p_id;
      elsif p_table = 'official_document_signatures' then
        select jsonb_build_array(s.id, s.document_id, s.file_name, s.content_type, s.sha256, encode(sha256(s.bytes), 'hex'),
            ${iso('s.attached_at')}, s.attached_by)::text
          into canonical from official_document_signatures s where s.id = p_id;
      elsif p_table = 'chain_redactions' then
        select jsonb_build_array(r.id, r.source_table, r.source_id, r.digest, r.reason, ${iso('r.at')})::text
          into canonical from chain_redactions r where r.id = p_id;
      end if;
      if canonical is null then return null; end if;
      return encode(sha256(convert_to(canonical, 'UTF8')), 'hex');
    end $$`).execute(db);
  await sql.raw(`
    create function chain_seal(max_rows integer, recent_margin bigint) returns integer language plpgsql as $$
    declare
      v_pos bigint; v_prev text; v_digest text; v_sealed integer := 0; v_table text; v_rec record; v_from bigint;
    begin
      select last_position, last_hash into v_pos, v_prev from chain_head where id = 1 for update;
      foreach v_table in array array['case_events', 'official_documents', 'official_document_signatures', 'chain_redactions'] loop
        exit when v_sealed >= max_rows;
        v_from := 0;
        if recent_margin is not null then
          select coalesce(max(source_id), 0) - recent_margin into v_from from chain_links where source_table = v_table;
        end if;
        for v_rec in execute format(
          'select x.id from %I x where x.id > %s and not exists (select 1 from chain_links l where l.source_table = %L and l.source_id = x.id) order by x.id limit %s',
          v_table, v_from, v_table, max_rows - v_sealed) loop
          v_digest := chain_row_digest(v_table, v_rec.id);
          v_pos := v_pos + 1;
          insert into chain_links (position, source_table, source_id, digest, prev_hash, hash)
            values (v_pos, v_table, v_rec.id, v_digest, v_prev,
              encode(sha256(convert_to(v_prev || '|' || v_table || '|' || v_rec.id || '|' || v_digest, 'UTF8')), 'hex'))
            returning hash into v_prev;
          v_sealed := v_sealed + 1;
        end loop;
      end loop;
      update chain_head set last_position = v_pos, last_hash = v_prev where id = 1;
      return v_sealed;
    end $$`).execute(db);
  await sql.raw(`
    create function chain_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'case_events' and tg_op = 'UPDATE' then
        if coalesce(current_setting('otklik.chain_redaction', true), '') = 'on'
          and new.id = old.id and new.case_id = old.case_id and new.at = old.at and new.type = old.type
          and new.actor_user_id is not distinct from old.actor_user_id and new.actor_label is not distinct from old.actor_label then
          return new;
        end if;
      end if;
      raise exception 'запись % в % неизменна: она входит в цепочку хешей', old.id, tg_table_name;
    end $$`).execute(db);
  await sql.raw(`
    create function chain_links_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'звено цепочки хешей неизменно';
    end $$`).execute(db);
  for (const table of ['case_events', 'official_documents', 'official_document_signatures', 'chain_redactions']) {
    await sql.raw(`create trigger ${table}_chained before update or delete on ${table} for each row execute function chain_refuse_change()`).execute(db);
  }
  await sql.raw('create trigger chain_links_no_change before update or delete on chain_links for each row execute function chain_links_refuse_change()').execute(db);
  // Existing history is sealed now, in id order; later rows are sealed by the application's sealer.
  await sql.raw('select chain_seal(2147483647, null)').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop trigger if exists case_events_chained on case_events;
    drop table if exists chain_links;
    drop table if exists chain_head;
    drop table if exists chain_redactions;
    drop table if exists official_document_signatures;
    drop table if exists official_document_counters;
    drop table if exists official_documents;
    drop function if exists chain_links_refuse_change();
    drop function if exists chain_refuse_change();
    drop function if exists chain_seal(integer, bigint);
    drop function if exists chain_row_digest(text, bigint)
  `);
}
