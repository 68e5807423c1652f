import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { rootContext } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { answerCase } from '../cases/answer-case';
import { reviewAnswer } from '../cases/review-answer';
import { createEmailAdapter } from './email.adapter';
import { startSmtpSink, type SmtpSink } from './mail-servers.test-support';
import { parseLetter } from './parse-letter';
import { EMAIL_ACTOR } from './poll-mailbox';
import { replySubject } from './send-answer-letter';
import { storeLetter } from './store-letter';

// Answers over SMTP against a real SMTP server on loopback (the smtp-server package), letters taken in from the
// committed fixtures through the same storing step the IMAP poller uses.

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

let services: TestServices;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  // The outbox compares run_after (written with the database's clock) with the services' clock: an hour ahead of
  // the real time, every job enqueued during the test is due.
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    now: new Date(Date.now() + 3_600_000).toISOString(),
    config: { email: { imap: null, smtp: sink.settings }, publicUrl: 'https://otklik.example/' },
  });
  const adapter = createEmailAdapter(services);
  if (!adapter) throw new Error('e-mail adapter not configured');
  services.channels = [adapter];
});

afterAll(async () => {
  await services.close();
  await sink.stop();
});

async function takeIn(raw: Buffer): Promise<Awaited<ReturnType<typeof storeLetter>>> {
  return storeLetter(rootContext(services, EMAIL_ACTOR), await parseLetter(raw), services.clock.now());
}

