import type { ColumnType, Generated } from 'kysely';

// Tables of migration 0035: the intake bus's dead letters.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface IntakeDeadLettersTable {
  id: Generated<string>;
  stream: string;
  stream_seq: ColumnType<string, number | string, number | string>;
  channel: string;
  external_id: string;
  payload: ColumnType<unknown, string, string>;
  error: string;
  deliveries: number;
  created_at: Generated<Timestamp>;
}

export interface BusTables {
  intake_dead_letters: IntakeDeadLettersTable;
}
