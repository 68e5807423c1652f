import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestServices, type TestServices } from '../../test/test-services';
import { receiveMessage } from '../intake/receive-message';
import { createDefaultAnalyzer } from '../understanding/analyze-message';
import { importFile } from './import-file';

// Import runs intake's duplicate check with the production analyzer: a record without an outcome of its own joins
// an open case about the same problem (stored before, or opened earlier in the same file, in the same batch or an
// earlier one), across channels; records that carry their own outcome keep their own cases.
let services: TestServices;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-import-dup-'));
beforeAll(async () => {
  services = await createTestServices({ analyzer: createDefaultAnalyzer() });
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const ctx = () => rootContext(services, SYSTEM_ACTOR);

function writeJsonl(name: string, records: object[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  return file;
}

const messageOf = (externalId: string) =>
  services.database.db
    .selectFrom('messages')
    .select(['id', 'case_id', 'is_duplicate'])
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
const casesOf = async (prefix: string) =>
  (
    await services.database.db
      .selectFrom('messages')
      .select('case_id')
      .where('external_id', 'like', `${prefix}%`)
      .execute()
  ).map((r) => r.case_id);

const potholeAt = (externalId: string, channel: string, text: string, createdAt: string, lat: number, lon: number) => ({
  externalId,
  channel,
  text,
  createdAt,
  location: { lat, lon },
});

describe('import joins repeated messages to open cases', () => {
  it('joins a record to a case that intake opened, and a record to one opened earlier in the same batch', async () => {
    const first = await receiveMessage(ctx(), {
      channel: 'pos',
      externalId: 'pos-1',
      text: 'На дороге у дома огромная яма, машины объезжают по встречной полосе',
      createdAt: '2026-11-16T10:00:00+03:00',
      location: { address: 'г. Рыбинск, ул. Плеханова, д. 30' },
    });
    const file = writeJsonl('live.jsonl', [
      {
        externalId: 'vk-1',
        channel: 'social_vk',
        text: 'Рыбинск, Плеханова 30 — провал асфальта на проезжей части, пробили колесо',
        createdAt: '2026-11-17T09:00:00+03:00',
      },
      potholeAt('o-1', 'open311', 'Яма на дороге', '2026-11-19T09:00:00+03:00', 57.6262, 39.8846),
      potholeAt(
        'tg-1',
        'social_telegram',
        'Тут провал асфальта, осторожно, машины бьют подвеску',
        '2026-11-19T12:00:00+03:00',
        57.6264,
        39.8849,
      ),
      {
        externalId: 'em-1',
        channel: 'email',
        text: 'Рыбинск, ул. Плеханова, д. 30: во дворе не горят фонари, темно',
        createdAt: '2026-11-17T18:00:00+03:00',
      },
    ]);
    const report = await importFile(ctx(), { file, workers: 0 });
    expect(report.at(-1), report.join('\n')).toBe('imported 4, unchanged 0, failed 0');
    expect(report.join('\n')).toMatch(/Присоединено к открытым обращениям как повторы: 2 сообщ\./);

    expect(await messageOf('vk-1')).toMatchObject({ case_id: first.result.caseId, is_duplicate: true });
    const open311 = await messageOf('o-1');
    expect(open311.is_duplicate).toBe(false);
    expect(await messageOf('tg-1')).toMatchObject({ case_id: open311.case_id, is_duplicate: true });
    // Another problem at the same address opens its own case.
    expect((await messageOf('em-1')).case_id).not.toBe(first.result.caseId);

    const joined = await services.database.db
      .selectFrom('case_events')
      .select(['case_id', 'data', 'actor_label'])
      .where('type', '=', 'duplicate_joined')
      .orderBy('id')
      .execute();
    expect(joined).toEqual([
      {
        case_id: first.result.caseId,
        actor_label: 'Импорт истории',
        data: { messageId: (await messageOf('vk-1')).id, channel: 'social_vk', externalId: 'vk-1' },
      },
      {
        case_id: open311.case_id,
        actor_label: 'Импорт истории',
        data: { messageId: (await messageOf('tg-1')).id, channel: 'social_telegram', externalId: 'tg-1' },
      },
    ]);
    const joinedCases = await services.database.db
      .selectFrom('cases')
      .select('id')
      .where('id', 'in', [...new Set(await casesOf('vk-'))])
      .execute();
    expect(joinedCases).toHaveLength(1);

    // Importing the same file again adds nothing and joins nothing.
    const again = await importFile(ctx(), { file, workers: 0 });
    expect(again.at(-1)).toBe('imported 0, unchanged 4, failed 0');
    expect(again.join('\n')).not.toMatch(/Присоединено/);
  });

  it('joins across batches, keeping the source statuses of the joined record', async () => {
    const file = writeJsonl('batches.jsonl', [
      potholeAt('b-1', 'open311', 'Не горит уличный фонарь у подъезда', '2026-11-20T17:00:00+03:00', 58.0486, 38.8585),
      {
        ...potholeAt(
          'b-2',
          'portal',
          'Не горит уличный фонарь у подъезда, темно',
          '2026-11-20T19:00:00+03:00',
          58.0487,
          38.8586,
        ),
        history: [{ at: '2026-11-20T19:05:00+03:00', type: 'status', status: 'Рассмотрение' }],
      },
    ]);
    const report = await importFile(ctx(), { file, workers: 0, batchSize: 1 });
    expect(report.at(-1)).toBe('imported 2, unchanged 0, failed 0');
    const [a, b] = [await messageOf('b-1'), await messageOf('b-2')];
    expect(b).toMatchObject({ case_id: a.case_id, is_duplicate: true });
    const event = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', a.case_id)
      .where('type', '=', 'duplicate_joined')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ externalId: 'b-2', history: [{ type: 'status', status: 'Рассмотрение' }] });
  });

  it('never merges a record that carries its own outcome; a record without one joins an open imported case', async () => {
    const record = (externalId: string, createdAt: string, history: object[]) => ({
      externalId,
      channel: 'portal',
      createdAt,
      text: 'Углич, ул. Ленина, д. 5: яма на дороге у подъезда, не заделывают',
      location: { address: 'г. Углич, ул. Ленина, д. 5' },
      history,
    });
    const file = writeJsonl('history.jsonl', [
      // Still open in the source: an interim answer only.
      record('h-1', '2026-11-10T09:00:00+03:00', [
        {
          at: '2026-11-11T09:00:00+03:00',
          type: 'answer',
          kind: 'interim',
          by: 'Администрация',
          body: 'Принято в работу',
        },
      ]),
      // The same problem handled to its end in the source: a past case of its own.
      record('h-2', '2026-11-11T09:00:00+03:00', [
        { at: '2026-11-13T09:00:00+03:00', type: 'answer', kind: 'final', by: 'Администрация', body: 'Яма заделана' },
        { at: '2026-11-13T09:00:00+03:00', type: 'status', status: 'Завершено' },
      ]),
      record('h-3', '2026-11-12T09:00:00+03:00', [
        { at: '2026-11-12T10:00:00+03:00', type: 'status', status: 'Отклонено' },
      ]),
      {
        externalId: 'h-4',
        channel: 'email',
        createdAt: '2026-11-14T09:00:00+03:00',
        text: 'Углич, Ленина 5 — снова яма на дороге у подъезда',
        location: { address: 'г. Углич, ул. Ленина, д. 5' },
      },
    ]);
    const report = await importFile(ctx(), { file, workers: 0 });
    expect(report.at(-1)).toBe('imported 4, unchanged 0, failed 0');
    expect(report.join('\n')).toMatch(/повторы: 1 сообщ\./);
    const [h1, h2, h3, h4] = await Promise.all(['h-1', 'h-2', 'h-3', 'h-4'].map(messageOf));
    expect(new Set([h1!.case_id, h2!.case_id, h3!.case_id]).size).toBe(3);
    expect([h1!.is_duplicate, h2!.is_duplicate, h3!.is_duplicate]).toEqual([false, false, false]);
    expect(h4).toMatchObject({ case_id: h1!.case_id, is_duplicate: true });
  });
});
