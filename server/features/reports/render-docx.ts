import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { ChartBlock, ReportDocument, TableBlock } from './report-document';

// DOCX with the docx package: headings, tables and native Word bar charts (editable in Word, data embedded).
const FONT = 'DejaVu Sans';
const border = { style: BorderStyle.SINGLE, size: 4, color: 'C0C8D0' };
const borders = { top: border, bottom: border, left: border, right: border };

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: doc.title, bold: true, size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: doc.subtitle, color: '555555' })],
    }),
  ];
  for (const section of doc.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 240, after: 120 },
        children: [new TextRun({ text: section.title, bold: true })],
      }),
    );
    for (const block of section.blocks) {
      if (block.kind === 'paragraph')
        children.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: { after: 120 },
            children: [new TextRun(block.text)],
          }),
        );
      else if (block.kind === 'table') children.push(...table(block));
      else children.push(...chart(block));
    }
  }
  const document = new Document({
    creator: 'Отклик',
    title: doc.title,
    description: doc.subtitle,
    lastModifiedBy: 'Отклик',
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

function table(block: TableBlock): (Paragraph | Table)[] {
  if (!block.rows.length) return [new Paragraph({ children: [new TextRun('Нет данных.')] })];
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const cell = (text: string, i: number, header: boolean): TableCell =>
    new TableCell({
      borders,
      width: { size: Math.round((100 * (block.columns[i]?.width ?? 1)) / total), type: WidthType.PERCENTAGE },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          alignment: block.columns[i]?.numeric && !header ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header, size: 16 })],
        }),
      ],
    });
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c.title, i, true)) }),
        ...block.rows.map((r) => new TableRow({ children: r.map((text, i) => cell(text, i, false)) })),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}

function chart(block: ChartBlock): Paragraph[] {
  if (!block.bars.length) return [];
  const withPrevious = block.bars.some((b) => b.previous > 0);
  // Word draws the first category of a bar chart at the bottom: reverse so the largest is on top, as in the PDF.
  const bars = [...block.bars].reverse();
  return [
    new Paragraph({
      children: [
        new ChartRun({
          type: 'bar',
          title: block.title,
          categories: bars.map((b) => b.label),
          series: [
            { name: 'Текущий месяц', values: bars.map((b) => b.value), color: '2F6FB0' },
            ...(withPrevious
              ? [{ name: 'Предыдущий месяц', values: bars.map((b) => b.previous), color: 'B9C7D6' }]
              : []),
          ],
          legend: withPrevious ? { position: 'bottom' } : false,
          transformation: { width: 600, height: Math.max(160, 40 + bars.length * (withPrevious ? 26 : 18)) },
        }),
      ],
    }),
  ];
}
