import type { ColumnType, Generated } from 'kysely';

// Kysely's view of the tables of migration 0031: groups' meetings, decisions and history; indicator targets and
// values per block and category; evidence links. `date` columns are selected as `::text`.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string, string>;
/** JSON written as text and read back parsed; the feature validates it with its zod schema. */
type JsonValue = ColumnType<unknown, string, string>;
/** numeric: read as string by pg, as number by PGlite; convert with Number(). */
type Numeric = ColumnType<string | number, number, number>;

export interface GroupMeetingsTable {
  id: Generated<number>;
  group_document_id: number;
  held_on: DateText;
  agenda: string;
  place: Generated<string>;
  attendance: JsonValue;
  protocol_document_id: number | null;
  created_by_user_id: number | null;
  created_by: string;
  created_at: GeneratedTimestamp;
}
export interface GroupDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  text: string;
  owner: string;
  owner_user_id: number | null;
  due_date: DateText;
  status: Generated<string>;
  status_comment: Generated<string>;
  closed_at: Timestamp | null;
  overdue_notified_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}
export interface GroupEventsTable {
  id: Generated<string>;
  group_document_id: number;
  meeting_id: number | null;
  decision_id: number | null;
  action: string;
  detail: Generated<string>;
  actor_user_id: number | null;
  actor_label: string;
  at: Timestamp;
}
export interface KpiScopeTargetsTable {
  id: Generated<string>;
  kpi_id: number;
  block_code: string;
  category_code: string | null;
  year: number;
  target: Numeric | null;
  comment: Generated<string>;
  set_by_user_id: number | null;
  set_by: string;
  set_at: Timestamp;
}
export interface KpiScopeValuesTable {
  id: Generated<string>;
  kpi_id: number;
  block_code: string;
  category_code: string | null;
  on_date: DateText;
  value: Numeric | null;
  source: string;
  comment: Generated<string>;
  author_user_id: number | null;
  author_label: string;
  created_at: Timestamp;
}
export interface KpiEvidenceTable {
  id: Generated<number>;
  kpi_id: number;
  project_id: number;
  result: string;
  created_by: string;
  created_at: Timestamp;
  removed_by: string | null;
  removed_at: Timestamp | null;
}
export interface GroupsAndTargetsTables {
  group_meetings: GroupMeetingsTable;
  group_decisions: GroupDecisionsTable;
  group_events: GroupEventsTable;
  kpi_scope_targets: KpiScopeTargetsTable;
  kpi_scope_values: KpiScopeValuesTable;
  kpi_evidence: KpiEvidenceTable;
}
