// A file sent only by its address (`url` without `fetch: true`) is not fetched nor kept, but it is not lost either:
// the case card lists it as an external link in its place among the message's files, the OpenAPI document explains
// `url` and `fetch`, and once the author's personal data is erased the link is listed as erased, without its address.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { startAttachmentStand } from '../../test/attachment-stand';
import type { TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';

let services: TestServices;
let app: FastifyInstance;
let token: string;
let photo: Buffer;
let operator: string;

async function cookieOf(login: string, role: string): Promise<string> {
  await addUser(rootContext(services, SYSTEM_ACTOR), { login, password: 'Пароль-2026', role });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: 'Пароль-2026' } });
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}
beforeAll(async () => {
  ({ services, app, token, photo } = await startAttachmentStand());
  operator = await cookieOf('l_operator', 'operator');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const postMessage = (body: object) =>
  app.inject({ method: 'POST', url: '/api/messages', payload: body, headers: { authorization: `Bearer ${token}` } });
const card = async (caseId: string) =>
  (await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: operator } })).json();

describe('an attachment given only by its address', () => {
  it('is listed on the case as an external link, in its place among the stored files', async () => {
    const res = await postMessage({
      channel: 'web',
      externalId: 'link-1',
      text: 'В Угличе огромная яма на дороге, фото по ссылке',
      attachments: [
        { name: 'c.jpg', url: 'https://example.com/c.jpg' },
        { name: 'яма.jpg', mimeType: 'image/jpeg', contentBase64: photo.toString('base64') },
        { url: 'https://example.com/photos/d%20e.png' },
        { name: 'вредная', url: 'javascript:alert(1)' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { caseId } = res.json();
    const files = (await card(caseId)).messagesList[0].attachments;
    expect(files.map((f: { status: string; name: string }) => [f.status, f.name])).toEqual([
      ['external', 'c.jpg'],
      ['stored', 'яма.jpg'],
      ['external', 'd e.png'],
    ]);
    expect(files[0]).toMatchObject({ url: 'https://example.com/c.jpg', thumbnailUrl: null, sha256: null });
    expect(files[2].url).toBe('https://example.com/photos/d%20e.png');
    // nothing is fetched for them: no row, no job
    const rows = await services.database.db
      .selectFrom('attachments')
      .innerJoin('messages', 'messages.id', 'attachments.message_id')
      .select('attachments.status')
      .where('messages.case_id', '=', caseId)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['stored']);
  });

  it('is listed as erased, without its address, once the author’s personal data is erased', async () => {
    const res = await postMessage({
      channel: 'web',
      externalId: 'link-2',
      text: 'В Рыбинске не горит фонарь, фото по ссылке',
      author: { name: 'Петров Пётр', contact: '+79051234567' },
      attachments: [{ name: 'Петров у фонаря.jpg', url: 'https://example.com/petrov.jpg' }],
    });
    const { caseId } = res.json();
    const erased = await app.inject({
      method: 'POST',
      url: '/api/personal-data/erasures',
      headers: { cookie: await cookieOf('l_admin', 'admin') },
      payload: { caseId, reason: 'заявление № 1' },
    });
    expect(erased.statusCode, erased.body).toBe(201);
    const [file] = (await card(caseId)).messagesList[0].attachments;
    expect(file).toMatchObject({ status: 'erased', name: '', url: '' });
  });

  it('and the OpenAPI document explain `url` and `fetch` in Russian', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const intake = doc.paths['/api/messages'].post;
    const fields = intake.requestBody.content['application/json'].schema.properties.attachments.items.properties;
    expect(fields.url.description).toMatch(/^Адрес файла \(http или https\)\. Без `fetch: true` платформа/);
    expect(fields.fetch).toMatchObject({
      type: 'boolean',
      description: expect.stringMatching(/^`true` — платформа сама скачивает/),
    });
    expect(intake.description).toMatch(/`url` без `fetch` — файл не скачивается и не хранится/);
    const detail = doc.paths['/api/cases/{id}'].get.responses['200'].content['application/json'].schema;
    const status = detail.properties.messagesList.items.properties.attachments.items.properties.status;
    expect(status.enum).toContain('external');
    expect(status.description).toMatch(/external — внешняя ссылка/);
  });
});
