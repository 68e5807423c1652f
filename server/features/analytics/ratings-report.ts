import ExcelJS from 'exceljs';
import type { RatingsQuery, RatingsResponse } from '../../../shared/api/analytics';
import type { Ctx } from '../../lib/context';
import { formatRu, resolvePeriod } from './period';
import { computeRatings, DEFAULT_MIN_VOLUME } from './ratings';
import { RATING_FORMULA } from './ratings-score';

/** The ratings with their period, threshold and formula: what the API, the CLI and the page show. */
export async function ratingsReport(ctx: Ctx, q: RatingsQuery): Promise<RatingsResponse> {
  const period = resolvePeriod(q.from, q.to, ctx.services.clock.now());
  const minVolume = q.minVolume ?? DEFAULT_MIN_VOLUME;
  const items = await computeRatings(ctx, { level: q.level, from: period.from, to: period.to, minVolume });
  return { level: q.level, from: period.from, to: period.to, minVolume, formula: RATING_FORMULA, items };
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const COLUMNS: [string, (i: RatingsResponse['items'][number]) => string | number | null, number][] = [
  ['Место', (i) => i.rank, 8],
  ['Наименование', (i) => i.name, 50],
  ['Сообщений', (i) => i.messages, 12],
  ['На 1000 жителей', (i) => i.perThousandResidents, 12],
  ['С ответом', (i) => i.answered, 12],
  ['Медиана первого ответа, ч', (i) => i.firstResponseMedianHours, 14],
  ['Медиана окончательного ответа, ч', (i) => i.finalAnswerMedianHours, 14],
  ['В срок, %', (i) => pct(i.onTimeShare), 10],
  ['Принято без доработки, %', (i) => pct(i.acceptedShare), 12],
  ['Возвращено, %', (i) => pct(i.returnedShare), 10],
  ['Оценка граждан', (i) => i.satisfaction, 10],
  ['С окончательным ответом, %', (i) => pct(i.finalShare), 12],
  ['Открыто, %', (i) => pct(i.openShare), 10],
  ['Просрочено, %', (i) => pct(i.overdueShare), 10],
  ['Балл', (i) => i.score, 8],
];

/** XLSX of the ratings: the table, then the period, threshold and formula beneath it. */
export async function ratingsWorkbook(r: RatingsResponse): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(r.level === 'organisation' ? 'Организации' : 'Муниципалитеты');
  ws.columns = COLUMNS.map(([header, , width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const item of r.items) ws.addRow(COLUMNS.map(([, value]) => value(item)));
  ws.addRow([]);
  ws.addRow([`Период: ${formatRu(r.from)} — ${formatRu(r.to)} (по московскому времени, включительно)`]);
  ws.addRow([`Место присваивается при числе сообщений не меньше ${r.minVolume}`]);
  ws.addRow([r.formula]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
