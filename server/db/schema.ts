import type { ColumnType, Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { BusTables } from './schema-bus';
import type { CommsTables } from './schema-comms';
import type { CampaignTables } from './schema-campaigns';
import type { GroupsAndTargetsTables } from './schema-groups';
import type { ProjectOfficeTables } from './schema-project-office';
import type { SeminarTables } from './schema-seminars';

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
export interface OrganisationAliasesTable {
  id: Generated<number>;
  alias: string;
  alias_key: string;
  organisation_id: number;
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
  /** Where staff notifications go by e-mail (migration 0014). */
  email: Generated<string | null>;
  password_changed_at: GeneratedTimestamp;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** int8: the driver returns a string. */
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  deactivated_at: Timestamp | null;
}
export interface UserRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: Timestamp | null;
}
export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
  /** 'full', or 'enrol': signed in by password, may only enrol the second factor. */
  stage: Generated<string>;
}
export interface AuthThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  next_attempt_at: Timestamp | null;
  locked_until: Timestamp | null;
}
export interface RateLimitWindowsTable {
  key: string;
  hits: number;
  expires_at: Timestamp;
}
export interface AuthFailuresTable {
  id: Generated<string>;
  at: Timestamp;
  login: string;
  user_id: number | null;
  address: string | null;
  reason: string;
}
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  scopes: Generated<string[]>;
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
  citizen_replied_at: Timestamp | null;
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
  personal_data_erased_at: Timestamp | null;
}
/** A file of a message or an answer; bytes in the blob storage under storage_key (migration 0016). */
export interface AttachmentsTable {
  id: Generated<string>;
  message_id: string | null;
  answer_id: string | null;
  position: Generated<number>;
  name: string;
  mime_type: string | null;
  size: number | null;
  sha256: string | null;
  storage_key: string | null;
  thumbnail_key: string | null;
  status: Generated<'stored' | 'pending' | 'failed' | 'erased'>;
  source: Json<Record<string, unknown>> | null;
  error: string | null;
  created_at: GeneratedTimestamp;
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
  published_at: Timestamp | null;
}
export interface RatingsTable {
  id: Generated<string>;
  case_id: string;
  score: number;
  comment: string | null;
  created_at: Timestamp;
  answer_id: string | null;
  source: string | null;
}
export interface PublicationPoliciesTable {
  id: Generated<string>;
  channel: string | null;
  organisation_id: number | null;
  mode: string;
  auto_accept_hours: number | null;
  updated_at: GeneratedTimestamp;
}

