// Every event the server writes into a case's history has a Russian label on the case card. The types are declared
// in one place (EVENT_LABELS in case-events.ts): appendEvents, eventRows and the import's rows accept no other type,
// so the compiler refuses an event type without a label; this test checks the labels themselves and a real history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { receiveMessage } from '../intake/receive-message';
import { answerCase } from './answer-case';
import { CASE_EVENT_TYPES, EVENT_LABELS, eventLabel } from './case-events';
import { getCase } from './get-case';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
});
afterAll(async () => services.close());

describe('case history labels', () => {
  it('every event type the server writes has a Russian label, not its code', () => {
    expect(CASE_EVENT_TYPES).toEqual(expect.arrayContaining(['received', 'answer', 'published', 'urgency_effects']));
    for (const type of CASE_EVENT_TYPES) {
      expect(EVENT_LABELS[type], type).toMatch(/^[А-ЯЁ][а-яё]/);
      expect(eventLabel(type)).toBe(EVENT_LABELS[type]);
    }
  });

  it('a published answer is named in Russian in the case card’s history', async () => {
    const received = await receiveMessage(rootContext(services, SYSTEM_ACTOR), {
      channel: 'web',
      externalId: 'labels-1',
      text: 'В Рыбинске на улице Крестовой не вывозят мусор',
    });
    const caseId = received.result.caseId;
    await services.database.db.updateTable('cases').set({ status: 'assigned' }).where('id', '=', caseId).execute();
    const operator = ctxAs(services, await makeUser(services, 'operator'));
    // an interim answer is published at once
    await answerCase(operator, caseId, { kind: 'interim', body: 'Заявка передана подрядчику.' });
    const { history } = await getCase(operator, caseId);
    expect(history.find((e) => e.type === 'published')?.label).toBe('Ответ опубликован (доступен гражданину)');
    for (const e of history) expect(e.label, e.type).not.toBe(e.type);
  });
});
