// Files sent with a message: stored behind the blob storage, listed on the case card, downloaded byte for byte by
// those who see the case (404 for an executor of another organisation, 401 without a session), never rendered
// inline unless they are images; limits answer 413.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { startAttachmentStand } from '../../test/attachment-stand';
import type { TestServices } from '../../test/test-services';
import { addUser } from '../auth/users';

let services: TestServices;
let app: FastifyInstance;
let token: string;
let photo: Buffer;

beforeAll(async () => {
  ({ services, app, token, photo } = await startAttachmentStand());
  await addUser(rootContext(services, SYSTEM_ACTOR), {
    login: 'a_operator',
    password: 'Пароль-2026',
    role: 'operator',
  });
});
afterAll(async () => {
  await app.close();
  await services.close();
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const postMessage = (body: object) =>
  app.inject({ method: 'POST', url: '/api/messages', payload: body, headers: { authorization: `Bearer ${token}` } });

async function cookieOf(login: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: 'Пароль-2026' } });
  expect(res.statusCode, res.body).toBe(200);
  return `otklik_session=${res.cookies.find((c) => c.name === 'otklik_session')?.value}`;
}

async function executorOf(organisationName: string | null, other: boolean): Promise<string> {
  const orgs = await services.database.db.selectFrom('organisations').select(['id', 'name']).execute();
  const org = orgs.find((o) => (other ? o.name !== organisationName : o.name === organisationName));
  const login = `a_exec_${other ? 'other' : 'own'}_${Math.random().toString(36).slice(2, 8)}`;
  await addUser(rootContext(services, SYSTEM_ACTOR), {
    login,
    password: 'Пароль-2026',
    role: 'executor',
    organisation: org?.name ?? '',
  });
  return cookieOf(login);
}