export interface ServerSecretsTable {
  name: string;
  value: Uint8Array;
  created_at: GeneratedTimestamp;
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
/** A letter sent to a citizen (0007-email): our Message-ID threads the citizen's reply back to the case. */
export interface EmailOutgoingTable {
  message_id: string;
  case_id: string;
  answer_id: string;
  in_reply_to_message_id: string;
  recipient: string;
  subject: string;
  /** 'sending' before the SMTP transaction, 'sent' once the server accepted the letter. */
  status: Generated<string>;
  attempts: Generated<number>;
  smtp_response: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
}

export interface DeliveriesTable {
  id: Generated<string>;
  case_id: string;
  answer_id: string;
  message_id: string;
  channel: string;
  /** pending → sending → sent; failed (given up, retried by staff); awaiting_export (no adapter for the channel). */
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  provider_ref: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
}
export interface MessengerDraftsTable {
  channel: string;
  chat_id: string;
  location: Json<Record<string, unknown>> | null;
  attachments: Json<unknown[]> | null;
  labels: Json<Record<string, unknown>> | null;
  updated_at: GeneratedTimestamp;
}

export interface ClassifierModelsTable {
  version: number;
  created_at: Timestamp;
  status: string;
  training_size: number;
  corrections: Generated<number>;
  evaluation: Json<Record<string, unknown>>;
  decision: Generated<string>;
  model: Uint8Array;
  model_bytes: number;
  created_by: number | null;
  activated_at: Timestamp | null;
}

export interface KpisTable {
  id: Generated<number>;
  code: string;
  kind: string;
  title: string;
  federal_result: Generated<string>;
  unit: Generated<string>;
  direction: string;
  formula: string | null;
  qualitative: Generated<string>;
  quantitative: Generated<string>;
  responsible: Generated<string>;
  /** A `date` column: read as 'YYYY-MM-DD' text (see kpi.repository.ts). */
  deadline: ColumnType<string, string, string>;
  is_example: Generated<boolean>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface KpiTargetsTable {
  kpi_id: number;
  year: number;
  target: ColumnType<string, number | string, number | string>;
}
export interface KpiValuesTable {
  id: Generated<string>;
  kpi_id: number;
  on_date: ColumnType<string, string, string>;
  value: ColumnType<string, number | string, number | string>;
  comment: string | null;
  author_user_id: number | null;
  author_label: string;
  created_at: GeneratedTimestamp;
}
export interface MonthlyReportsTable {
  id: Generated<string>;
  month: string;
  status: string;
  data: Json<Record<string, unknown>>;
  conclusions: Generated<string>;
  generated_at: Timestamp;
  generated_by: string;
  agreed_at: Timestamp | null;
  agreed_by: string | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  updated_at: GeneratedTimestamp;
}
export interface MonthlyReportVersionsTable {
  id: Generated<string>;
  report_id: string;
  version: number;
  format: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  sha256: string;
  approved_at: Timestamp;
  approved_by: string;
}
// 0024: official documents and the hash chain (see the migration for the rules).
export interface OfficialDocumentsTable {
  id: GeneratedAlways<string>;
  kind: string;
  entity_id: string;
  year: number;
  seq: number;
  number: string;
  title: string;
  registered_at: Timestamp;
  registered_by: string;
  payload: Json<Record<string, unknown>>;
  pdf: ColumnType<Uint8Array | null, Uint8Array | null, never>;
  pdf_sha256: string | null;
  docx: ColumnType<Uint8Array | null, Uint8Array | null, never>;
  docx_sha256: string | null;
}
export interface OfficialDocumentCountersTable {
  kind: string;
  year: number;
  last_seq: number;
}
export interface OfficialDocumentSignaturesTable {
  id: GeneratedAlways<string>;
  document_id: string;
  file_name: string;
  content_type: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  sha256: string;
  attached_at: Timestamp;
  attached_by: string;
}
export interface ChainRedactionsTable {
  id: GeneratedAlways<string>;
  source_table: string;
  source_id: string;
  digest: string;
  reason: string;
  at: Timestamp;
}
export interface ChainLinksTable {
  position: string;
  source_table: string;
  source_id: string;
  digest: string;
  prev_hash: string;
  hash: string;
  sealed_at: GeneratedTimestamp;
  /** A case event's time (chain_seal keeps it): an event of a month sent to the archive is told from a deleted one. */
  source_at: Timestamp | null;
}
/** The unique key of messages (a partitioned table cannot hold it; migration 0047). */
export interface MessageKeysTable {
  channel: string;
  external_id: string;
  message_id: string;
  /** Follows the message to another case (merge, split): the analytics triggers read a case's message days here. */
  case_id: string;
  created_at: Timestamp;
}
/** The idempotency keys of the outbox's jobs (as message_keys for messages). */
export interface OutboxKeysTable {
  idempotency_key: string;
  created_at: Timestamp;
}
/** The tables partitioned by month, with their partition key and how many months ahead are created. */
export interface PartitionPoliciesTable {
  table_name: string;
  key_column: string;
  months_ahead: Generated<number>;
}
/** Each month detached (archived) or dropped by retention. */
export interface PartitionRetentionTable {
  id: Generated<string>;
  table_name: string;
  partition_name: string;
  month: string;
  rows: string;
  action: 'detached' | 'dropped';
  archived_as: string | null;
  at: GeneratedTimestamp;
  actor: string;
}
export interface ChainHeadTable {
  id: number;
  last_position: string;
  last_hash: string;
}
export interface AnalyticsDailyTable {
  day: ColumnType<string, string, string>;
  organisation_id: number;
  municipality_id: number;
  block_code: string;
  category_code: string;
  channel: string;
  messages: number;
  answered: number;
  final_answered: number;
  answered_late: number;
  rated: number;
  rating_sum: number;
  repeats: number;
}
export interface AnalyticsDailyDimTable {
  dim: string;
  day: ColumnType<string, string, string>;
  key: string;
  messages: number;
  answered: number;
  final_answered: number;
  answered_late: number;
  rated: number;
  rating_sum: number;
  repeats: number;
}
export interface AnalyticsMessageFactsTable {
  message_id: string;
  day: ColumnType<string, string, string>;
  created_at: Timestamp;
  organisation_id: number | null;
  municipality_id: number | null;
  due: Timestamp | null;
  status: string;
  rating: number | null;
  first_at: Timestamp | null;
  final_at: Timestamp | null;
  returned: boolean;
  accepted: boolean;
  first_hours: GeneratedAlways<number | null>;
  final_hours: GeneratedAlways<number | null>;
  first_bucket: GeneratedAlways<number | null>;
  final_bucket: GeneratedAlways<number | null>;
}
/** Per level (organisation | municipality), unit and Moscow day: the sums ratings need and the hour histograms. */
export interface AnalyticsUnitDaysTable {
  level: string;
  unit: number;
  day: ColumnType<string, string, string>;
  messages: number;
  answered: number;
  final_answered: number;
  final_on_time: number;
  final_late: number;
  reviewed: number;
  accepted_first: number;
  returned: number;
  rated: number;
  rating_sum: number;
  first_buckets: number[];
  first_counts: number[];
  final_buckets: number[];
  final_counts: number[];
  open: number;
  open_due: number;
  open_max_due: Timestamp | null;
  unfinished_due: number;
  unfinished_max_due: Timestamp | null;
}
/** analytics_unit_days summed per calendar month (without the counts that depend on the moment of asking). */
export type AnalyticsUnitMonthsTable = Omit<
  AnalyticsUnitDaysTable,
  'day' | 'open' | 'open_due' | 'open_max_due' | 'unfinished_due' | 'unfinished_max_due'
> & { month: ColumnType<string, string, string> };
export interface AnalyticsDirtyDaysTable {
  day: ColumnType<string, string, string>;
}
export interface ProblemCategoryListsTable {
  id: Generated<string>;
  block_code: string;
  items: Json<{ category: string }[]>;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  confirmed_by: number | null;
  confirmed_at: GeneratedTimestamp;
  comment: string | null;
}
export interface WorkloadNormsTable {
  block_code: string;
  minutes_per_message: ColumnType<string, number | string, number | string>;
  minutes_per_answer: ColumnType<string, number | string, number | string>;
  hours_per_staff_month: ColumnType<string, number | string, number | string>;
  updated_by: number | null;
  updated_at: GeneratedTimestamp;
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

export interface PersonalDataAccessTable {
  id: Generated<string>;
  at: GeneratedTimestamp;
  user_id: number | null;
  actor_label: string;
  role: string | null;
  action: string;
  purpose: string;
  case_ids: Json<string[]>;
  scope: Json<Record<string, unknown>> | null;
  item_count: number;
  last_at: Date | null;
  repeats: Generated<number>;
}
export interface CaseCountsTable {
  day: Date;
  facet: string;
  key: string;
  n: string;
  compacted: Generated<boolean>;
}
export interface CaseCountsMonthlyTable {
  month: Date;
  facet: string;
  key: string;
  n: string;
}
export interface AnalysisCacheTable {
  key: string;
  analysis: Json<object>;
  used_at: GeneratedTimestamp;
}
export interface NodeLeasesTable {
  name: string;
  holder: string;
  expires_at: Date;
}
export interface PersonalDataErasuresTable {
  id: Generated<string>;
  at: GeneratedTimestamp;
  user_id: number | null;
  actor_label: string;
  basis: string;
  reason: string;
  case_ids: Json<string[]>;
  message_count: number;
  fields: Json<Record<string, number>>;
}
export interface NotificationsTable {
  id: Generated<string>;
  user_id: number;
  kind: string;
  subject: string;
  case_id: string | null;
  title: string;
  body: Generated<string>;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
  digest_sent_at: Timestamp | null;
}
export interface NotificationPreferencesTable {
  user_id: number;
  settings: Json<Record<string, unknown>>;
  updated_at: GeneratedTimestamp;
}
export interface UserScreenSettingsTable {
  user_id: number;
  screen: string;
  settings: Json<Record<string, unknown>>;
  updated_at: GeneratedTimestamp;
}
export interface StaffTelegramLinksTable {
  user_id: number;
  chat_id: string | null;
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  linked_at: Timestamp | null;
}
export interface NotificationStateTable {
  key: string;
  value: Json<Record<string, unknown>>;
  updated_at: GeneratedTimestamp;
}

/** Every administrative change, with who and when (0021-administration). */
export interface AdminChangesTable {
  id: Generated<string>;
  at: GeneratedTimestamp;
  actor_user_id: number | null;
  actor_label: string;
  entity: string;
  entity_key: string;
  action: string;
  details: Json<Record<string, unknown>>;
}
/** The name and block of a category over time (0021-administration); valid_to null: the current version. */
export interface CategoryVersionsTable {
  id: Generated<number>;
  category_id: number;
  block_code: string;
  code: string;
  name: string;
  valid_from: Date;
  valid_to: Date | null;
}
/** The last success and failure of a channel adapter's background work or delivery (0029-channel-health). */
export interface ChannelHealthTable {
  adapter: string;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error: string | null;
}
export interface DB
  extends CommsTables, ProjectOfficeTables, SeminarTables, BusTables, CampaignTables, GroupsAndTargetsTables {
  channel_health: ChannelHealthTable;
  admin_changes: AdminChangesTable;
  category_versions: CategoryVersionsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  user_screen_settings: UserScreenSettingsTable;
  staff_telegram_links: StaffTelegramLinksTable;
  notification_state: NotificationStateTable;
  deliveries: DeliveriesTable;
  messenger_drafts: MessengerDraftsTable;
  classifier_models: ClassifierModelsTable;
  kpis: KpisTable;
  kpi_targets: KpiTargetsTable;
  kpi_values: KpiValuesTable;
  monthly_reports: MonthlyReportsTable;
  monthly_report_versions: MonthlyReportVersionsTable;
  training_examples: TrainingExamplesTable;
  municipalities: MunicipalitiesTable;
  blocks: BlocksTable;
  categories: CategoriesTable;
  organisations: OrganisationsTable;
  organisation_aliases: OrganisationAliasesTable;
  routing_rules: RoutingRulesTable;
  deadline_policies: DeadlinePoliciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  user_recovery_codes: UserRecoveryCodesTable;
  auth_throttle: AuthThrottleTable;
  auth_failures: AuthFailuresTable;
  rate_limit_windows: RateLimitWindowsTable;
  cases: CasesTable;
  messages: MessagesTable;
  case_events: CaseEventsTable;
  answers: AnswersTable;
  attachments: AttachmentsTable;
  ratings: RatingsTable;
  publication_policies: PublicationPoliciesTable;
  server_secrets: ServerSecretsTable;
  outbox: OutboxTable;
  email_outgoing: EmailOutgoingTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_dirty_days: AnalyticsDirtyDaysTable;
  analytics_daily_dim: AnalyticsDailyDimTable;
  analytics_message_facts: AnalyticsMessageFactsTable;
  analytics_unit_days: AnalyticsUnitDaysTable;
  analytics_unit_months: AnalyticsUnitMonthsTable;
  problem_category_lists: ProblemCategoryListsTable;
  workload_norms: WorkloadNormsTable;
  widget_submissions: WidgetSubmissionsTable;
  monitoring_keyword_sets: MonitoringKeywordSetsTable;
  monitoring_state: MonitoringStateTable;
  personal_data_access: PersonalDataAccessTable;
  node_leases: NodeLeasesTable;
  case_counts: CaseCountsTable;
  case_counts_monthly: CaseCountsMonthlyTable;
  analysis_cache: AnalysisCacheTable;
  personal_data_erasures: PersonalDataErasuresTable;
  official_documents: OfficialDocumentsTable;
  official_document_counters: OfficialDocumentCountersTable;
  official_document_signatures: OfficialDocumentSignaturesTable;
  chain_redactions: ChainRedactionsTable;
  chain_links: ChainLinksTable;
  message_keys: MessageKeysTable;
  outbox_keys: OutboxKeysTable;
  partition_policies: PartitionPoliciesTable;
  partition_retention: PartitionRetentionTable;
  chain_head: ChainHeadTable;
}
