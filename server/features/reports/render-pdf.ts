import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ChartBlock, ReportDocument, TableBlock } from './report-document';

// PDF with pdfkit: DejaVu Sans (from the dejavu-fonts-ttf package) embedded as a subset so Cyrillic text is
// selectable and searchable; bar charts drawn as vector paths, not pictures.
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const MARGIN = 50;
const BAR = '#2f6fb0';
const PREVIOUS = '#b9c7d6';

type Doc = PDFKit.PDFDocument;

export async function renderPdf(doc: ReportDocument, createdAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: doc.title, Author: 'Отклик', Subject: doc.month, CreationDate: createdAt, ModDate: createdAt },
    lang: 'ru-RU',
    displayTitle: true,
  });
  pdf.registerFont('regular', FONTS.regular);
  pdf.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('bold').fontSize(16).text(doc.title, { align: 'center' });
  pdf
    .moveDown(0.5)
    .font('regular')
    .fontSize(10)
    .fillColor('#555')
    .text(doc.subtitle, { align: 'center' })
    .fillColor('black');
  for (const section of doc.sections) {
    // A heading never ends a page: keep room for it and the start of what follows.
    ensureSpace(pdf, 140);
    pdf.moveDown(1).font('bold').fontSize(13).text(section.title, MARGIN, pdf.y).moveDown(0.3);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph')
        pdf
          .font('regular')
          .fontSize(10)
          .text(block.text, MARGIN, pdf.y, { align: 'justify', width: contentWidth(pdf) })
          .moveDown(0.4);
      else if (block.kind === 'table') drawTable(pdf, block);
      else drawChart(pdf, block);
    }
  }
  numberPages(pdf);
  pdf.end();
  return done;
}

const contentWidth = (pdf: Doc): number => pdf.page.width - 2 * MARGIN;
const bottom = (pdf: Doc): number => pdf.page.height - MARGIN;

function ensureSpace(pdf: Doc, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function drawTable(pdf: Doc, table: TableBlock): void {
  if (!table.rows.length) {
    pdf.font('regular').fontSize(10).text('Нет данных.', MARGIN, pdf.y).moveDown(0.4);
    return;
  }
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * contentWidth(pdf));
  const pad = 3;
  const row = (cells: string[], header: boolean): void => {
    pdf.font(header ? 'bold' : 'regular').fontSize(8);
    const height =
      Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: (widths[i] ?? 0) - 2 * pad }))) + 2 * pad;
    if (pdf.y + height > bottom(pdf)) {
      pdf.addPage();
      if (!header)
        row(
          table.columns.map((c) => c.title),
          true,
        );
      pdf.font('regular').fontSize(8);
    }
    const top = pdf.y;
    let x = MARGIN;
    if (header) pdf.rect(MARGIN, top, contentWidth(pdf), height).fill('#e8eef5').fillColor('black');
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      pdf.text(cell, x + pad, top + pad, {
        width: w - 2 * pad,
        align: table.columns[i]?.numeric && !header ? 'right' : 'left',
      });
      x += w;
    });
    pdf
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + contentWidth(pdf), top + height)
      .lineWidth(0.5)
      .strokeColor('#c0c8d0')
      .stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  row(
    table.columns.map((c) => c.title),
    true,
  );
  for (const cells of table.rows) row(cells, false);
  pdf.moveDown(0.6);
}

/** Horizontal bars: this month in colour, the previous month as a thin pale bar under it. */
function drawChart(pdf: Doc, chart: ChartBlock): void {
  if (!chart.bars.length) return;
  const labelWidth = contentWidth(pdf) * 0.36;
  const barArea = contentWidth(pdf) - labelWidth - 50;
  const max = Math.max(1, ...chart.bars.flatMap((b) => [b.value, b.previous]));
  const rowHeight = 16;
  ensureSpace(pdf, 30 + rowHeight * chart.bars.length);
  pdf.font('bold').fontSize(9).text(chart.title, MARGIN, pdf.y).moveDown(0.3);
  const withPrevious = chart.bars.some((b) => b.previous > 0);
  for (const bar of chart.bars) {
    const top = pdf.y;
    pdf
      .font('regular')
      .fontSize(7.5)
      .fillColor('black')
      .text(bar.label, MARGIN, top + 2, {
        width: labelWidth - 6,
        height: rowHeight - 2,
        ellipsis: true,
        lineBreak: false,
      });
    const x0 = MARGIN + labelWidth;
    pdf.rect(x0, top + 2, Math.max(0.5, (bar.value / max) * barArea), withPrevious ? 8 : 11).fill(BAR);
    if (withPrevious) pdf.rect(x0, top + 11, Math.max(0.5, (bar.previous / max) * barArea), 3).fill(PREVIOUS);
    pdf
      .fillColor('black')
      .fontSize(7.5)
      .text(bar.value.toLocaleString('ru-RU'), x0 + (bar.value / max) * barArea + 4, top + 3, { lineBreak: false });
    pdf.x = MARGIN;
    pdf.y = top + rowHeight;
  }
  if (withPrevious) {
    const top = pdf.y + 2;
    pdf.rect(MARGIN + labelWidth, top + 2, 10, 6).fill(BAR);
    pdf
      .fillColor('black')
      .fontSize(7)
      .text('текущий месяц', MARGIN + labelWidth + 14, top + 1, { lineBreak: false });
    pdf.rect(MARGIN + labelWidth + 90, top + 4, 10, 3).fill(PREVIOUS);
    pdf.fillColor('black').text('предыдущий месяц', MARGIN + labelWidth + 104, top + 1, { lineBreak: false });
    pdf.x = MARGIN;
    pdf.y = top + 14;
  }
  pdf.moveDown(0.6);
}

function numberPages(pdf: Doc): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // The footer sits inside the bottom margin: lift the margin while writing it, or pdfkit starts a new page.
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN / 2 - 6;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#777')
      .text(`${i + 1} из ${range.count}`, MARGIN, y, {
        width: contentWidth(pdf),
        align: 'center',
        lineBreak: false,
        height: 10,
      });
  }
  pdf.fillColor('black');
}
