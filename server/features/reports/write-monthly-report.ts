import fs from 'node:fs/promises';
import { monthLabel, monthSchema, REPORT_FORMATS, REPORT_STATUS_LABELS } from '../../../shared/api/reports';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { reportFile } from './report-queries';

/** `otklik report monthly`: the approved version of the month if there is one, otherwise a draft from the data. */
export async function writeMonthlyReport(
  ctx: Ctx,
  input: { month: string; format: string; out: string },
): Promise<string[]> {
  const month = monthSchema.safeParse(input.month);
  if (!month.success)
    throw new AppError('validation_failed', `Месяц «${input.month}»: ожидается ГГГГ-ММ, например 2020-12`);
  const format = REPORT_FORMATS.find((f) => f === input.format.toLowerCase());
  if (!format)
    throw new AppError('validation_failed', `Формат «${input.format}»: ожидается ${REPORT_FORMATS.join(', ')}`);
  const file = await reportFile(ctx, month.data, format, { unsaved: true });
  try {
    await fs.writeFile(input.out, file.bytes);
  } catch (error) {
    throw new AppError(
      'bad_request',
      `Не удалось записать ${input.out}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const state = file.version ? `утверждённая версия ${file.version}` : REPORT_STATUS_LABELS.draft.toLowerCase();
  return [
    `Доклад за ${monthLabel(month.data)} (${state}, ${format.toUpperCase()}, ${file.bytes.length} байт) → ${input.out}`,
    `SHA-256: ${file.sha256}`,
  ];
}
