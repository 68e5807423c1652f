import {
  monthLabel,
  reportDataSchema,
  type ReportDetail,
  type ReportFormat,
  type ReportSummary,
} from '../../../shared/api/reports';
import type { Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { assembleReportData } from './assemble-report-data';
import { assertReportableMonth } from './report-workflow';
import { renderReport, reportFileName, sha256 } from './render-report';
import { presentReport, statusOf } from './reports.presenter';
import { findReport, listReportRows, listVersions, versionBytes } from './reports.repository';

export async function listReports(ctx: Ctx): Promise<ReportSummary[]> {
  requirePermission(ctx.actor, 'analytics.read');
  const rows = await listReportRows(ctx.db);
  const versions = await listVersions(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentReport(ctx.actor, r, versions));
}

export async function getReport(ctx: Ctx, month: string): Promise<ReportDetail> {
  requirePermission(ctx.actor, 'analytics.read');
  const row = await findReport(ctx.db, month);
  if (!row) throw notFound(`Доклад за ${monthLabel(month)}`);
  return {
    report: presentReport(ctx.actor, row, await listVersions(ctx.db, [row.id])),
    data: reportDataSchema.parse(row.data),
  };
}

export interface ReportFile {
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  version: number | null;
  status: string;
}

/**
 * The file of a month. By default the latest approved version: a newer draft (data regenerated after approval) never
 * replaces it until the draft is itself approved. `version` asks for one stored version, `draft` for the current
 * edition rendered from its snapshot; a month never approved gives its draft. With `unsaved`, a month without a
 * report is rendered from the current data as an unsaved draft (the CLI).
 */
export async function reportFile(
  ctx: Ctx,
  month: string,
  format: ReportFormat,
  options: { version?: number | undefined; draft?: boolean | undefined; unsaved?: boolean } = {},
): Promise<ReportFile> {
  requirePermission(ctx.actor, 'analytics.read');
  const row = await findReport(ctx.db, month);
  if (!row) {
    if (!options.unsaved) throw notFound(`Доклад за ${monthLabel(month)}`);
    assertReportableMonth(ctx, month);
    const data = await assembleReportData(ctx, month);
    const bytes = await renderReport(
      data,
      { status: 'draft', conclusions: '', generatedAt: ctx.services.clock.now() },
      format,
    );
    return { bytes, fileName: reportFileName(month, format), sha256: sha256(bytes), version: null, status: 'draft' };
  }
  if (options.version !== undefined && options.draft)
    throw new AppError('validation_failed', 'Укажите либо версию, либо черновик');
  const stored = options.draft ? undefined : await versionBytes(ctx.db, row.id, format, options.version);
  if (stored)
    return {
      bytes: stored.bytes,
      fileName: reportFileName(month, format, stored.version),
      sha256: stored.sha256,
      version: stored.version,
      status: 'approved',
    };
  if (options.version !== undefined)
    throw new AppError('not_found', `Версия ${options.version} доклада за ${monthLabel(month)} не найдена`);
  const bytes = await renderReport(
    reportDataSchema.parse(row.data),
    { status: statusOf(row), conclusions: row.conclusions, generatedAt: row.generated_at },
    format,
  );
  return {
    bytes,
    fileName: reportFileName(month, format),
    sha256: sha256(bytes),
    version: null,
    status: statusOf(row),
  };
}
