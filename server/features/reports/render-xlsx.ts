import ExcelJS from 'exceljs';
import type { ReportDocument } from './report-document';

// XLSX with exceljs: a title sheet, then one sheet per section; charts become their data tables (numbers as numbers).
export async function renderXlsx(doc: ReportDocument, createdAt: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Отклик';
  book.title = doc.title;
  book.created = createdAt;
  book.modified = createdAt;
  const cover = book.addWorksheet('Доклад');
  cover.getColumn(1).width = 110;
  cover.addRow([doc.title]).font = { bold: true, size: 14 };
  cover.addRow([doc.subtitle]);
  cover.addRow([]);
  for (const section of doc.sections) cover.addRow([section.title]);
  for (const section of doc.sections) {
    const sheet = book.addWorksheet(section.sheet);
    sheet.addRow([section.title]).font = { bold: true, size: 12 };
    let widths: number[] = [60];
    for (const block of section.blocks) {
      sheet.addRow([]);
      if (block.kind === 'paragraph') {
        const row = sheet.addRow([block.text]);
        row.alignment = { wrapText: true, vertical: 'top' };
      } else if (block.kind === 'table') {
        sheet.addRow(block.columns.map((c) => c.title)).font = { bold: true };
        for (const r of block.rows)
          sheet.addRow(r.map((cell, i) => (block.columns[i]?.numeric ? asNumber(cell) : cell)));
        widths = block.columns.map((c, i) => Math.max(widths[i] ?? 0, Math.round(c.width * 12)));
      } else {
        sheet.addRow([block.title]).font = { italic: true };
        sheet.addRow(['', 'Текущий месяц', 'Предыдущий месяц']).font = { bold: true };
        for (const b of block.bars) sheet.addRow([b.label, b.value, b.previous]);
      }
    }
    widths.forEach((w, i) => {
      sheet.getColumn(i + 1).width = Math.max(w, 16);
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** '1 234' → 1234, '12,5' → 12.5; anything else (a change like '+3 (+5 %)', '—') stays text. */
function asNumber(cell: string): string | number {
  const plain = cell.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : cell;
}
