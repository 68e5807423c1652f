import { KPI_KIND_LABELS, type Kpi } from '../../../shared/api/kpi';
import { toMoscowRuDate } from '../../../shared/deadlines/moscow-time';
import { REGION_NAME } from '../../../shared/reference/municipalities';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { listKpis } from '../kpi/kpi-queries';
import { renderDocx } from '../reports/render-docx';
import { renderPdf } from '../reports/render-pdf';
import type { ReportDocument } from '../reports/report-document';
import { registerApprovedVersion, type RegisteredVersion } from './register-document';

// The centre's indicator set for a year (decree п. 21–22), approved by the curator: the indicators as they stand,
// with the year's targets, rendered to PDF and DOCX by the report renderers and registered as an official document.
const num = (n: number | null): string => (n === null ? '—' : n.toLocaleString('ru-RU', { maximumFractionDigits: 2 }));

export function indicatorSetDocument(year: number, items: Kpi[], approvedAt: Date, approvedBy: string): ReportDocument {
  const targetOf = (k: Kpi): number | null => k.targets.find((t) => t.year === year)?.target ?? null;
  return {
    title: `Перечень показателей Центра управления регионом (${REGION_NAME}) на ${year} год`,
    subtitle: `Утверждён ${toMoscowRuDate(approvedAt)}: ${approvedBy}`,
    month: String(year),
    sections: [
      {
        title: 'Показатели и целевые значения',
        sheet: 'Показатели',
        blocks: [
          {
            kind: 'table',
            columns: [
              { title: 'Показатель', width: 4.2 },
              { title: 'Вид', width: 1.6 },
              { title: 'Ед.', width: 0.9 },
              { title: `Цель ${year}`, width: 1.2, numeric: true },
              { title: 'Срок', width: 1.3 },
              { title: 'Ответственный', width: 1.8 },
            ],
            rows: items.map((k) => [
              k.title,
              KPI_KIND_LABELS[k.kind],
              k.unit,
              num(targetOf(k)),
              k.deadline.split('-').reverse().join('.'),
              k.responsible || '—',
            ]),
          },
        ],
      },
      {
        title: 'Связь с федеральными результатами и способ расчёта',
        sheet: 'Описание',
        blocks: items.map((k) => ({
          kind: 'paragraph' as const,
          text: `${k.title}. Результат: ${k.federalResult || '—'}. Расчёт: ${k.formulaLabel ?? 'вносится вручную'}. ${k.quantitative}`.trim(),
        })),
      },
    ],
  };
}

/** The curator approves the indicator set of a year: registered with number and date, immutable, in the chain. */
export async function approveIndicatorSet(ctx: Ctx, year: number): Promise<RegisteredVersion> {
  requirePermission(ctx.actor, 'reports.approve');
  const { items } = await listKpis(ctx);
  if (!items.length) throw new AppError('invalid_transition', 'Показателей нет: утверждать нечего');
  const now = ctx.services.clock.now();
  const doc = indicatorSetDocument(year, items, now, ctx.actor.label);
  const payload = {
    year,
    indicators: items.map((k) => ({
      code: k.code,
      kind: k.kind,
      title: k.title,
      federalResult: k.federalResult,
      unit: k.unit,
      direction: k.direction,
      formula: k.formula,
      qualitative: k.qualitative,
      quantitative: k.quantitative,
      responsible: k.responsible,
      deadline: k.deadline,
      targets: k.targets,
    })),
  };
  return registerApprovedVersion(ctx, {
    kind: 'indicator_set',
    entityId: String(year),
    title: doc.title,
    payload,
    pdf: await renderPdf(doc, now),
    docx: await renderDocx(doc),
  });
}
