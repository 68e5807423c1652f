// Erasure of personal data takes the messages' stored files with it: the rows become 'erased', downloads answer 404
// at once, the journal counts the files, and the bytes and thumbnails leave the blob storage — except bytes another
// message still refers to (keys are content-addressed, so the same photo sent twice is stored once).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../jobs/dispatcher';
import { fetchAttachmentJob } from '../attachments/fetch-attachment.job';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { startAttachmentStand } from '../../test/attachment-stand';
import type { TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';

let services: TestServices;
let app: FastifyInstance;
let token: string;
let admin: string;
let photo: Buffer;

beforeAll(async () => {
  ({ services, app, token, photo } = await startAttachmentStand());
  await addUser(rootContext(services, SYSTEM_ACTOR), { login: 'e_admin', password: 'Пароль-2026', role: 'admin' });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'e_admin', password: 'Пароль-2026' },
  });
  expect(res.statusCode, res.body).toBe(200);
  admin = `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function postWithFiles(
  externalId: string,
  text: string,
  files: { name: string; bytes: Buffer }[],
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      channel: 'web',
      externalId,
      text,
      author: { name: 'Сидорова Анна', contact: '+7 915 000-11-22' },
      attachments: files.map((f) => ({ name: f.name, contentBase64: f.bytes.toString('base64') })),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().caseId;
}

const filesOf = (caseId: string) =>
  services.database.db
    .selectFrom('attachments')
    .innerJoin('messages', 'messages.id', 'attachments.message_id')
    .select([
      'attachments.id',
      'attachments.name',
      'attachments.status',
      'attachments.storage_key',
      'attachments.thumbnail_key',
      'attachments.mime_type',
    ])
    .where('messages.case_id', '=', caseId)
    .orderBy('attachments.id')
    .execute();

const erase = async (caseId: string) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/personal-data/erasures',
    headers: { cookie: admin },
    payload: { caseId, reason: 'Заявление гражданина' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: admin } });
async function runAllJobs(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* until the outbox is drained */
  }
}

describe('erasure of a message with files', () => {
  it('erases the files, answers 404 for them, counts them and deletes bytes nobody else refers to', async () => {
    const passport = Buffer.from('%PDF-1.4\n% паспорт Сидоровой\n%%EOF\n');
    const first = await postWithFiles('erase-files-1', 'В Ярославле на ул. Свободы прорвало трубу, фото и заявление', [
      { name: 'труба Сидоровой.jpg', bytes: photo },
      { name: 'паспорт Сидоровой.pdf', bytes: passport },
    ]);
    const second = await postWithFiles('erase-files-2', 'В Рыбинске не вывозят мусор во дворе второй неделю', [
      { name: 'двор.jpg', bytes: photo },
    ]);
    const before = await filesOf(first);
    expect(before.map((f) => f.status)).toEqual(['stored', 'stored']);
    const [image, pdf] = before;
    const keys = { photo: image!.storage_key!, thumbnail: image!.thumbnail_key!, pdf: pdf!.storage_key! };
    expect(keys.thumbnail).toBeTruthy();
    expect((await get(`/api/attachments/${image!.id}`)).statusCode).toBe(200);

    const erasure = await erase(first);
    expect(erasure.fields).toMatchObject({ attachment_file: 2 });
    const after = await filesOf(first);
    expect(after).toEqual([
      { id: image!.id, name: '', status: 'erased', storage_key: null, thumbnail_key: null, mime_type: 'image/jpeg' },
      { id: pdf!.id, name: '', status: 'erased', storage_key: null, thumbnail_key: null, mime_type: 'application/pdf' },
    ]);
    for (const url of [
      `/api/attachments/${image!.id}`,
      `/api/attachments/${image!.id}/thumbnail`,
      `/api/attachments/${pdf!.id}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('PDF');
    }
    expect((await get(`/api/attachments/${pdf!.id}`)).json().error.message).toMatch(/уничтожен/);
    const card = (await get(`/api/cases/${first}`)).json();
    expect(card.messagesList[0].attachments.map((a: { status: string; name: string }) => [a.status, a.name])).toEqual([
      ['erased', ''],
      ['erased', ''],
    ]);
    expect(JSON.stringify(card)).not.toContain('Сидоров');

    await runAllJobs();
    expect(await services.blobs.get(keys.pdf)).toBeNull();
    // The same photo is still a file of the other case: its bytes and thumbnail stay and download.
    expect(await services.blobs.get(keys.photo)).not.toBeNull();
    const [kept] = await filesOf(second);
    expect(kept).toMatchObject({ status: 'stored', storage_key: keys.photo, thumbnail_key: keys.thumbnail });
    expect((await get(`/api/attachments/${kept!.id}`)).rawPayload.equals(photo)).toBe(true);

    expect((await erase(second)).fields).toMatchObject({ attachment_file: 1 });
    await runAllJobs();
    expect(await services.blobs.get(keys.photo)).toBeNull();
    expect(await services.blobs.get(keys.thumbnail)).toBeNull();
    // Erasing again finds no file left to erase.
    expect((await erase(second)).fields.attachment_file).toBeUndefined();
  });

  it('erases a file still waiting to be fetched from its channel: the fetch stores nothing afterwards', async () => {
    const caseId = await postWithFiles('erase-files-3', 'В Тутаеве на улице Панина нет освещения во дворе', []);
    const { id: messageId } = await services.database.db
      .selectFrom('messages')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const pending = await services.database.db
      .insertInto('attachments')
      .values({
        message_id: messageId,
        name: 'фото Сидоровой.jpg',
        mime_type: 'image/jpeg',
        status: 'pending',
        source: JSON.stringify({ kind: 'url', url: 'http://127.0.0.1:9/photo.jpg' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await erase(caseId)).fields).toMatchObject({ attachment_file: 1 });
    await fetchAttachmentJob.handler(rootContext(services, SYSTEM_ACTOR), { attachmentId: String(pending.id) });
    const row = await services.database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', pending.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'erased', name: '', source: null, storage_key: null, error: null });
  });
});
