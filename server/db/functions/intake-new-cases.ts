// The intake's group commit (features/intake/group-commit.ts): the new cases of concurrent intakes — each with its
// history and message — written by one call with the batch as one JSON document. As a function its statement is
// planned once per session (PL/pgSQL keeps the plan) and its text is not sent with every batch.
// Each item: {"case": {…columns of cases}, "events": [{…columns of case_events}], "message": {…columns of messages}}.
// The messages' keys are written first, into message_keys (messages is partitioned by month and cannot hold a unique
// key of its own; migration 0047), with `on conflict (channel, external_id) do nothing`: an item whose key is already
// stored, repeats an earlier item or is being written by another session (the insert waits for it) writes nothing —
// neither message, case nor history — and is not in the result. The unique index itself decides, so no plan depends on the
// table's statistics (a "not exists" check became a hash anti-join over every stored message while the statistics
// of a fresh, fast-growing table lagged). Ids are drawn in the items' order; foreign keys are checked at the
// statement's end, when the cases are written too.
// A column added to cases or messages that intake writes is added here too (a test compares the rows with those of
// a message written alone).
export const INTAKE_NEW_CASES = `create or replace function intake_new_cases(items jsonb)
    returns table (i integer, case_id text, message_id text) language plpgsql as $$
    #variable_conflict use_column
    begin
      return query
      with input as (
        select e.ord::integer as i, e.value as v from jsonb_array_elements(items) with ordinality as e(value, ord)
      ), ids as (
        select input.i, input.v, nextval('cases_id_seq'::regclass) as case_id,
          nextval('messages_id_seq'::regclass) as message_id
        from input order by input.i
      ), new_keys as (
        insert into message_keys (channel, external_id, message_id, case_id, created_at)
        select m.channel, m.external_id, ids.message_id, ids.case_id, m.created_at
        from ids cross join lateral jsonb_populate_record(null::messages, ids.v->'message') m
        order by ids.i
        on conflict (channel, external_id) do nothing
        returning message_id
      ), written as (
        select ids.i, ids.v, ids.case_id, ids.message_id from ids join new_keys n on n.message_id = ids.message_id
      ), new_messages as (
        insert into messages (id, case_id, channel, external_id, text, created_at, received_at, author_name,
          author_contact, author_external_id, address, lat, lon, municipality_raw, labels, attachments, is_duplicate)
        select w.message_id, w.case_id, m.channel, m.external_id, m.text, m.created_at, coalesce(m.received_at, now()),
          m.author_name, m.author_contact, m.author_external_id, m.address, m.lat, m.lon, m.municipality_raw,
          m.labels, m.attachments, coalesce(m.is_duplicate, false)
        from written w cross join lateral jsonb_populate_record(null::messages, w.v->'message') m
        order by w.i
      ), new_cases as (
        insert into cases (id, status, priority, block_code, category_code, municipality_id, organisation_id,
          first_response_due_at, final_answer_due_at, classification, urgency, channel, summary, address, lat, lon,
          created_at)
        select w.case_id, c.status, coalesce(c.priority, 'normal'), c.block_code, c.category_code, c.municipality_id, c.organisation_id,
          c.first_response_due_at, c.final_answer_due_at, c.classification, c.urgency, c.channel, coalesce(c.summary, ''),
          c.address, c.lat, c.lon, c.created_at
        from written w cross join lateral jsonb_populate_record(null::cases, w.v->'case') c
        order by w.i
      ), new_events as (
        insert into case_events (case_id, at, type, actor_user_id, actor_label, data)
        select w.case_id, e.at, e.type, e.actor_user_id, e.actor_label, coalesce(e.data, '{}'::jsonb)
        from written w cross join lateral jsonb_array_elements(w.v->'events') with ordinality as x(value, ord)
          cross join lateral jsonb_populate_record(null::case_events, x.value) e
        order by w.i, x.ord
      )
      select written.i, written.case_id::text, written.message_id::text from written order by written.i;
    end $$`;
