import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendInputSchema, reviewInputSchema, transitionInputSchema } from '../../../shared/api/cases';
import { changeStatus } from './change-status';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { receiveMessage } from '../intake/receive-message';
import { answerCase } from './answer-case';
import { extendDeadline } from './extend-deadline';
import { getCase } from './get-case';
import { rateCase } from './rate-case';
import { reviewAnswer } from './review-answer';

// Two rules a busy Monday tried to break: a rating belongs to an answer the citizen has seen (not one still waiting
// for ЦУР's check), and a deadline already missed is not extended away (the lateness stays on record).
let services: TestServices;
let seq = 0;
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
});
afterAll(async () => services.close());

/** A routed case (the test analyzer files «мусор» under tko.collection and routes it). */
async function routedCase(): Promise<string> {
  const text = `В Угличе на улице Ленина у дома ${++seq} не вывозят мусор`;
  const { result } = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
    channel: 'web',
    externalId: `rules-${seq}`,
    text,
  });
  return result.caseId;
}

describe('case rules on the server', () => {
  it('refuses a rating while the final answer waits for ЦУР, and takes it once the answer is published', async () => {
    const operator = ctxAs(services, await makeUser(services, 'operator'));
    const caseId = await routedCase();
    await answerCase(operator, caseId, { kind: 'final', body: 'Мусор вывезен 25.11.2026, площадка убрана.' });
    expect((await getCase(operator, caseId)).allowedActions).not.toContain('rate');
    await expect(rateCase(operator, caseId, { score: 5 })).rejects.toThrow(/когда ЦУР проверит окончательный ответ/);
    await reviewAnswer(operator, caseId, { decision: 'accept' });
    expect((await getCase(operator, caseId)).allowedActions).toContain('rate');
    await rateCase(operator, caseId, { score: 5 });
    expect((await getCase(operator, caseId)).status).toBe('closed');
  });

  it('extends a running deadline but not one already missed', async () => {
    const operator = ctxAs(services, await makeUser(services, 'operator'));
    const running = await routedCase();
    expect((await getCase(operator, running)).allowedActions).toContain('extend');
    await extendDeadline(operator, running, { days: 10, reason: 'Нужна выездная проверка' });

    const missed = await routedCase();
    const due = (await getCase(operator, missed)).finalAnswerDueAt!;
    services.clock.set(new Date(new Date(due).getTime() + 86_400_000));
    expect((await getCase(operator, missed)).allowedActions).not.toContain('extend');
    await expect(extendDeadline(operator, missed, { days: 10, reason: 'Нужна выездная проверка' })).rejects.toThrow(
      /Срок ответа истёк \d\d\.\d\d\.\d{4}: продлить можно только до его окончания/,
    );
    expect((await getCase(operator, missed)).finalAnswerDueAt).toBe(due);
  });

  it('asks what to fix when an answer is returned for «Иное», and says the extension limit in words', () => {
    const other = reviewInputSchema.safeParse({ decision: 'return', reason: 'other' });
    expect(other.success ? null : other.error.issues[0]?.message).toBe(
      'при причине «Иное» напишите исполнителю, что исправить',
    );
    expect(
      reviewInputSchema.safeParse({ decision: 'return', reason: 'other', comment: 'Нет даты вывоза' }).success,
    ).toBe(true);
    expect(reviewInputSchema.safeParse({ decision: 'return', reason: 'no_date' }).success).toBe(true);
    const long = extendInputSchema.safeParse({ days: 45, reason: 'Нужна проверка' });
    expect(long.success ? null : long.error.issues[0]?.message).toBe('продлить можно на 1–30 дней, целым числом');
  });

  it('lets the executor send a case that is not its competence back to ЦУР, saying why', async () => {
    const caseId = await routedCase();
    const operator = ctxAs(services, await makeUser(services, 'operator'));
    const organisationId = (await getCase(operator, caseId)).organisationId!;
    const executor = ctxAs(services, await makeUser(services, 'executor', organisationId));
    expect((await getCase(executor, caseId)).allowedActions).toContain('decline');
    expect(transitionInputSchema.safeParse({ action: 'decline', comment: 'не наше' }).success).toBe(false);
    const why = 'Контейнерная площадка на балансе регионального оператора, не администрации';
    await changeStatus(executor, caseId, { action: 'decline', comment: why });
    const card = await getCase(operator, caseId);
    expect(card.status).toBe('triage');
    expect(card.history.at(-1)).toMatchObject({ type: 'status', data: { action: 'decline', comment: why } });
    // nothing more to decline in triage; a case already answered is not declined either
    await expect(changeStatus(executor, caseId, { action: 'decline', comment: why })).rejects.toThrow(
      /недоступно в статусе «Разбор/,
    );
  });
});
