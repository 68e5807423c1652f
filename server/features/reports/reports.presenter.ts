import {
  REPORT_FORMATS,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  type ReportStatus,
  type ReportSummary,
} from '../../../shared/api/reports';
import type { Actor } from '../../lib/context';
import { can } from '../auth/authorize';
import { reportTitle } from './report-document';
import type { ReportRow, VersionRow } from './reports.repository';

export const statusOf = (row: ReportRow): ReportStatus => REPORT_STATUSES.find((s) => s === row.status) ?? 'draft';

export function allowedActions(actor: Actor, status: ReportStatus): ReportSummary['allowedActions'] {
  const actions: ReportSummary['allowedActions'] = [];
  if (can(actor, 'reports.edit')) {
    if (status !== 'approved') actions.push('edit');
    actions.push('regenerate');
  }
  if (status === 'draft' && can(actor, 'reports.agree')) actions.push('agree');
  if (status === 'agreed' && can(actor, 'reports.approve')) actions.push('approve');
  return actions;
}

export function presentReport(actor: Actor, row: ReportRow, versions: VersionRow[]): ReportSummary {
  const status = statusOf(row);
  const own = versions.filter((v) => v.report_id === row.id);
  return {
    month: row.month,
    title: reportTitle(row.month),
    status,
    statusLabel: REPORT_STATUS_LABELS[status],
    generatedAt: row.generated_at.toISOString(),
    generatedBy: row.generated_by,
    agreedAt: row.agreed_at?.toISOString() ?? null,
    agreedBy: row.agreed_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
    approvedBy: row.approved_by,
    conclusions: row.conclusions,
    approvedVersion: own.reduce<number | null>((max, v) => (max === null || v.version > max ? v.version : max), null),
    versions: own.map((v) => ({
      version: v.version,
      format: REPORT_FORMATS.find((f) => f === v.format) ?? 'pdf',
      sha256: v.sha256,
      size: Number(v.size),
      approvedAt: v.approved_at.toISOString(),
      approvedBy: v.approved_by,
    })),
    allowedActions: allowedActions(actor, status),
  };
}
