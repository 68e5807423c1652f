import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { toInterchange, loadExportPage } from './export-rows';
import { recordAccess } from '../personal-data/access-journal';
import { exportView, maskRecord } from '../personal-data/export-view';

export interface ExportInput {
  out: string;
  format?: 'jsonl' | 'xlsx' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Citizens' names, contacts and addresses masked (as for roles without access to them). */
  masked?: boolean | undefined;
  /** Why the export is made (the personal data access journal). */
  purpose?: string | undefined;
}

/**
 * Writes every message with its history in the interchange format (JSON Lines, optionally .gz) or as XLSX,
 * masked by the actor's view; the export is written to the personal data access journal with its scope.
 */
export async function exportMessages(ctx: Ctx, input: ExportInput): Promise<string[]> {
  const format = input.format ?? (input.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'jsonl');
  for (const d of [input.from, input.to])
    if (d && !/^\d{4}-\d\d-\d\d$/.test(d)) throw new AppError('validation_failed', `Дата ${d}: ожидается ГГГГ-ММ-ДД`);
  let count = 0;
  const view = exportView(ctx.actor, input.masked);
  async function* records() {
    for (let after = '0'; ;) {
      const page = await loadExportPage(ctx, after, input.from, input.to);
      if (!page.length) return;
      for (const item of page) {
        count++;
        yield maskRecord(toInterchange(item), view);
      }
      after = page[page.length - 1]!.message.id;
    }
  }
  if (format === 'xlsx') await writeXlsx(input.out, records());
  else {
    const lines = Readable.from(
      (async function* () {
        for await (const r of records()) yield `${JSON.stringify(r)}\n`;
      })(),
    );
    const target = fs.createWriteStream(input.out);
    await (input.out.endsWith('.gz') ? pipeline(lines, zlib.createGzip(), target) : pipeline(lines, target));
  }
  await recordAccess(ctx, {
    action: 'export',
    purpose: input.purpose,
    caseIds: [],
    itemCount: count,
    scope: {
      format,
      from: input.from ?? null,
      to: input.to ?? null,
      masked: !view.name,
      file: path.basename(input.out),
    },
  });
  return [`Выгружено сообщений: ${count}${view.name ? '' : ' (персональные данные скрыты)'} → ${input.out}`];
}

async function writeXlsx(out: string, records: AsyncIterable<ReturnType<typeof toInterchange>>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true });
  const sheet = workbook.addWorksheet('Сообщения');
  sheet.columns = [
    { header: 'Канал', key: 'channel', width: 14 },
    { header: 'Внешний номер', key: 'externalId', width: 16 },
    { header: 'Дата создания', key: 'createdAt', width: 22 },
    { header: 'Текст', key: 'text', width: 80 },
    { header: 'Муниципалитет', key: 'municipality', width: 22 },
    { header: 'Адрес', key: 'address', width: 30 },
    { header: 'Исполнитель', key: 'organisation', width: 40 },
    { header: 'Блок', key: 'block', width: 14 },
    { header: 'Категория', key: 'category', width: 20 },
    { header: 'Статус', key: 'status', width: 16 },
    { header: 'Первый ответ', key: 'firstAnswer', width: 22 },
    { header: 'Окончательный ответ', key: 'finalAnswer', width: 22 },
    { header: 'Текст окончательного ответа', key: 'finalBody', width: 80 },
    { header: 'Оценка', key: 'rating', width: 8 },
  ];
  for await (const r of records) {
    const answers = r.history.filter((h) => h.type === 'answer');
    const final = answers.find((h) => h.type === 'answer' && h.kind === 'final');
    sheet
      .addRow({
        channel: r.channel,
        externalId: r.externalId,
        createdAt: r.createdAt,
        text: r.text,
        municipality: r.location?.municipality ?? '',
        address: r.location?.address ?? '',
        organisation: r.organisation ?? '',
        block: r.otklik.block ?? '',
        category: r.otklik.category ?? '',
        status: r.otklik.status,
        firstAnswer: answers[0]?.at ?? '',
        finalAnswer: final?.at ?? '',
        finalBody: final && final.type === 'answer' ? (final.body ?? '') : '',
        rating: r.otklik.rating ?? '',
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
