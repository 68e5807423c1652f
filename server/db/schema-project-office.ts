import type { ColumnType, Generated } from 'kysely';

// Kysely's view of the project office tables (migration 0025). Timestamps are read as Date.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** JSON written as text and read back parsed; the feature validates it with its zod schema. */
type JsonValue = ColumnType<unknown, string, string>;

export interface ProjectsTable {
  id: Generated<number>;
  block_code: string;
  kind: Generated<string>;
  title: string;
  created_by: string;
  created_at: GeneratedTimestamp;
}
export interface PoDocumentsTable {
  id: Generated<number>;
  type: string;
  project_id: number | null;
  block_code: string;
  title: string;
  content: JsonValue;
  status: Generated<string>;
  step_due_at: Timestamp | null;
  drafted_by_user_id: number | null;
  approved_version: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface PoDocumentVersionsTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  content: ColumnType<unknown, string, never>;
  sha256: ColumnType<string, string, never>;
  approved_at: ColumnType<Date, Date, never>;
  approved_by: ColumnType<string, string, never>;
  approved_by_user_id: ColumnType<number | null, number | null, never>;
}
export interface PoDocumentStepsTable {
  id: Generated<string>;
  document_id: number;
  action: string;
  from_status: string;
  to_status: string;
  actor_user_id: number | null;
  actor_label: string;
  comment: Generated<string>;
  due_at: Timestamp | null;
  at: Timestamp;
}
export interface ProjectIndicatorFactsTable {
  id: Generated<string>;
  project_id: number;
  indicator_code: string;
  year: number;
  month: number;
  value: number;
  comment: Generated<string>;
  author_user_id: number | null;
  author_label: string;
  entered_at: Timestamp;
}
export interface ProjectRisksTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  description: Generated<string>;
  probability: number;
  impact: number;
  owner_label: string;
  status: Generated<string>;
  identified_at: Timestamp;
  assess_due_at: Timestamp;
  assessed_at: Timestamp | null;
  act_due_at: Timestamp | null;
  acted_at: Timestamp | null;
  escalated_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: string;
}
export interface ProjectRiskMeasuresTable {
  id: Generated<number>;
  risk_id: number;
  text: string;
  /** A `date` column: select it as `due_date::text`. */
  due_date: ColumnType<string, string, string>;
  done_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}
export interface ProjectRiskEventsTable {
  id: Generated<string>;
  risk_id: number;
  action: string;
  actor_label: string;
  comment: Generated<string>;
  at: Timestamp;
}

export interface CentreAssignmentsTable {
  id: Generated<number>;
  person: string;
  user_id: number | null;
  role: string;
  block_code: string | null;
  direction: Generated<string>;
  /** `date` columns: select them as `::text`. */
  from_date: ColumnType<string, string, string>;
  to_date: ColumnType<string | null, string | null, string | null>;
  created_by: string;
  created_at: GeneratedTimestamp;
}
export interface ConsolidatedPlanFactsTable {
  id: Generated<string>;
  document_id: number;
  item_title: string;
  /** A `date` column: select it as `done_date::text`. */
  done_date: ColumnType<string, string, string>;
  comment: Generated<string>;
  author_user_id: number | null;
  author_label: string;
  entered_at: Timestamp;
}
export interface ProjectOfficeTables {
  consolidated_plan_facts: ConsolidatedPlanFactsTable;
  centre_assignments: CentreAssignmentsTable;
  projects: ProjectsTable;
  po_documents: PoDocumentsTable;
  po_document_versions: PoDocumentVersionsTable;
  po_document_steps: PoDocumentStepsTable;
  project_indicator_facts: ProjectIndicatorFactsTable;
  project_risks: ProjectRisksTable;
  project_risk_measures: ProjectRiskMeasuresTable;
  project_risk_events: ProjectRiskEventsTable;
}
