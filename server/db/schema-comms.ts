import type { ColumnType, Generated } from 'kysely';

// Tables of the centre's communication work (migration 0026): official pages, their checks and weekly figures,
// the rating criteria, votes and discussions, and the history of changes to them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: read as 'YYYY-MM-DD' text (queries cast it with ::text). */
type DateText = ColumnType<string, string, string>;
type Numeric = ColumnType<string, number | string, number | string>;

export interface OfficialPagesTable {
  id: Generated<number>;
  organisation_id: number;
  network: string;
  url: string;
  title: string;
  owner_name: Generated<string>;
  category: string;
  posting_norm: number;
  is_head_page: Generated<boolean>;
  vk_owner_id: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  widget_source: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface PageChecksTable {
  id: Generated<string>;
  page_id: number;
  element: string;
  passed: boolean;
  checked_on: DateText;
  evidence: string;
  author_label: string;
  created_at: Timestamp;
}
export interface PageWeeksTable {
  page_id: number;
  week_start: DateText;
  posts: number;
  views: number;
  comments: number;
  subscribers: number;
  answered_comments: number;
  answer_hours: ColumnType<string | null, number | string | null, number | string | null>;
  source: 'file' | 'provider';
  updated_at: Timestamp;
}
export interface PageScoreCriteriaTable {
  id: Generated<number>;
  criteria_set: string;
  metric: string;
  title: string;
  points: Numeric;
  target: ColumnType<string | null, number | string | null, number | string | null>;
  position: number;
}
export interface ParticipationEventsTable {
  id: Generated<number>;
  external_id: string | null;
  kind: string;
  title: string;
  municipality_id: number | null;
  category_code: string | null;
  question: Generated<string>;
  starts_on: DateText;
  ends_on: DateText;
  turnout: number | null;
  result: Generated<string>;
  decision: Generated<string>;
  decision_on: ColumnType<string | null, string | null | undefined, string | null>;
  implementation: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface MediaContactsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  channels: Generated<string>;
  audience: number | null;
  topics: Generated<string>;
  municipality_id: number | null;
  contact_person: Generated<string>;
  contact: Generated<string>;
  owner_name: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface MediaInteractionsTable {
  id: Generated<string>;
  contact_id: number;
  kind: string;
  happened_on: DateText;
  topic: string;
  outcome: Generated<string>;
  url: string | null;
  case_id: string | null;
  /** Migration 0033: the campaign the interaction belongs to. */
  campaign_id: number | null;
  author_label: string;
  created_at: Timestamp;
}
export interface PracticesTable {
  id: Generated<number>;
  title: string;
  category_code: string | null;
  problem: string;
  solution: string;
  effect: Generated<string>;
  place: Generated<string>;
  documents: Generated<string>;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RecommendationsTable {
  id: Generated<number>;
  practice_id: number | null;
  organisation_id: number;
  text: string;
  owner_name: string;
  due_on: DateText;
  status: Generated<string>;
  follow_up: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface CommsHistoryTable {
  id: Generated<string>;
  entity: string;
  entity_id: number;
  action: string;
  summary: string;
  actor_user_id: number | null;
  actor_label: string;
  at: Timestamp;
}

export interface CommsTables {
  official_pages: OfficialPagesTable;
  page_checks: PageChecksTable;
  page_weeks: PageWeeksTable;
  page_score_criteria: PageScoreCriteriaTable;
  participation_events: ParticipationEventsTable;
  media_contacts: MediaContactsTable;
  media_interactions: MediaInteractionsTable;
  practices: PracticesTable;
  recommendations: RecommendationsTable;
  comms_history: CommsHistoryTable;
}
