import { sql } from 'kysely';
import type { ReportData, ReportFormat } from '../../../shared/api/reports';
import type { Db } from '../../db/database';

export interface ReportRow {
  id: string;
  month: string;
  status: string;
  data: Record<string, unknown>;
  conclusions: string;
  generated_at: Date;
  generated_by: string;
  agreed_at: Date | null;
  agreed_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
}
export interface VersionRow {
  report_id: string;
  version: number;
  format: string;
  sha256: string;
  size: number;
  approved_at: Date;
  approved_by: string;
}

const REPORT_COLUMNS = [
  'id',
  'month',
  'status',
  'data',
  'conclusions',
  'generated_at',
  'generated_by',
  'agreed_at',
  'agreed_by',
  'approved_at',
  'approved_by',
] as const;

export async function findReport(db: Db, month: string, lock = false): Promise<ReportRow | undefined> {
  let q = db.selectFrom('monthly_reports').select(REPORT_COLUMNS).where('month', '=', month);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listReportRows(db: Db): Promise<ReportRow[]> {
  return db.selectFrom('monthly_reports').select(REPORT_COLUMNS).orderBy('month', 'desc').execute();
}

/** Versions without their bytes (sizes only). */
export async function listVersions(db: Db, reportIds: string[]): Promise<VersionRow[]> {
  if (!reportIds.length) return [];
  return db
    .selectFrom('monthly_report_versions')
    .select([
      'report_id',
      'version',
      'format',
      'sha256',
      'approved_at',
      'approved_by',
      sql<number>`octet_length(bytes)`.as('size'),
    ])
    .where('report_id', 'in', reportIds)
    .orderBy('version', 'desc')
    .orderBy('format')
    .execute();
}

export async function versionBytes(
  db: Db,
  reportId: string,
  format: ReportFormat,
  version?: number,
): Promise<{ version: number; bytes: Uint8Array; sha256: string } | undefined> {
  let q = db
    .selectFrom('monthly_report_versions')
    .select(['version', 'bytes', 'sha256'])
    .where('report_id', '=', reportId)
    .where('format', '=', format);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function saveDraft(db: Db, month: string, data: ReportData, by: string, now: Date): Promise<void> {
  await db
    .insertInto('monthly_reports')
    .values({
      month,
      status: 'draft',
      data: JSON.stringify(data),
      generated_at: now,
      generated_by: by,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('month').doUpdateSet({
        status: 'draft',
        data: JSON.stringify(data),
        generated_at: now,
        generated_by: by,
        updated_at: now,
        agreed_at: null,
        agreed_by: null,
        approved_at: null,
        approved_by: null,
      }),
    )
    .execute();
}

export async function updateReport(
  db: Db,
  id: string,
  values: {
    status?: string;
    conclusions?: string;
    agreed_at?: Date | null;
    agreed_by?: string | null;
    approved_at?: Date;
    approved_by?: string;
    updated_at: Date;
  },
): Promise<void> {
  await db.updateTable('monthly_reports').set(values).where('id', '=', id).execute();
}

export async function nextVersion(db: Db, reportId: string): Promise<number> {
  const r = await db
    .selectFrom('monthly_report_versions')
    .select(sql<number>`coalesce(max(version), 0) + 1`.as('v'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(r.v);
}

export async function insertVersion(
  db: Db,
  row: {
    report_id: string;
    version: number;
    format: ReportFormat;
    bytes: Uint8Array;
    sha256: string;
    approved_at: Date;
    approved_by: string;
  },
): Promise<void> {
  await db.insertInto('monthly_report_versions').values(row).execute();
}
