import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Kysely's view of the tables. Timestamps are read as Date; numeric as string (pg) — convert in repositories.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
// JSON columns are written as JSON text (both drivers accept it) and read back parsed.
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MunicipalitiesTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  admin_centre: string | null;
  lat: number | null;
  lon: number | null;
  population: number | null;
  active: Generated<boolean>;
}
export interface BlocksTable {
  id: Generated<number>;
  code: string;
  name: string;
  mandatory: Generated<boolean>;
  sort: Generated<number>;
  active: Generated<boolean>;
}
export interface CategoriesTable {
  id: Generated<number>;
  block_code: string;
  code: string;
  name: string;
  is_other: Generated<boolean>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}
export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: string;
  municipality_id: number | null;
  is_demo: Generated<boolean>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}
export interface RoutingRulesTable {
  id: Generated<number>;
  block_code: string | null;
  category_code: string | null;
  municipality_id: number | null;
  /** 'organisation' → organisation_id; 'municipal_admin' → the administration of the case's municipality. */
  target: Generated<string>;
  organisation_id: number | null;
  /** Used by a municipal_admin rule when the case's municipality is unknown. */
  fallback_organisation_id: number | null;
  note: string | null;
  created_at: GeneratedTimestamp;
}
export interface DeadlinePoliciesTable {
  id: Generated<number>;
  channel: string | null;
  block_code: string | null;
  category_code: string | null;
  first_amount: ColumnType<string, number | string, number | string>;
  first_unit: string;
  final_amount: ColumnType<string, number | string, number | string>;
  final_unit: string;
  source: string | null;
}
export interface UsersTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  full_name: Generated<string>;
  role: string;
  organisation_id: number | null;
  block_code: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}
export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
export interface Classification {
  block: string | null;
  category: string | null;
  confidence: number;
  top?: { label: string; score: number }[];
  model?: string;
  reasons?: string[];
}
export interface UrgencyInfo {
  priority: string;
  flags: { code: string; label: string; triggers: string[] }[];
}
export interface CasesTable {
  id: Generated<string>;
  status: string;
  priority: Generated<string>;
  block_code: string | null;
  category_code: string | null;
  municipality_id: number | null;
  organisation_id: number | null;
  channel: string;
  summary: Generated<string>;
  classification: Json<Classification> | null;
  urgency: Json<UrgencyInfo> | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  created_at: Timestamp;
  updated_at: GeneratedTimestamp;
  first_response_due_at: Timestamp | null;
  final_answer_due_at: Timestamp | null;
  first_response_at: Timestamp | null;
  final_answer_at: Timestamp | null;
  closed_at: Timestamp | null;
  extensions_used: Generated<number>;
  rejection_reason: string | null;
  merged_into_id: string | null;
  rating: number | null;
  source: Generated<string>;
  search: ColumnType<unknown, never, never>;
}
export interface MessagesTable {
  id: Generated<string>;
  channel: string;
  external_id: string;
  case_id: string;
  text: string;
  created_at: Timestamp;
  received_at: GeneratedTimestamp;
  author_name: string | null;
  author_contact: string | null;
  author_external_id: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  municipality_raw: string | null;
  organisation_raw: string | null;
  labels: Json<Record<string, unknown>> | null;
  attachments: Json<unknown[]> | null;
  is_duplicate: Generated<boolean>;
}
export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  at: Timestamp;
  type: string;
  actor_user_id: number | null;
  actor_label: string | null;
  data: Json<Record<string, unknown>>;
}
export interface AnswersTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  body: string;
  author_user_id: number | null;
  author_label: string | null;
  organisation_id: number | null;
  created_at: Timestamp;
  review_status: Generated<string>;
  review_reason: string | null;
  review_comment: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
}
export interface RatingsTable {
  id: Generated<string>;
  case_id: string;
  score: number;
  comment: string | null;
  created_at: Timestamp;
}
export interface OutboxTable {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  idempotency_key: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  run_after: GeneratedTimestamp;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  done_at: Timestamp | null;
}

export interface TrainingExamplesTable {
  id: Generated<string>;
  text: string;
  block_code: string;
  category_code: string;
  source: string;
  case_id: string | null;
  previous: Json<Record<string, unknown>> | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface WidgetSubmissionsTable {
  message_id: string;
  case_id: string;
  code_hash: string;
  created_at: GeneratedTimestamp;
}
export interface MonitoringKeywordSetsTable {
  block_code: string;
  keywords: Json<string[]>;
  active: Generated<boolean>;
  updated_at: GeneratedTimestamp;
}
export interface MonitoringStateTable {
  key: string;
  value: Json<Record<string, unknown>>;
  updated_at: GeneratedTimestamp;
}

export interface DB {
  training_examples: TrainingExamplesTable;
  municipalities: MunicipalitiesTable;
  blocks: BlocksTable;
  categories: CategoriesTable;
  organisations: OrganisationsTable;
  routing_rules: RoutingRulesTable;
  deadline_policies: DeadlinePoliciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  cases: CasesTable;
  messages: MessagesTable;
  case_events: CaseEventsTable;
  answers: AnswersTable;
  ratings: RatingsTable;
  outbox: OutboxTable;
  widget_submissions: WidgetSubmissionsTable;
  monitoring_keyword_sets: MonitoringKeywordSetsTable;
  monitoring_state: MonitoringStateTable;
}