describe('a message with a photo', () => {
  it('is listed on the case card and downloads unchanged for those who see the case only', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await postMessage({
      channel: 'web',
      externalId: 'att-1',
      text: 'В Угличе огромная яма на дороге, фото прилагаю',
      attachments: [
        { name: 'яма.jpg', mimeType: 'image/jpeg', contentBase64: photo.toString('base64') },
        { name: 'page.png', mimeType: 'image/png', contentBase64: html.toString('base64') },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { caseId, organisation } = res.json();
    const operator = await cookieOf('a_operator');
    const card = (
      await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: operator } })
    ).json();
    const [image, page] = card.messagesList[0].attachments;
    expect(image).toMatchObject({
      name: 'яма.jpg',
      mimeType: 'image/jpeg',
      size: photo.length,
      sha256: sha(photo),
      status: 'stored',
    });
    expect(image.url).toBe(`/api/attachments/${image.id}`);
    // The declared type is not trusted: markup sent as «image/png» is plain text that only downloads.
    expect(page).toMatchObject({ name: 'page.png', mimeType: 'application/octet-stream', thumbnailUrl: null });

    const download = await app.inject({ method: 'GET', url: image.url, headers: { cookie: operator } });
    expect(download.statusCode).toBe(200);
    expect(sha(download.rawPayload)).toBe(sha(photo));
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const thumb = await app.inject({ method: 'GET', url: image.thumbnailUrl, headers: { cookie: operator } });
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);

    const markup = await app.inject({ method: 'GET', url: page.url, headers: { cookie: operator } });
    expect(markup.rawPayload.equals(html)).toBe(true);
    expect(markup.headers['content-type']).toBe('application/octet-stream');
    expect(markup.headers['content-disposition']).toMatch(/^attachment; filename="page.png"/);

    const own = await executorOf(organisation, false);
    expect((await app.inject({ method: 'GET', url: image.url, headers: { cookie: own } })).statusCode).toBe(200);
    const stranger = await executorOf(organisation, true);
    expect((await app.inject({ method: 'GET', url: image.url, headers: { cookie: stranger } })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: image.thumbnailUrl, headers: { cookie: stranger } })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: image.url })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/attachments/999999', headers: { cookie: operator } })).statusCode,
    ).toBe(404);
  });

  it('an answer carries photos and documents of the work done, listed on the card and downloadable', async () => {
    const res = await postMessage({
      channel: 'web',
      externalId: 'att-answer',
      text: 'В Угличе огромная яма на дороге у школы',
    });
    const { caseId } = res.json();
    const operator = await cookieOf('a_operator');
    await services.database.db.updateTable('cases').set({ status: 'assigned' }).where('id', '=', caseId).execute();
    const act = Buffer.from('%PDF-1.4\n% акт\n%%EOF\n');
    const answered = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/answers`,
      headers: { cookie: operator },
      payload: {
        kind: 'final',
        body: 'Яма заделана, фото и акт приложены.',
        attachments: [
          { name: 'после.jpg', contentBase64: photo.toString('base64') },
          { name: 'акт.pdf', contentBase64: act.toString('base64') },
        ],
      },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const files = answered.json().answers[0].attachments;
    expect(files.map((f: { name: string; mimeType: string }) => [f.name, f.mimeType])).toEqual([
      ['после.jpg', 'image/jpeg'],
      ['акт.pdf', 'application/pdf'],
    ]);
    const pdf = await app.inject({ method: 'GET', url: files[1].url, headers: { cookie: operator } });
    expect(pdf.rawPayload.equals(act)).toBe(true);
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%D0%B0%D0%BA%D1%82\.pdf$/);
    const tooBig = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/answers`,
      headers: { cookie: operator },
      payload: {
        kind: 'interim',
        body: 'Ещё одно фото объекта после работ.',
        attachments: [{ name: 'big.bin', contentBase64: Buffer.alloc(210_000, 3).toString('base64') }],
      },
    });
    expect(tooBig.statusCode).toBe(413);
  });

  it('answers 413 above the per-file and per-request limits and 415 for a program, keeping nothing', async () => {
    const big = Buffer.alloc(210_000, 7).toString('base64');
    const one = await postMessage({
      channel: 'web',
      externalId: 'att-big',
      text: 'Яма на дороге в Угличе',
      attachments: [{ name: 'big.bin', contentBase64: big }],
    });
    expect(one.statusCode).toBe(413);
    expect(one.json().error.code).toBe('payload_too_large');
    const part = Buffer.alloc(160_000, 7).toString('base64');
    const two = await postMessage({
      channel: 'web',
      externalId: 'att-sum',
      text: 'Яма на дороге в Угличе',
      attachments: [
        { name: 'a.bin', contentBase64: part },
        { name: 'b.bin', contentBase64: part },
      ],
    });
    expect(two.statusCode).toBe(413);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    exe.writeUInt32LE(64, 0x3c);
    Buffer.from('PE\0\0').copy(exe, 64);
    const program = await postMessage({
      channel: 'web',
      externalId: 'att-exe',
      text: 'Яма на дороге в Угличе',
      attachments: [{ name: 'photo.jpg', contentBase64: exe.toString('base64') }],
    });
    expect(program.statusCode).toBe(415);
    const bad = await postMessage({
      channel: 'web',
      externalId: 'att-b64',
      text: 'Яма на дороге в Угличе',
      attachments: [{ name: 'x', contentBase64: 'не base64' }],
    });
    expect(bad.statusCode).toBe(400);
    const kept = await services.database.db
      .selectFrom('messages')
      .select('id')
      .where('external_id', 'in', ['att-big', 'att-sum', 'att-exe', 'att-b64'])
      .execute();
    expect(kept).toEqual([]);
  });

  it('keeps the message of a channel when one of its files is refused, saying why', async () => {
    const { receiveMessage } = await import('../intake/receive-message');
    const out = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
      channel: 'email',
      externalId: 'att-lenient',
      text: 'Яма на дороге в Угличе, письмо с вложениями',
      attachments: [
        { name: 'big.bin', contentBase64: Buffer.alloc(210_000, 1).toString('base64') },
        { name: 'ok.jpg', contentBase64: photo.toString('base64') },
      ],
    });
    const message = await services.database.db
      .selectFrom('messages')
      .select(['id', 'attachments'])
      .where('id', '=', out.result.messageId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(message.attachments)).not.toContain('contentBase64');
    expect((message.attachments as { refused?: string }[])[0]?.refused).toMatch(/больше/);
    const rows = await services.database.db
      .selectFrom('attachments')
      .select(['name', 'sha256'])
      .where('message_id', '=', message.id)
      .execute();
    expect(rows).toEqual([{ name: 'ok.jpg', sha256: sha(photo) }]);
  });
});
