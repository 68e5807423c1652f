import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { rootContext } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, makeUser, type TestServices } from '../../test/test-services';
import { answerCase } from '../cases/answer-case';
import { reviewAnswer } from '../cases/review-answer';
import { changeStatus } from '../cases/change-status';
import { createWidgetAdapter } from './widget.adapter';
import { formPage } from './widget.page';

let services: TestServices;
let app: FastifyInstance;
let PNG: Buffer;

beforeAll(async () => {
  PNG = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 60 } } })
    .png()
    .toBuffer();
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: { widget: { maxPhotoBytes: 50_000, rateLimitPerMinute: 1000 } },
  });
  app = await buildApp(services);
});
afterAll(async () => {
  await app.close();
  await services.close();
});

/** Serialises a FormData the way a browser sends it. */
async function multipart(
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; data: Buffer }[] = [],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

/** The form as a citizen sends it: with the consent box ticked unless the test says otherwise. */
async function submit(
  fields: Record<string, string>,
  files: Parameters<typeof multipart>[1] = [],
  target = app,
  remoteAddress?: string,
) {
  const body = await multipart({ consent: 'yes', ...fields }, files);
  return target.inject({
    method: 'POST',
    url: '/widget/messages',
    ...(remoteAddress ? { remoteAddress } : {}),
    payload: body.payload,
    headers: { ...body.headers, accept: 'application/json' },
  });
}
const countMessages = async (): Promise<number> =>
  Number(
    (
      await services.database.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lookup = (fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: '/widget/status',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  });

describe('widget page and embed script', () => {
  it('serves an accessible Russian form with a honeypot, a submission id and the municipalities', async () => {
    const res = await app.inject({ method: 'GET', url: '/widget/?source=adm-uglich' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toMatch(/<label for="text">[^<]+<\/label>\s*<textarea id="text" name="text" required/);
    expect(res.body).toMatch(/name="submission_id" value="[0-9a-f-]{36}"/);
    expect(res.body).toContain('name="website" tabindex="-1"');
    expect(res.body).toContain('value="adm-uglich"');
    expect(res.body).toContain('aria-live="polite"');
    expect(res.body).toMatch(/<option value="uglich">/);
  });

  it('the embed script inserts an iframe to the widget at the configured address, whatever the Host header says', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/widget/embed.js',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.body).toContain(`"http://localhost:${services.config.port}/widget/"`);
    expect(res.body).not.toContain('evil');
    expect(res.body).toContain("createElement('iframe')");
  });
});

describe('submitting the form', () => {
  const form = {
    text: 'В Угличе на улице Ленина огромная яма на дороге',
    address: 'Углич, ул. Ленина, 5',
    contact: '+7 900 000-00-00',
    name: 'Иван',
  };

  it('multipart with a photo: a message and case, the case number and a code; the photo is stored as the message attachment', async () => {
    const res = await submit({ ...form, submission_id: 'a1b2c3d4-0000-4000-8000-000000000001', source: 'adm-uglich' }, [
      { field: 'photo', name: 'яма.png', type: 'image/png', data: PNG },
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.caseNumber).toMatch(/^\d+$/);
    expect(body.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(body.html).toContain(body.code);
    const message = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('channel', '=', 'web')
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({
      author_name: 'Иван',
      author_contact: '+7 900 000-00-00',
      address: 'Углич, ул. Ленина, 5',
      labels: {
        widget: {
          source: 'adm-uglich',
          consent: { at: services.clock.now().toISOString(), policyUrl: '/widget/privacy', policyVersion: '1' },
        },
      },
    });
    const [photo] = message.attachments as { name: string; mimeType: string; size: number; contentBase64?: string }[];
    expect(photo).toMatchObject({ name: 'яма.png', mimeType: 'image/png', size: PNG.length });
    expect(photo?.contentBase64).toBeUndefined();
    const file = await services.database.db
      .selectFrom('attachments')
      .selectAll()
      .where('message_id', '=', message.id)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ name: 'яма.png', mime_type: 'image/png', size: PNG.length, status: 'stored' });
    expect(await services.blobs.get(file.storage_key ?? '')).toEqual(PNG);
    const stored = await services.database.db.selectFrom('widget_submissions').selectAll().executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(body.code.replace('-', ''));
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same form delivered twice is one message; the repeated answer carries a new code that replaces the old', async () => {
    const fields = {
      ...form,
      text: 'Повторная отправка: яма на дороге у дома 7',
      submission_id: 'a1b2c3d4-0000-4000-8000-000000000002',
    };
    const first = (await submit(fields)).json();
    const before = await countMessages();
    const again = await submit(fields);
    expect(again.statusCode).toBe(200);
    expect(again.json().caseNumber).toBe(first.caseNumber);
    expect(await countMessages()).toBe(before);
    expect((await lookup({ case: first.caseNumber, code: first.code })).statusCode).toBe(404);
    expect((await lookup({ case: first.caseNumber, code: again.json().code })).statusCode).toBe(200);
  });

  it('without a submission id the content identifies the form: a repeat gives no new code', async () => {
    const fields = { text: 'Без идентификатора: не вывозят мусор во дворе', contact: 'a@example.ru' };
    const first = await submit(fields);
    expect(first.statusCode).toBe(201);
    const again = await submit(fields);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseNumber: first.json().caseNumber, code: null });
  });

  it('works without JavaScript: a url-encoded post gets an HTML page with the number and code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/widget/messages',
      payload: new URLSearchParams({ text: 'Не работает отопление в школе № 3 в Ростове', consent: 'on' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/Обращение зарегистрировано/);
    expect(res.body).toMatch(/[A-Z2-9]{5}-[A-Z2-9]{5}/);
  });

  it('refuses bad input with a Russian message and creates nothing', async () => {
    const before = await countMessages();
    const honeypot = await submit({ ...form, website: 'http://spam.example' });
    expect(honeypot.statusCode).toBe(400);
    expect(honeypot.json().error.message).toMatch(/Форма заполнена некорректно/);
    const short = await submit({ text: 'яма' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/не меньше 10 символов/);
    expect((await submit({ contact: 'x' })).statusCode).toBe(400);
    expect((await submit({ ...form, text: 'я'.repeat(5001) })).json().error.message).toMatch(/5000/);
    const notImage = await submit(form, [
      { field: 'photo', name: 'x.png', type: 'image/png', data: Buffer.from('<?php echo 1; ?>') },
    ]);
    expect(notImage.statusCode).toBe(415);
    const huge = await submit(form, [
      { field: 'photo', name: 'big.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(60_000)]) },
    ]);
    expect(huge.statusCode).toBe(413);
    const stray = await submit(form, [{ field: 'document', name: 'a.png', type: 'image/png', data: PNG }]);
    expect(stray.statusCode).toBe(400);
    const bad = await submit({ ...form, submission_id: '../../etc' });
    expect(bad.statusCode).toBe(400);
    const html = await app.inject({
      method: 'POST',
      url: '/widget/messages',
      payload: 'text=',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(html.statusCode).toBe(400);
    expect(html.body).toMatch(/Не удалось принять форму/);
    expect(await countMessages()).toBe(before);
    // only the first test's photo is kept: rejected uploads leave no attachments behind
    const files = await services.database.db.selectFrom('attachments').select('id').execute();
    expect(files).toHaveLength(1);
  });

  it('rate-limits form posts per address with 429 and a Russian message', async () => {
    const strict = await buildApp({
      ...services,
      config: { ...services.config, widget: { ...services.config.widget, rateLimitPerMinute: 2 } },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++)
        codes.push(
          (await submit({ text: `Слишком частые отправки: яма на дороге ${i}` }, [], strict, '203.0.113.7')).statusCode,
        );
      expect(codes).toEqual([201, 201, 429]);
      const limited = await submit({ text: 'Ещё одна яма на дороге' }, [], strict, '203.0.113.7');
      expect(limited.json().error).toMatchObject({ code: 'rate_limited' });
      expect(limited.json().error.message).toMatch(/Слишком много отправок/);
    } finally {
      await strict.close();
    }
  });

  it('counts one limit for an address across app nodes sharing the database', async () => {
    const strictConfig = { ...services.config, widget: { ...services.config.widget, rateLimitPerMinute: 2 } };
    const [nodeA, nodeB] = [
      await buildApp({ ...services, config: strictConfig }),
      await buildApp({ ...services, config: strictConfig }),
    ];
    try {
      const codes: number[] = [];
      for (const [i, node] of [nodeA, nodeB, nodeA, nodeB].entries())
        codes.push(
          (await submit({ text: `Отправки через два узла: яма у дома ${i}` }, [], node, '203.0.113.8')).statusCode,
        );
      expect(codes).toEqual([201, 201, 429, 429]);
      // another address has a limit of its own
      expect((await submit({ text: 'Яма во дворе другого дома' }, [], nodeB, '203.0.113.9')).statusCode).toBe(201);
      const row = await services.database.db
        .selectFrom('rate_limit_windows')
        .select(['hits', 'expires_at'])
        .where('key', 'like', '%203.0.113.8')
        .executeTakeFirstOrThrow();
      expect(row.hits).toBe(4);
      expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now());
    } finally {
      await nodeA.close();
      await nodeB.close();
    }
  });
});

describe('consent to processing of personal data', () => {
  it('the form links the configured policy; a submission without consent is refused and nothing is kept', async () => {
    const page = await app.inject({ method: 'GET', url: '/widget/' });
    expect(page.body).toMatch(/<input type="checkbox" name="consent" value="yes" required>/);
    expect(page.body).toContain('href="/widget/privacy"');
    const policy = await app.inject({ method: 'GET', url: '/widget/privacy' });
    expect(policy.statusCode).toBe(200);
    expect(policy.body).toMatch(/Политика обработки персональных данных/);
    const before = await countMessages();
    const refused = await submit({ text: 'Не работает фонарь у дома 3 в Угличе', consent: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/согласие на обработку персональных данных/);
    const html = await app.inject({
      method: 'POST',
      url: '/widget/messages',
      payload: new URLSearchParams({ text: 'Не работает фонарь у дома 5 в Угличе' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(html.statusCode).toBe(400);
    expect(html.body).toMatch(/согласие на обработку/);
    expect(await countMessages()).toBe(before);
  });

  it('the policy link and version come from the configuration, and a bad link is a configuration error', () => {
    const config = loadConfig({
      OTKLIK_PRIVACY_POLICY_URL: 'https://cur.example.ru/pd-policy',
      OTKLIK_PRIVACY_POLICY_VERSION: '2026-11',
    });
    expect(config.personalData).toMatchObject({
      policyUrl: 'https://cur.example.ru/pd-policy',
      policyVersion: '2026-11',
    });
    const page = formPage([], null, 1000, {
      url: config.personalData.policyUrl,
      version: config.personalData.policyVersion,
    });
    expect(page).toContain('href="https://cur.example.ru/pd-policy"');
    expect(page).toContain('редакция 2026-11');
    expect(() => loadConfig({ OTKLIK_PRIVACY_POLICY_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
  });
});

describe('status lookup', () => {
  it('by case number and code, with the answers; a wrong code, number or bad input is refused', async () => {
    const res = (
      await submit({
        text: 'Во дворе на улице Свободы в Ярославле не вывозят мусор неделю',
        submission_id: 'a1b2c3d4-0000-4000-8000-000000000009',
      })
    ).json();
    const ok = await lookup({ case: res.caseNumber, code: res.code.toLowerCase().replace('-', ' ') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caseNumber: res.caseNumber, answers: [] });
    const row = await services.database.db
      .selectFrom('cases')
      .select(['organisation_id'])
      .where('id', '=', res.caseNumber)
      .executeTakeFirstOrThrow();
    const executor = await makeUser(services, 'executor', row.organisation_id);
    await changeStatus(rootContext(services, executor), res.caseNumber, { action: 'take' });
    await answerCase(rootContext(services, executor), res.caseNumber, {
      kind: 'final',
      body: 'Мусор вывезен 23.11.2026, график восстановлен.',
    });
    // before ЦУР accepts it the answer is not shown
    const waiting = (await lookup({ case: res.caseNumber, code: res.code })).json();
    expect(waiting).toMatchObject({ status: 'answered', answers: [] });
    expect(waiting.html).not.toContain('Мусор вывезен');
    await reviewAnswer(rootContext(services, await makeUser(services, 'operator')), res.caseNumber, {
      decision: 'accept',
    });
    const answered = (await lookup({ case: res.caseNumber, code: res.code })).json();
    expect(answered).toMatchObject({
      status: 'accepted',
      statusLabel: 'Дан ответ',
      answers: [{ kind: 'final', body: 'Мусор вывезен 23.11.2026, график восстановлен.' }],
    });
    expect(answered.html).toContain('Мусор вывезен');
    // The status page is public to whoever holds the code: contacts and the author's name in answers are masked.
    await services.database.db
      .updateTable('messages')
      .set({ author_name: 'Фёдор Смирнов' })
      .where('case_id', '=', res.caseNumber)
      .execute();
    await services.database.db
      .insertInto('answers')
      .values({
        case_id: res.caseNumber,
        kind: 'interim',
        body: 'Фёдор Смирнов, уточните подъезд: 8 (905) 765-43-21, fedor@example.ru',
        created_at: services.clock.now(),
        published_at: services.clock.now(),
      })
      .execute();
    const masked = (await lookup({ case: res.caseNumber, code: res.code })).json();
    expect(JSON.stringify(masked)).not.toMatch(/Фёдор|Смирнов|765-43-21|fedor@/);
    expect(masked.answers.map((a: { body: string }) => a.body)).toContain(
      '[имя скрыто] [имя скрыто], уточните подъезд: [телефон скрыт], [e-mail скрыт]',
    );
    // the status page offers the rating of the published answer; the same number and code prove the citizen
    expect(answered.rating).toEqual({ code: res.code, score: null });
    expect(answered.html).toContain('action="rating"');
    const rate = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/widget/rating',
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await rate({ case: res.caseNumber, code: 'AAAAA-BBBBB', score: '1' })).statusCode).toBe(404);
    expect((await rate({ case: res.caseNumber, code: res.code, score: '9' })).statusCode).toBe(400);
    const rated = await rate({ case: res.caseNumber, code: res.code, score: '2', comment: 'Мусор снова копится' });
    expect(rated.statusCode).toBe(200);
    expect(rated.body).toContain('снова передано в работу');
    const after = await services.database.db
      .selectFrom('cases')
      .select(['status', 'rating'])
      .where('id', '=', res.caseNumber)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'reopened', rating: 2 });
    expect((await rate({ case: res.caseNumber, code: res.code, score: '5' })).body).toContain('уже учтена');
    expect((await lookup({ case: res.caseNumber, code: res.code })).json().rating).toEqual({
      code: res.code,
      score: 2,
    });
    const page = await app.inject({
      method: 'POST',
      url: '/widget/status',
      payload: `case=${res.caseNumber}&code=${res.code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.body).toContain('Мусор вывезен');
    const viaMultipart = await multipart({ case: res.caseNumber, code: res.code });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/widget/status',
          payload: viaMultipart.payload,
          headers: viaMultipart.headers,
        })
      ).statusCode,
    ).toBe(200);
    expect((await lookup({ case: res.caseNumber, code: 'AAAAA-BBBBB' })).statusCode).toBe(404);
    expect((await lookup({ case: '1', code: res.code })).statusCode).toBe(404);
    const bad = await lookup({ case: 'abc', code: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Номер обращения/);
  });
});

describe('delivering answers', () => {
  it('records widget messages as published for the lookup; other web messages wait for export', async () => {
    const adapter = createWidgetAdapter(services);
    const answer = { caseId: '1', answerId: '1', kind: 'final' as const, body: 'Ответ' };
    const message = { id: '1', channel: 'web', externalId: 'x', authorExternalId: null, authorContact: null };
    expect(
      await adapter?.send?.(services, { ...answer, message: { ...message, labels: { widget: { source: null } } } }),
    ).toMatch(/опубликовано/);
    expect(await adapter?.send?.(services, { ...answer, message: { ...message, labels: null } })).toMatch(
      /ожидает выгрузки/,
    );
  });
});
