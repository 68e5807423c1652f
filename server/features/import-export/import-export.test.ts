import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { getCase } from '../cases/get-case';
import { exportMessages } from './export-messages';
import { importFile } from './import-file';

let services: TestServices;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-'));
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
  // Imports match organisations of the reference; they never add one (import-robustness.test.ts).
  await services.database.db
    .insertInto('organisations')
    .values({ name: 'Администрация тестового района', kind: 'municipal_admin' })
    .execute();
});
afterAll(async () => services.close());
const ctx = () => rootContext(services, SYSTEM_ACTOR);

const lines = [
  {
    externalId: 'p-1',
    channel: 'portal',
    text: 'В Рыбинске не вывозят мусор с площадки',
    createdAt: '2026-10-01T10:00:00',
    organisation: 'Администрация тестового района',
    history: [
      { at: '2026-10-01T10:00:00', type: 'status', status: 'Модерация' },
      {
        at: '2026-10-02T12:00:00',
        type: 'answer',
        kind: 'interim',
        by: 'Администрация тестового района',
        body: 'Принято',
      },
      {
        at: '2026-10-05T09:30:00',
        type: 'answer',
        kind: 'final',
        by: 'Администрация тестового района',
        body: 'Вывезено 05.10',
      },
      { at: '2026-10-06T09:00:00', type: 'rating', score: 5 },
    ],
  },
  { externalId: 'p-2', channel: 'portal', text: 'Яма на дороге в Угличе', createdAt: '2026-10-03T08:00:00+03:00' },
];

describe('import of the interchange format', () => {
  it('keeps good lines, reports bad ones by number, and adds nothing the second time', async () => {
    const file = path.join(dir, 'm.jsonl.gz');
    const text = [
      JSON.stringify(lines[0]),
      '{broken',
      JSON.stringify({ externalId: 'x', channel: 'pigeon', text: 'т', createdAt: '2026-01-01' }),
      JSON.stringify(lines[1]),
    ].join('\n');
    fs.writeFileSync(file, zlib.gzipSync(text));
    const first = await importFile(ctx(), { file });
    expect(first.at(-1)).toBe('imported 2, unchanged 0, failed 2');
    expect(first.join('\n')).toMatch(/строка 2: некорректный JSON/);
    expect(first.join('\n')).toMatch(/строка 3: channel/);
    expect((await importFile(ctx(), { file })).at(-1)).toBe('imported 0, unchanged 2, failed 2');
    const c = await services.database.db
      .selectFrom('cases')
      .innerJoin('messages', 'messages.case_id', 'cases.id')
      .innerJoin('organisations', 'organisations.id', 'cases.organisation_id')
      .select([
        'cases.status',
        'cases.first_response_at',
        'cases.final_answer_at',
        'cases.rating',
        'organisations.name',
      ])
      .where('messages.external_id', '=', 'p-1')
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ status: 'closed', rating: 5, name: 'Администрация тестового района' });
    expect(c.first_response_at?.toISOString()).toBe('2026-10-02T09:00:00.000Z');
    expect(c.final_answer_at?.toISOString()).toBe('2026-10-05T06:30:00.000Z');
  });

  it('shows the source history item by item on the case card', async () => {
    const row = await services.database.db
      .selectFrom('messages')
      .select('case_id')
      .where('external_id', '=', 'p-1')
      .executeTakeFirstOrThrow();
    const detail = await getCase(ctx(), row.case_id);
    expect(detail.history.map((h) => h.type)).toEqual([
      'received',
      'source_status',
      'source_answer',
      'source_answer',
      'source_rating',
    ]);
    expect(detail.answers.map((a) => a.reviewStatus)).toEqual(['imported', 'imported']);
  });

  it('exports what it imported, history included, and the export imports back as unchanged', async () => {
    const out = path.join(dir, 'export.jsonl');
    expect((await exportMessages(ctx(), { out }))[0]).toMatch(/Выгружено сообщений: 2/);
    const exported = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const p1 = exported.find((m) => m.externalId === 'p-1');
    expect(p1.history.filter((h: { type: string }) => h.type === 'answer')).toHaveLength(2);
    expect(p1.history.find((h: { type: string }) => h.type === 'rating').score).toBe(5);
    expect((await importFile(ctx(), { file: out })).at(-1)).toBe('imported 0, unchanged 2, failed 0');
    const xlsx = path.join(dir, 'export.xlsx');
    await exportMessages(ctx(), { out: xlsx });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]?.rowCount).toBe(3);
  });
});

describe('import of tables', () => {
  it('reads an «Инцидент Менеджмент» XLSX export by its column names', async () => {
    const file = path.join(dir, 'im.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Инциденты');
    ws.addRow(['Номер инцидента', 'Дата создания', 'Тема', 'Муниципалитет', 'Исполнитель', 'Текст инцидента']);
    ws.addRow([
      'IM-77',
      '20.11.2026 14:05',
      'ЖКХ',
      'Тутаевский',
      'Администрация Тутаевского муниципального округа',
      'В доме холодно, батареи еле тёплые',
    ]);
    ws.addRow(['IM-78', 'вчера', 'Дороги', 'Ярославль', '', 'Яма']);
    await wb.xlsx.writeFile(file);
    const report = await importFile(ctx(), { file, channel: 'social_vk' });
    expect(report.at(-1)).toBe('imported 1, unchanged 0, failed 1');
    const m = await services.database.db
      .selectFrom('messages')
      .innerJoin('cases', 'cases.id', 'messages.case_id')
      .select(['messages.channel', 'messages.created_at', 'messages.labels', 'cases.municipality_id'])
      .where('external_id', '=', 'IM-77')
      .executeTakeFirstOrThrow();
    expect(m.channel).toBe('social_vk');
    expect(m.created_at.toISOString()).toBe('2026-11-20T11:05:00.000Z');
    expect(m.labels).toMatchObject({ theme: 'ЖКХ' });
    expect(m.municipality_id).not.toBeNull();
  });

  it('reads a CSV with a mapping file and says clearly when the mapping is unknown', async () => {
    const file = path.join(dir, 'm.csv');
    fs.writeFileSync(file, 'id;when;body\nc-1;2026-11-01T10:00:00+03:00;"Нет света в Данилове, ул. Ленина"\n');
    const mapping = path.join(dir, 'map.json');
    fs.writeFileSync(mapping, JSON.stringify({ id: 'externalId', when: 'createdAt', body: 'text' }));
    expect((await importFile(ctx(), { file, mapping, channel: 'email' })).at(-1)).toBe(
      'imported 1, unchanged 0, failed 0',
    );
    await expect(importFile(ctx(), { file, mapping: 'no-such-preset' })).rejects.toThrow(/Нет пресета/);
    await expect(importFile(ctx(), { file: path.join(dir, 'absent.jsonl') })).rejects.toThrow(/Файл не найден/);
  });
});
