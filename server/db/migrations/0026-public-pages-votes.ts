import type { Kysely } from 'kysely';
import { runSql } from './run-sql';

// Frozen in time: this file never imports application code. Runs on PostgreSQL 15+ and PGlite.
// Communication work of the centre outside case handling.
// official_pages: the official pages (госпаблики) of organisations under 270-ФЗ, with owner, category and posting norm;
//   vk_owner_id / widget_source link the messages that arrive through a page (VK comments, the widget's source=).
// page_checks: checks of the required elements (government mark, ПОС widget, contacts, description) with date and evidence.
// page_weeks: weekly activity figures of a page, from a file or a monitoring provider; one row per page and week.
// page_score_criteria: the configurable criteria of the page rating ('rating') and of the quarterly score of heads'
//   pages ('heads'), each set worth 100 points.
// participation_events: ПОС and regional votes, public hearings and discussions, initiative budgeting.
// media_contacts: media outlets and opinion leaders (channels, audience, topics, municipality, contact person);
// media_interactions: requests, publications, comments and mentions with dates, a mention linked to a case.
// practices: the library of practices (problem, solution, effect, where it worked, documents, status);
// recommendations: recommendations to bodies with owner, due date, status and follow-up notes, optionally from a practice.
// comms_history: every change of the above (who, when, what).
export async function up(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    create table official_pages (
      id serial primary key,
      organisation_id integer not null references organisations(id),
      network text not null check (network in ('vk', 'ok', 'telegram', 'max')),
      url text not null unique,
      title text not null,
      owner_name text not null default '',
      category text not null check (category in ('flagship', 'active', 'card')),
      posting_norm integer not null check (posting_norm >= 0),
      is_head_page boolean not null default false,
      vk_owner_id bigint,
      widget_source text unique,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index official_pages_vk on official_pages (vk_owner_id) where vk_owner_id is not null;
    create table page_checks (
      id bigserial primary key,
      page_id integer not null references official_pages(id) on delete cascade,
      element text not null check (element in ('gov_mark', 'pos_widget', 'contacts', 'description')),
      passed boolean not null,
      checked_on date not null,
      evidence text not null,
      author_label text not null,
      created_at timestamptz not null default now()
    );
    create index page_checks_page on page_checks (page_id, element, checked_on desc);
    create table page_weeks (
      page_id integer not null references official_pages(id) on delete cascade,
      week_start date not null,
      posts integer not null check (posts >= 0),
      views integer not null check (views >= 0),
      comments integer not null check (comments >= 0),
      subscribers integer not null check (subscribers >= 0),
      answered_comments integer not null check (answered_comments >= 0),
      answer_hours numeric,
      source text not null check (source in ('file', 'provider')),
      updated_at timestamptz not null default now(),
      primary key (page_id, week_start)
    );
    create table page_score_criteria (
      id serial primary key,
      criteria_set text not null check (criteria_set in ('rating', 'heads')),
      metric text not null,
      title text not null,
      points numeric not null check (points >= 0),
      target numeric,
      position integer not null,
      unique (criteria_set, metric)
    );
    insert into page_score_criteria (criteria_set, metric, title, points, target, position) values
      ('rating', 'posting', 'Выполнение нормы публикаций', 25, null, 1),
      ('rating', 'elements', 'Обязательные элементы страницы', 20, null, 2),
      ('rating', 'views_per_post', 'Просмотры на публикацию', 15, 1000, 3),
      ('rating', 'comment_answers', 'Доля комментариев с ответом', 15, null, 4),
      ('rating', 'answer_speed', 'Ответы в срок по данным платформы (часов)', 25, 24, 5),
      ('heads', 'posting', 'Периодичность публикаций', 20, null, 1),
      ('heads', 'gov_mark', 'Отметка «Госорганизация»', 10, null, 2),
      ('heads', 'pos_widget', 'Виджет ПОС', 10, null, 3),
      ('heads', 'elements', 'Оформление: контакты и описание', 10, null, 4),
      ('heads', 'views_per_post', 'Охват публикаций (просмотров на публикацию)', 15, 2000, 5),
      ('heads', 'subscriber_growth', 'Рост подписчиков за квартал (%)', 10, 5, 6),
      ('heads', 'comment_answers', 'Обратная связь: доля комментариев с ответом', 10, null, 7),
      ('heads', 'answer_speed', 'Ответы в срок по данным платформы (часов)', 15, 24, 8);
    create table participation_events (
      id serial primary key,
      external_id text unique,
      kind text not null check (kind in ('pos_vote', 'regional_vote', 'hearing', 'discussion', 'initiative_budget')),
      title text not null,
      municipality_id integer references municipalities(id),
      category_code text,
      question text not null default '',
      starts_on date not null,
      ends_on date not null,
      turnout integer check (turnout >= 0),
      result text not null default '',
      decision text not null default '',
      decision_on date,
      implementation text not null default 'not_started'
        check (implementation in ('not_started', 'in_progress', 'done', 'cancelled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    );
    create index participation_events_place on participation_events (municipality_id, category_code);
    create table media_contacts (
      id serial primary key,
      kind text not null check (kind in ('outlet', 'person')),
      name text not null unique,
      channels text not null default '',
      audience integer check (audience >= 0),
      topics text not null default '',
      municipality_id integer references municipalities(id),
      contact_person text not null default '',
      contact text not null default '',
      owner_name text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table media_interactions (
      id bigserial primary key,
      contact_id integer not null references media_contacts(id) on delete cascade,
      kind text not null check (kind in ('request', 'publication', 'comment', 'mention', 'meeting')),
      happened_on date not null,
      topic text not null,
      outcome text not null default '',
      url text,
      case_id bigint references cases(id) on delete set null,
      author_label text not null,
      created_at timestamptz not null default now()
    );
    create index media_interactions_contact on media_interactions (contact_id, happened_on desc);
    create index media_interactions_case on media_interactions (case_id) where case_id is not null;
    create table practices (
      id serial primary key,
      title text not null,
      category_code text,
      problem text not null,
      solution text not null,
      effect text not null default '',
      place text not null default '',
      documents text not null default '',
      status text not null check (status in ('studied', 'recommended', 'piloted', 'adopted')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table recommendations (
      id serial primary key,
      practice_id integer references practices(id),
      organisation_id integer not null references organisations(id),
      text text not null,
      owner_name text not null,
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      follow_up text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table comms_history (
      id bigserial primary key,
      entity text not null,
      entity_id integer not null,
      action text not null,
      summary text not null,
      actor_user_id integer references users(id) on delete set null,
      actor_label text not null,
      at timestamptz not null default now()
    );
    create index comms_history_entity on comms_history (entity, entity_id, at);
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runSql(db, `
    drop table comms_history;
    drop table recommendations;
    drop table practices;
    drop table media_interactions;
    drop table media_contacts;
    drop table participation_events;
    drop table page_score_criteria;
    drop table page_weeks;
    drop table page_checks;
    drop table official_pages;
  `);
}
