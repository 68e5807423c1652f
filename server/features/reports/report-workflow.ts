import {
  monthLabel,
  REPORT_FORMATS,
  reportDataSchema,
  type ReportFormat,
  type ReportSummary,
} from '../../../shared/api/reports';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { registerApprovedVersion } from '../documents/register-document';
import { assembleReportData } from './assemble-report-data';
import { reportTitle } from './report-document';
import { renderReport, sha256 } from './render-report';
import { presentReport, statusOf } from './reports.presenter';
import {
  findReport,
  insertVersion,
  listVersions,
  nextVersion,
  saveDraft,
  updateReport,
  type ReportRow,
} from './reports.repository';

// Draft → agreed by the head (reports.agree) → approved by the curator (reports.approve). Approval renders the
// three formats once and stores their bytes with SHA-256 as a numbered version; stored versions never change
// (a database trigger refuses UPDATE and DELETE on them), and the PDF and DOCX are registered as an official document
// (documents/register-document.ts). A new draft of an approved month starts the next version; until that one is
// approved, the approved version stays the default download (report-queries.ts).

async function present(ctx: Ctx, month: string): Promise<ReportSummary> {
  const row = await findReport(ctx.db, month);
  if (!row) throw notFound(`Доклад за ${monthLabel(month)}`);
  return presentReport(ctx.actor, row, await listVersions(ctx.db, [row.id]));
}

async function load(ctx: Ctx, month: string): Promise<ReportRow> {
  const row = await findReport(ctx.db, month, true);
  if (!row) throw notFound(`Доклад за ${monthLabel(month)}`);
  return row;
}

export function assertReportableMonth(ctx: Ctx, month: string): void {
  if (`${month}-01` > toMoscowIsoDate(ctx.services.clock.now()))
    throw new AppError('validation_failed', `Месяц ${month} ещё не начался`);
}

/** A new draft from the current data (conclusions kept). An agreed or approved report goes back to draft; its approved versions stay in force. */
export async function generateReport(ctx: Ctx, month: string): Promise<ReportSummary> {
  requirePermission(ctx.actor, 'reports.edit');
  assertReportableMonth(ctx, month);
  const data = await assembleReportData(ctx, month);
  await withTransaction(ctx, (tx) => saveDraft(tx.db, month, data, ctx.actor.label, ctx.services.clock.now()));
  return present(ctx, month);
}

/** Conclusions are edited before approval; editing an agreed report sends it back for agreement. */
export async function editConclusions(ctx: Ctx, month: string, conclusions: string): Promise<ReportSummary> {
  requirePermission(ctx.actor, 'reports.edit');
  await withTransaction(ctx, async (tx) => {
    const row = await load(tx, month);
    if (statusOf(row) === 'approved')
      throw new AppError('invalid_transition', 'Утверждённый доклад не редактируется: сформируйте новую редакцию');
    await updateReport(tx.db, row.id, {
      conclusions,
      status: 'draft',
      agreed_at: null,
      agreed_by: null,
      updated_at: ctx.services.clock.now(),
    });
  });
  return present(ctx, month);
}

export async function agreeReport(ctx: Ctx, month: string): Promise<ReportSummary> {
  requirePermission(ctx.actor, 'reports.agree');
  await withTransaction(ctx, async (tx) => {
    const row = await load(tx, month);
    if (statusOf(row) !== 'draft') throw new AppError('invalid_transition', 'Согласовать можно только черновик');
    const now = ctx.services.clock.now();
    await updateReport(tx.db, row.id, {
      status: 'agreed',
      agreed_at: now,
      agreed_by: ctx.actor.label,
      updated_at: now,
    });
  });
  return present(ctx, month);
}

export async function approveReport(ctx: Ctx, month: string): Promise<ReportSummary> {
  requirePermission(ctx.actor, 'reports.approve');
  await withTransaction(ctx, async (tx) => {
    const row = await load(tx, month);
    if (statusOf(row) !== 'agreed')
      throw new AppError('invalid_transition', 'Утвердить можно только согласованный доклад');
    const now = ctx.services.clock.now();
    const version = await nextVersion(tx.db, row.id);
    const data = reportDataSchema.parse(row.data);
    const files: Partial<Record<ReportFormat, Buffer>> = {};
    for (const format of REPORT_FORMATS) {
      const bytes = await renderReport(
        data,
        { status: 'approved', conclusions: row.conclusions, generatedAt: row.generated_at, version },
        format,
      );
      files[format] = bytes;
      await insertVersion(tx.db, {
        report_id: row.id,
        version,
        format,
        bytes,
        sha256: sha256(bytes),
        approved_at: now,
        approved_by: ctx.actor.label,
      });
    }
    await registerApprovedVersion(tx, {
      kind: 'monthly_report',
      entityId: month,
      title: `${reportTitle(month)} (версия ${version})`,
      pdf: files.pdf,
      docx: files.docx,
      payload: {
        month,
        version,
        conclusions: row.conclusions,
        data,
        xlsxSha256: files.xlsx ? sha256(files.xlsx) : null,
      },
    });
    await updateReport(tx.db, row.id, {
      status: 'approved',
      approved_at: now,
      approved_by: ctx.actor.label,
      updated_at: now,
    });
  });
  return present(ctx, month);
}
