import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Informing by geography (decree 6.7) and media interactions tied to it (6.8).
// campaigns: goal, audience, municipalities, channels, the problem it answers (a spike or a category × municipalities),
//   the approval state and the day the effect on messages is measured from (starts_on).
// campaign_posts: the content plan (dates and texts); campaign_media_plan: outlets of the media registry with dates.
// campaign_publications: one row per post × channel: posted through an adapter (outbox job with retries) or a task
//   for a page's owner that is marked done with a link.
// campaign_reach: reach figures per municipality, entered, imported from a file or returned by an adapter.
// media_interactions.campaign_id: a request, publication or comment of an outlet linked to a campaign.
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table campaigns (
      id serial primary key,
      title text not null,
      goal text not null,
      audience text not null default '',
      category_code text,
      municipality_ids integer[] not null,
      channels jsonb not null default '[]',
      source_kind text not null check (source_kind in ('spike', 'category')),
      spike_from date,
      spike_to date,
      starts_on date not null,
      effect_window_days integer not null default 28 check (effect_window_days between 7 and 180),
      status text not null default 'draft' check (status in ('draft', 'on_approval', 'returned', 'approved', 'published')),
      approval_comment text not null default '',
      created_by_label text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index campaigns_starts on campaigns (starts_on);
    create table campaign_posts (
      id serial primary key,
      campaign_id integer not null references campaigns(id) on delete cascade,
      publish_on date not null,
      text text not null,
      position integer not null
    );
    create index campaign_posts_campaign on campaign_posts (campaign_id, position);
    create table campaign_media_plan (
      id serial primary key,
      campaign_id integer not null references campaigns(id) on delete cascade,
      contact_id integer not null references media_contacts(id),
      planned_on date not null,
      note text not null default '',
      position integer not null
    );
    create index campaign_media_plan_campaign on campaign_media_plan (campaign_id, position);
    create table campaign_publications (
      id bigserial primary key,
      campaign_id integer not null references campaigns(id) on delete cascade,
      post_id integer not null references campaign_posts(id) on delete cascade,
      channel_index integer not null,
      channel_kind text not null check (channel_kind in ('vk_wall', 'telegram_channel', 'email_list', 'page_task')),
      target text not null default '',
      page_id integer references official_pages(id),
      status text not null check (status in ('pending', 'sent', 'failed', 'task_open', 'task_done')),
      external_ref text,
      url text,
      last_error text,
      attempts integer not null default 0,
      done_by_label text,
      done_at timestamptz,
      created_at timestamptz not null default now(),
      unique (post_id, channel_index)
    );
    create index campaign_publications_campaign on campaign_publications (campaign_id);
    create table campaign_reach (
      id bigserial primary key,
      campaign_id integer not null references campaigns(id) on delete cascade,
      municipality_id integer references municipalities(id),
      channel text not null,
      reach integer not null check (reach >= 0),
      source text not null check (source in ('manual', 'file', 'adapter')),
      recorded_on date not null,
      publication_id bigint unique references campaign_publications(id) on delete cascade,
      author_label text not null,
      created_at timestamptz not null default now()
    );
    create index campaign_reach_campaign on campaign_reach (campaign_id);
    alter table media_interactions add column campaign_id integer references campaigns(id) on delete set null;
    create index media_interactions_campaign on media_interactions (campaign_id) where campaign_id is not null;
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    alter table media_interactions drop column campaign_id;
    drop table campaign_reach;
    drop table campaign_publications;
    drop table campaign_media_plan;
    drop table campaign_posts;
    drop table campaigns;
  `);
}