async function answer(
  caseId: string,
  body: string,
  kind: 'interim' | 'final' = 'final',
  attachments?: { name: string; contentBase64: string }[],
): Promise<string> {
  await services.database.db
    .updateTable('cases')
    .set({ status: 'assigned' })
    .where('id', '=', caseId)
    .where('status', '=', 'triage')
    .execute();
  const operator = await makeUser(services, 'operator');
  await answerCase(ctxAs(services, operator), caseId, { kind, body, ...(attachments ? { attachments } : {}) });
  if (kind === 'final') await reviewAnswer(ctxAs(services, operator), caseId, { decision: 'accept' });
  const row = await services.database.db
    .selectFrom('answers')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function outboxRows(caseId: string): Promise<{ status: string; last_error: string | null }[]> {
  const rows = await services.database.db
    .selectFrom('outbox')
    .select(['status', 'last_error', 'payload'])
    .where('kind', '=', 'channel.deliver_answer')
    .execute();
  return rows.filter((r) => r.payload.caseId === caseId).map(({ status, last_error }) => ({ status, last_error }));
}

describe('answers to e-mail go back over SMTP as replies', () => {
  it('threading headers, Cyrillic subject and body, our Message-ID recorded; a retry sends nothing', async () => {
    const taken = await takeIn(fixture('utf8-plain.eml'));
    expect(taken.kind).toBe('new');
    const answerId = await answer(taken.caseId, 'Контейнерная площадка у дома 14 очищена, график вывоза восстановлен.');
    await runDueJobs(services);
    expect(sink.letters).toHaveLength(1);
    const sent = sink.letters[0]!;
    expect(sent.to).toEqual(['ivan.petrov@example.ru']);
    const head = sent.raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    const mail = await simpleParser(sent.raw);
    expect(mail.subject).toBe(`Re: Не вывозят мусор во дворе [Обращение № ${taken.caseId}]`);
    expect(mail.inReplyTo).toBe('<utf8-plain-1@mail.example.ru>');
    expect(mail.references).toBe('<utf8-plain-1@mail.example.ru>');
    expect(mail.messageId).toBe(`<otklik.${taken.caseId}.${answerId}.${taken.messageId}@otklik.test>`);
    expect(mail.from?.value[0]).toEqual({ name: 'ЦУР Ярославской области', address: 'cur@otklik.test' });
    expect(mail.text).toContain('Контейнерная площадка у дома 14 очищена, график вывоза восстановлен.');
    expect(mail.text).toContain(`Обращение № ${taken.caseId}`);

    const outgoing = await services.database.db
      .selectFrom('email_outgoing')
      .selectAll()
      .where('case_id', '=', taken.caseId)
      .executeTakeFirstOrThrow();
    expect(outgoing).toMatchObject({
      status: 'sent',
      attempts: 1,
      case_id: taken.caseId,
      recipient: 'ivan.petrov@example.ru',
    });
    const delivery = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', taken.caseId)
      .where('type', '=', 'delivery')
      .executeTakeFirstOrThrow();
    expect(delivery.data).toMatchObject({
      answerId,
      messageId: taken.messageId,
      delivered: true,
      result: mail.messageId,
    });

    // The outbox runs the job again (a later message of the case failed, say): the adapter does not send twice.
    const message = await services.database.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', taken.messageId)
      .executeTakeFirstOrThrow();
    const again = await services.channels[0]!.send!(services, {
      caseId: taken.caseId,
      answerId,
      kind: 'final',
      body: 'то же',
      message: {
        id: message.id,
        channel: 'email',
        externalId: message.external_id,
        authorExternalId: message.author_external_id,
        authorContact: message.author_contact,
        labels: message.labels,
      },
    });
    expect(again).toBe(mail.messageId);
    expect(sink.letters).toHaveLength(1);
    expect(await outboxRows(taken.caseId)).toEqual([{ status: 'done', last_error: null }]);
  });

  it('an answer with an act carries it as an attachment of the letter, byte for byte', async () => {
    const taken = await takeIn(fixture('html-only.eml'));
    const act = Buffer.from('%PDF-1.4\n% акт выполненных работ\n%%EOF\n');
    const before = sink.letters.length;
    await answer(taken.caseId, 'Дерево убрано 25.11.2026, акт выполненных работ приложен.', 'final', [
      { name: 'Акт.pdf', contentBase64: act.toString('base64') },
    ]);
    await runDueJobs(services);
    const mail = await simpleParser(sink.letters[before]!.raw);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Акт.pdf', 'application/pdf']]);
    expect(mail.attachments[0]!.content.equals(act)).toBe(true);
  });

  it('a reply to our answer joins the case; the next answer goes once to the citizen, in the same thread', async () => {
    sink.letters.length = 0;
    const taken = await takeIn(fixture('koi8r-base64.eml'));
    await answer(taken.caseId, 'Заявка передана в управляющую компанию, срок устранения — двое суток.', 'interim');
    await runDueJobs(services);
    const first = await simpleParser(sink.letters[0]!.raw);
    expect(first.text).toContain(`Промежуточный ответ по обращению № ${taken.caseId}`);

    const reply = Buffer.from(
      [
        'From: =?utf-8?B?0JDQu9C10LrRgdC10Lkg0JrRg9C30L3QtdGG0L7Qsg==?= <a.kuznetsov@example.net>',
        'To: cur@otklik.test',
        `Subject: Re: ${first.subject ?? ''}`,
        'Message-ID: <reply-to-answer@mail.example.net>',
        `In-Reply-To: ${first.messageId ?? ''}`,
        `References: <koi8r-b64-3@mail.example.net> ${first.messageId ?? ''}`,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Воды до сих пор нет.',
        '',
        '> Заявка передана в управляющую компанию',
        '',
      ].join('\r\n'),
    );
    const followUp = await takeIn(reply);
    expect(followUp).toMatchObject({ kind: 'follow_up', caseId: taken.caseId });
    const stored = await services.database.db
      .selectFrom('messages')
      .select(['text', 'author_contact'])
      .where('id', '=', followUp.messageId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ text: 'Воды до сих пор нет.', author_contact: 'a.kuznetsov@example.net' });
    const events = await services.database.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', taken.caseId)
      .execute();
    expect(events.filter((e) => e.type === 'follow_up')).toHaveLength(1);
    expect(await takeIn(reply)).toMatchObject({ kind: 'known', messageId: followUp.messageId });

    await answer(taken.caseId, 'Горячее водоснабжение восстановлено, управляющая компания предупреждена.');
    await runDueJobs(services);
    expect(sink.letters).toHaveLength(2);
    const second = await simpleParser(sink.letters[1]!.raw);
    expect(second.subject).toBe(`Re: Нет горячей воды [Обращение № ${taken.caseId}]`);
    expect(second.inReplyTo).toBe('<koi8r-b64-3@mail.example.net>');
  });

  it('SMTP server down: intake goes on, the delivery is retried with backoff and sent once when the server is back', async () => {
    const taken = await takeIn(fixture('windows-1251-qp.eml'));
    const port = sink.settings.port;
    await sink.stop();
    await answer(taken.caseId, 'Светофор на перекрёстке Садовой и Вокзальной отремонтирован.');
    await runDueJobs(services);
    const [pending] = await outboxRows(taken.caseId);
    expect(pending?.status).toBe('pending');
    expect(pending?.last_error).toMatch(/Ответ не доставлен: email: .*ECONNREFUSED/);

    const meanwhile = await takeIn(fixture('koi8r-8bit.eml'));
    expect(meanwhile.kind).toBe('new');

    sink = await startSmtpSink(port);
    expect(await runDueJobs(services)).toBe(0);
    services.clock.advance(60_000);
    expect(await runDueJobs(services)).toBe(1);
    expect(sink.letters).toHaveLength(1);
    expect((await simpleParser(sink.letters[0]!.raw)).subject).toBe(
      `Re: Светофор не работает [Обращение № ${taken.caseId}]`,
    );
    expect(await outboxRows(taken.caseId)).toEqual([{ status: 'done', last_error: null }]);
    const outgoing = await services.database.db
      .selectFrom('email_outgoing')
      .select(['status', 'attempts'])
      .where('case_id', '=', taken.caseId)
      .executeTakeFirstOrThrow();
    expect(outgoing).toEqual({ status: 'sent', attempts: 2 });
  });
});

