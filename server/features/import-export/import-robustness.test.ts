// Imports that never damage data: one bad line (NUL, deep nesting, a date out of range, broken encoding, an
// unbalanced quote) is reported with its line number and the rest is imported; CSV delimiters are detected and
// quoting is honoured; answers, statuses and dates come from the columns; organisation names are matched through
// the alias table and an unknown name is reported and held for review, never created.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { addAlias, organisationKey } from '../reference/organisation-aliases';
import { importFile } from './import-file';
import { detectDelimiter } from './read-csv';

let services: TestServices;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-robust-'));
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
});
afterAll(async () => services.close());
const ctx = () => rootContext(services, SYSTEM_ACTOR);

const message = (id: string, extra: object = {}) => ({
  externalId: id,
  channel: 'portal',
  text: `Яма на дороге в Угличе, ${id}`,
  createdAt: '2026-10-01T10:00:00',
  ...extra,
});
async function stored(ids: string[]) {
  return services.database.db
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select([
      'messages.external_id',
      'messages.text',
      'messages.organisation_raw',
      'cases.id as case_id',
      'cases.status',
      'cases.organisation_id',
      'cases.final_answer_at',
    ])
    .where('messages.external_id', 'in', ids)
    .orderBy('messages.external_id')
    .execute();
}

describe('a bad line of JSON Lines is reported by number and the rest is kept', () => {
  it('NUL, nesting 10 000 deep, the year 275760 and broken UTF-8 each fail alone', async () => {
    const file = path.join(dir, 'bad.jsonl');
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(
          [
            JSON.stringify(message('j-1')),
            JSON.stringify(message('j-2', { text: 'Яма\u0000на дороге' })),
            JSON.stringify(message('j-3')).replace('"externalId"', `"labels":${deep},"externalId"`),
            JSON.stringify(message('j-4', { createdAt: '+275760-09-13T00:00:00Z' })),
            JSON.stringify(message('j-5', { labels: { 'ключ\u0000': 1 } })),
            '',
          ].join('\n'),
        ),
        Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // line 6: {"\xff\xfe"}
        Buffer.from(`${JSON.stringify(message('j-7'))}\n`),
      ]),
    );
    const started = Date.now();
    const report = await importFile(ctx(), { file });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.at(-1)).toBe('imported 2, unchanged 0, failed 5');
    const text = report.join('\n');
    expect(text).toMatch(/строка 2: text: недопустимый символ NUL/);
    expect(text).toMatch(/строка 3: labels(\.a)+: вложенность глубже 32/);
    expect(text).toMatch(/строка 4: createdAt: дата вне допустимого диапазона/);
    expect(text).toMatch(/строка 5: labels\.ключ\\u0000: недопустимый символ NUL/);
    expect(text).toMatch(/строка 6: строка не в кодировке UTF-8/);
    expect((await stored(['j-1', 'j-7'])).map((m) => m.external_id)).toEqual(['j-1', 'j-7']);
  });
});

describe('a line with an impossible value fails alone', () => {
  it('a createdAt not in the calendar and a point with one coordinate are reported, not moved or half kept', async () => {
    const file = path.join(dir, 'impossible.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify(message('i-1', { createdAt: '2026-02-30T12:00:00+03:00' })),
        JSON.stringify(message('i-2', { location: { lat: 57.6 } })),
        JSON.stringify(message('i-3', { createdAt: '2024-02-29T12:00:00+03:00', location: { lat: 57.6, lon: 39.8 } })),
        '',
      ].join('\n'),
    );
    const report = await importFile(ctx(), { file });
    expect(report.at(-1)).toBe('imported 1, unchanged 0, failed 2');
    const text = report.join('\n');
    expect(text).toMatch(/строка 1: createdAt: такой даты нет в календаре: 2026-02-30/);
    expect(text).toMatch(/строка 2: location: Координаты lat и lon указываются вместе/);
    expect((await stored(['i-1', 'i-2', 'i-3'])).map((m) => m.external_id)).toEqual(['i-3']);
  });
});

