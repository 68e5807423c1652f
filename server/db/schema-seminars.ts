import type { ColumnType, Generated } from 'kysely';

// Tables of the training seminars and the knowledge base (migration 0032).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type IdArray = ColumnType<number[], number[] | undefined, number[]>;

export interface SeminarsTable {
  id: Generated<number>;
  topic: string;
  description: Generated<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  duration_minutes: number;
  format: string;
  place: Generated<string>;
  trainers: string;
  status: Generated<string>;
  target_organisation_ids: IdArray;
  target_municipality_ids: IdArray;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface SeminarParticipantsTable {
  id: Generated<number>;
  seminar_id: number;
  organisation_id: number;
  user_id: number | null;
  person_name: string;
  attended: boolean | null;
  score: number | null;
  feedback: Generated<string>;
  created_at: Timestamp;
}
export interface SeminarMaterialsTable {
  id: Generated<number>;
  seminar_id: number;
  kind: string;
  title: string;
  url: string | null;
  storage_key: string | null;
  file_name: string | null;
  mime_type: string | null;
  size: number | null;
  sha256: string | null;
  author_label: string;
  created_at: Timestamp;
}
export interface KnowledgeEntriesTable {
  id: Generated<number>;
  title: string;
  category_code: string | null;
  block_code: string | null;
  body: string;
  tags: Generated<string>;
  source_practice_id: number | null;
  source_material_id: number | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface SeminarTables {
  seminars: SeminarsTable;
  seminar_participants: SeminarParticipantsTable;
  seminar_materials: SeminarMaterialsTable;
  knowledge_entries: KnowledgeEntriesTable;
}
