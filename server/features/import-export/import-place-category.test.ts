import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { chosenCategoryByName } from '../intake/citizen-category';
import { importFile } from './import-file';

// The test analyzer: «мусор» → tko.collection, confident; no known word → unsure.
let services: TestServices;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-place-'));
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const caseOf = (externalId: string) =>
  services.database.db
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .leftJoin('municipalities', 'municipalities.id', 'cases.municipality_id')
    .select(['cases.block_code', 'cases.category_code', 'cases.classification', 'municipalities.code as municipality'])
    .where('messages.external_id', '=', externalId)
    .executeTakeFirstOrThrow();

describe("import: the source's category and address", () => {
  it('keeps a ПОС category on the case unless the classifier strongly disagrees, and places an address-only row', async () => {
    const file = path.join(dir, 'pos.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Сообщения');
    sheet.addRows([
      [
        'Номер',
        'Дата подачи',
        'Текст сообщения',
        'Категория',
        'Подкатегория',
        'Муниципальное образование',
        'Адрес',
        'Статус',
      ],
      [
        'p-1',
        '2026-11-01T10:00:00+03:00',
        'Темно во дворе по вечерам, ходить страшно',
        'Энергетика',
        'Уличное освещение',
        '',
        'г. Углич, ул. Ленина, 3',
        'Новое',
      ],
      [
        'p-2',
        '2026-11-01T11:00:00+03:00',
        'Не вывозят мусор с площадки',
        'Здравоохранение',
        'Лекарственное обеспечение и льготные лекарства',
        '',
        'Ростовский р-н, с. Поречье-Рыбное',
        'Новое',
      ],
      [
        'p-3',
        '2026-11-01T12:00:00+03:00',
        'Просим убрать сухие деревья во дворе',
        '',
        '',
        '',
        'г. Мышкин, ул. Угличская, д. 12',
        'Новое',
      ],
    ]);
    await book.xlsx.writeFile(file);
    const report = await importFile(rootContext(services, SYSTEM_ACTOR), { file, channel: 'pos', mapping: 'pos' });
    expect(report.at(-1), report.join('\n')).toBe('imported 3, unchanged 0, failed 0');
    expect(await caseOf('p-1')).toMatchObject({
      block_code: 'energy',
      category_code: 'street_light',
      municipality: 'uglich',
      classification: { block: 'other', citizen: { block: 'energy', category: 'street_light' }, source: 'citizen' },
    });
    expect(await caseOf('p-2')).toMatchObject({
      block_code: 'tko',
      category_code: 'collection',
      municipality: 'rostov',
      classification: { citizen: { block: 'health', category: 'drugs' }, source: 'classifier' },
    });
    expect(await caseOf('p-3')).toMatchObject({ municipality: 'myshkin' });
  });

  it('matches a source category by name or code, and nothing for another taxonomy', async () => {
    const { categories } = await services.reference.get(services.database.db);
    expect(chosenCategoryByName(categories, ['  уличное  ОСВЕЩЕНИЕ '])).toEqual({
      block: 'energy',
      category: 'street_light',
    });
    expect(chosenCategoryByName(categories, [null, 'roads-potholes'])).toEqual({
      block: 'roads',
      category: 'potholes',
    });
    expect(chosenCategoryByName(categories, ['Благоустройство территории (прочее)', ''])).toBeNull();
  });
});