describe('CSV', () => {
  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('Номер;Текст;Дата')).toBe(';');
    expect(detectDelimiter('id,text,"дата, время"')).toBe(',');
    expect(detectDelimiter('id\ttext\twhen')).toBe('\t');
  });

  it('imports a semicolon file with commas, quotes and line breaks in the text intact', async () => {
    const file = path.join(dir, 'semi.csv');
    const text = 'Яма на ул. Ростовская, д. 5, у «Пятёрочки»;\nвторая строка, "в кавычках"';
    fs.writeFileSync(
      file,
      `\uFEFFНомер;Дата подачи;Текст сообщения;Ответственный\nS-1;01.10.2026 10:00;"${text.replaceAll('"', '""')}";\nS-2;02.10.2026;Фонарь не горит, "третий" день;\n`,
    );
    expect((await importFile(ctx(), { file, channel: 'pos' })).at(-1)).toBe('imported 2, unchanged 0, failed 0');
    const rows = await stored(['S-1', 'S-2']);
    expect(rows.map((r) => r.text)).toEqual([text, 'Фонарь не горит, "третий" день']);
    expect(rows.map((r) => r.organisation_raw)).toEqual([null, null]);
  });

  it('reports a record with an unbalanced quote by its line and imports the rest', async () => {
    const file = path.join(dir, 'quote.csv');
    fs.writeFileSync(
      file,
      [
        'id,when,body',
        'q-1,2026-10-01T10:00:00,Нет света в Данилове',
        'q-2,2026-10-01T10:00:00,"Кавычка не закрыта, текст',
        'q-3,2026-10-01T10:00:00,"Нормальная, строка"',
        'q-4,2026-10-01T10:00:00,"многострочный',
        'текст"',
        'q-5,2026-10-01T10:00:00,лишнее,поле',
        'q-6,2026-10-01T10:00:00,"Снова без кавычки',
      ].join('\r\n'),
    );
    const mapping = path.join(dir, 'map.json');
    fs.writeFileSync(mapping, JSON.stringify({ id: 'externalId', when: 'createdAt', body: 'text' }));
    const report = await importFile(ctx(), { file, mapping, channel: 'email' });
    expect(report.at(-1), report.join('\n')).toBe('imported 3, unchanged 0, failed 3');
    expect(report.join('\n')).toMatch(
      /строка 3: CSV: незакрытая кавычка[\s\S]*строка 7: CSV: полей 4[\s\S]*строка 8: CSV: Quote Not Closed/,
    );
    expect((await stored(['q-1', 'q-3', 'q-4'])).map((r) => r.text)).toEqual([
      'Нет света в Данилове',
      'Нормальная, строка',
      'многострочный\r\nтекст',
    ]);
  });

  it('reads a windows-1251 file', async () => {
    const file = path.join(dir, 'cp1251.csv');
    const encoder = new Map(
      [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'].map((ch) => {
        const code = ch === 'ё' ? 0xb8 : ch === 'Ё' ? 0xa8 : ch.charCodeAt(0) - 0x410 + 0xc0;
        return [ch, code];
      }),
    );
    const bytes = [...'Номер;Дата подачи;Текст сообщения\nW-1;03.10.2026;Не вывозят мусор, всё переполнено\n'].map(
      (ch) => encoder.get(ch) ?? ch.charCodeAt(0),
    );
    fs.writeFileSync(file, Buffer.from(bytes));
    expect((await importFile(ctx(), { file, channel: 'pos' })).at(-1)).toBe('imported 1, unchanged 0, failed 0');
    expect((await stored(['W-1']))[0]?.text).toBe('Не вывозят мусор, всё переполнено');
  });
});

describe('answers, statuses and organisations from the columns', () => {
  it('keeps the answer, its date and the status of an «Инцидент Менеджмент» export; an unknown organisation is held, not created', async () => {
    const known = await services.database.db
      .insertInto('organisations')
      .values({ name: 'Администрация Даниловского муниципального района', kind: 'municipal_admin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addAlias(ctx(), { alias: 'Администрация Даниловского МР', organisationId: known.id });
    const file = path.join(dir, 'im.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Инциденты');
    ws.addRow(['Номер инцидента', 'Дата создания', 'Исполнитель', 'Текст инцидента', 'Статус', 'Ответ', 'Дата ответа']);
    ws.addRow([
      'IM-1',
      '01.10.2026 10:00',
      '«Администрация  Даниловского МР»',
      'Яма во дворе',
      'Решено',
      'Яма засыпана',
      '03.10.2026 15:30',
    ]);
    ws.addRow(['IM-2', '02.10.2026 10:00', 'Администрация Даниловского МО', 'Не горит фонарь', 'В работе', '', '']);
    ws.addRow([
      'IM-3',
      '02.10.2026 11:00',
      'Администрация Даниловского МО',
      'Снова не горит фонарь',
      'Решено',
      'Заменили лампу',
      '04.10.2026',
    ]);
    await wb.xlsx.writeFile(file);
    const organisationsBefore = await services.database.db.selectFrom('organisations').select('id').execute();
    const report = await importFile(ctx(), { file, channel: 'social_vk' });
    expect(report.at(-1)).toBe('imported 3, unchanged 0, failed 0');
    expect(report.join('\n')).toMatch(
      /Организации, которых нет в справочнике[^\n]*: 1[\s\S]*«Администрация Даниловского МО» — 2 сообщ\./,
    );
    expect(await services.database.db.selectFrom('organisations').select('id').execute()).toHaveLength(
      organisationsBefore.length,
    );
    const [im1, im2, im3] = await stored(['IM-1', 'IM-2', 'IM-3']);
    expect(im1).toMatchObject({ status: 'closed', organisation_id: known.id });
    expect(im1?.final_answer_at?.toISOString()).toBe('2026-10-03T12:30:00.000Z');
    const answers = await services.database.db
      .selectFrom('answers')
      .select(['body', 'kind', 'organisation_id'])
      .where('case_id', '=', im1!.case_id)
      .execute();
    expect(answers).toEqual([{ body: 'Яма засыпана', kind: 'final', organisation_id: known.id }]);
    expect(im2).toMatchObject({
      status: 'triage',
      organisation_id: null,
      organisation_raw: 'Администрация Даниловского МО',
    });
    const held = await services.database.db
      .selectFrom('case_events')
      .select(['type', 'data'])
      .where('case_id', '=', im2!.case_id)
      .where('type', '=', 'triage')
      .execute();
    expect(held).toEqual([
      { type: 'triage', data: { reason: 'organisation_unmatched', organisation: 'Администрация Даниловского МО' } },
    ]);
    // An answered case keeps its state; it only has no organisation, so it counts in no organisation's rating.
    expect(im3).toMatchObject({ status: 'closed', organisation_id: null });
  });

  it('normalises names for matching', () => {
    expect(organisationKey('  «МУ  "Служба" ЖКХ»  ')).toBe(organisationKey('му служба жкх'));
    expect(organisationKey('Объединённая')).toBe('объединенная');
  });
});