describe('rating by a signed link in the answer letter; a reply to the answer is «гражданин ответил»', () => {
  it('links open a confirm page (GET rates nothing), POST rates once, a forged or expired link is refused', async () => {
    sink.letters.length = 0;
    const taken = await takeIn(fixture('with-attachment.eml'));
    await answer(taken.caseId, 'Батареи прогреты, давление в системе восстановлено.');
    await runDueJobs(services);
    const letter = await simpleParser(sink.letters.at(-1)!.raw);
    const links = [...(letter.text ?? '').matchAll(/https:\/\/otklik\.example\/rate\/(\S+)\?score=(\d)/g)];
    expect(links.map((m) => m[2])).toEqual(['1', '2', '3', '4', '5']);
    const token = links[0]![1]!;
    const app = await buildApp(services);
    try {
      const confirm = await app.inject({ method: 'GET', url: `/rate/${token}?score=2` });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('Вы выбрали оценку <strong>2</strong>');
      const caseRow = () =>
        services.database.db
          .selectFrom('cases')
          .select(['status', 'rating', 'citizen_replied_at'])
          .where('id', '=', taken.caseId)
          .executeTakeFirstOrThrow();
      expect(await caseRow()).toMatchObject({ status: 'accepted', rating: null });
      const post = (t: string, score: string) =>
        app.inject({
          method: 'POST',
          url: `/rate/${t}`,
          payload: `score=${score}&comment=${encodeURIComponent('Всё ещё холодно')}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      expect((await post(forged, '5')).statusCode).toBe(404);
      expect((await post(token, '0')).statusCode).toBe(400);
      const rated = await post(token, '2');
      expect(rated.statusCode).toBe(200);
      expect(rated.body).toContain('снова передано в работу');
      expect(await caseRow()).toMatchObject({ status: 'reopened', rating: 2 });
      expect((await post(token, '5')).body).toContain('уже учтена');
      expect(await caseRow()).toMatchObject({ status: 'reopened', rating: 2 });

      // the next accepted answer; the citizen replies to it: the case is flagged for the operator
      await services.database.db
        .updateTable('cases')
        .set({ status: 'in_progress' })
        .where('id', '=', taken.caseId)
        .execute();
      await answer(taken.caseId, 'Заменён стояк, температура в квартире 23 °C.');
      await runDueJobs(services);
      const second = await simpleParser(sink.letters.at(-1)!.raw);
      const reply = Buffer.from(
        [
          'From: citizen@example.ru',
          'To: cur@otklik.test',
          `Subject: Re: ${second.subject ?? ''}`,
          'Message-ID: <cold-again@example.ru>',
          `In-Reply-To: ${second.messageId ?? ''}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Батареи всё ещё холодные.',
          '',
        ].join('\r\n'),
      );
      expect(await takeIn(reply)).toMatchObject({ kind: 'follow_up', caseId: taken.caseId });
      expect((await caseRow()).citizen_replied_at).not.toBeNull();

      services.clock.advance(31 * 86_400_000);
      expect((await app.inject({ method: 'GET', url: `/rate/${token}` })).statusCode).toBe(410);
    } finally {
      await app.close();
    }
  });
});

describe('replySubject', () => {
  it('one Re:, one case tag', () => {
    expect(replySubject('Яма', '10000001')).toBe('Re: Яма [Обращение № 10000001]');
    expect(replySubject('RE: Fwd: Ответ: Re: Яма [Обращение № 10000001]', '10000001')).toBe(
      'Re: Яма [Обращение № 10000001]',
    );
    expect(replySubject('', '10000002')).toBe('Ответ на обращение № 10000002');
  });
});
