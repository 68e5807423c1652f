import fs from 'node:fs/promises';
import type { RatingLevel } from '../../../shared/api/analytics';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { ratingsReport, ratingsWorkbook } from './ratings-report';

export interface RatingsCliInput {
  level: RatingLevel;
  from?: string | undefined;
  to?: string | undefined;
  minVolume?: number | undefined;
  format: 'json' | 'xlsx';
  out?: string | undefined;
}

/** `otklik ratings`: the same JSON as the API (to stdout or a file), or an XLSX file. Returns the lines to print. */
export async function ratingsOperation(ctx: Ctx, input: RatingsCliInput): Promise<string[]> {
  if (input.format === 'xlsx' && !input.out)
    throw new AppError('validation_failed', 'Для формата xlsx укажите файл: --out рейтинг.xlsx');
  const report = await ratingsReport(ctx, {
    level: input.level,
    from: input.from,
    to: input.to,
    minVolume: input.minVolume,
  });
  if (input.format === 'xlsx') {
    await fs.writeFile(input.out!, await ratingsWorkbook(report));
    return [`Рейтинг (${report.items.length} строк) записан в ${input.out}`];
  }
  const json = JSON.stringify(report, null, 2);
  if (!input.out) return [json];
  await fs.writeFile(input.out, `${json}\n`);
  return [`Рейтинг (${report.items.length} строк) записан в ${input.out}`];
}
