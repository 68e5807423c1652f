// The 59-ФЗ extension notice reaches citizens of the channels they read by looking: an Open311 request gets a public
// update (the request's status notes, its notes and mySociety's request updates), the widget's status page shows it;
// the notice job records both as published instead of «ожидает выгрузки». Phones in the reason never go public.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { createToken } from '../auth/tokens';
import { runNotificationProducers } from '../notifications/notifications-tick.job';
import { extendDeadline } from './extend-deadline';

let services: TestServices;
let app: FastifyInstance;
let key: string;
const REASON = 'Нужна выездная проверка, уточнить у Анны по +7 905 123-45-67';
const NOTICE =
  /^Срок рассмотрения вашего обращения № \d+ продлён до \d\d\.\d\d\.\d{4} \(ч\. 2 ст\. 12 Федерального закона № 59-ФЗ\)\. Причина: Нужна выездная проверка/;

beforeAll(async () => {
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: { widget: { maxPhotoBytes: 50_000, rateLimitPerMinute: 1000 } },
  });
  app = await buildApp(services);
  key = (await createToken(rootContext(services, SYSTEM_ACTOR), 'open311-клиент')).token;
  // the producers start reading case history from the moment they first run
  await runNotificationProducers(rootContext(services, SYSTEM_ACTOR));
});
afterAll(async () => {
  await app.close();
  await services.close();
});

async function extendAndNotify(caseId: string): Promise<void> {
  await extendDeadline(ctxAs(services, await makeUser(services, 'operator')), caseId, { days: 10, reason: REASON });
  await runNotificationProducers(rootContext(services, SYSTEM_ACTOR));
  while ((await runDueJobs(services)) > 0) {
    /* until the outbox is drained */
  }
}

const notices = async (caseId: string) =>
  (
    await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', caseId)
      .where('type', '=', 'citizen_notice')
      .execute()
  ).map((e) => e.data);

describe('extension notice', () => {
  it('is a public update of an Open311 request', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        service_code: 'roads-potholes',
        lat: '57.6261',
        long: '39.8845',
        description: 'Яма на дороге у дома 12 по улице Свободы',
        email: 'anna@example.ru',
        first_name: 'Анна',
        api_key: key,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const requestId = created.json()[0].service_request_id as string;
    const { case_id: caseId } = await services.database.db
      .selectFrom('messages')
      .select('case_id')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    const before = (
      await app.inject({ method: 'GET', url: `/open311/v2/requests/${requestId}.json?extensions=true` })
    ).json()[0];
    expect(before.notes).toEqual([]);

    await extendAndNotify(String(caseId));
    const request = (
      await app.inject({ method: 'GET', url: `/open311/v2/requests/${requestId}.json?extensions=true` })
    ).json()[0];
    expect(request.status).toBe('open');
    expect(request.status_notes).toMatch(NOTICE);
    expect(request.status_notes).not.toMatch(/123-45-67|Анн/);
    expect(request.notes).toEqual([
      expect.objectContaining({ type: 'status', status: 'open', description: request.status_notes }),
    ]);
    const updates = (await app.inject({ method: 'GET', url: '/open311/v2/servicerequestupdates.json' })).json<
      Record<string, string>[]
    >();
    expect(updates.filter((u) => u.service_request_id === requestId)).toEqual([
      expect.objectContaining({
        status: 'in_progress',
        external_status_code: 'extended',
        description: request.status_notes,
      }),
    ]);
    expect(await notices(String(caseId))).toEqual([
      expect.objectContaining({
        channel: 'open311',
        delivered: true,
        result: expect.stringMatching(/^опубликовано в Open311/),
      }),
    ]);
  });

  it('shows on the widget status page', async () => {
    const submitted = await app.inject({
      method: 'POST',
      url: '/widget/messages',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: new URLSearchParams({
        consent: 'yes',
        text: 'В Угличе на улице Ленина не горят фонари второй месяц',
        name: 'Анна',
        contact: '+7 905 123-45-67',
        submission_id: 'b1b2c3d4-0000-4000-8000-000000000059',
      }).toString(),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { caseNumber, code } = submitted.json();
    const status = () =>
      app.inject({
        method: 'POST',
        url: '/widget/status',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: new URLSearchParams({ case: caseNumber, code }).toString(),
      });
    expect((await status()).json().notices).toEqual([]);

    await extendAndNotify(caseNumber);
    const shown = (await status()).json();
    expect(shown.notices).toEqual([{ at: expect.any(String), text: expect.stringMatching(NOTICE) }]);
    expect(shown.html).toContain('продлён до');
    expect(shown.html).not.toMatch(/123-45-67/);
    expect(await notices(caseNumber)).toEqual([
      expect.objectContaining({
        channel: 'web',
        delivered: true,
        result: 'опубликовано: показано на странице статуса в виджете',
      }),
    ]);
  });
});
