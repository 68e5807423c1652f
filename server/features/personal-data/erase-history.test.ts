import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { appendEvents } from '../cases/case-events';
import { sealChain, verifyChain } from '../documents/chain';
import { receiveMessage } from '../intake/receive-message';
import { erasePersonalData } from './erase';

// Erasure reaches the chained case history: events quoting the citizen are rewritten on the one path the triggers
// admit, each with a chained redaction, so the history loses the data and the chain still verifies.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
let services: TestServices;
beforeAll(async () => {
  services = await createTestServices({ analyzer: createTestAnalyzer() });
});
afterAll(async () => {
  await services.close();
});

describe('erasure and the hash chain', () => {
  it('masks the citizen in history events, records chained redactions, and the chain verifies', async () => {
    const ctx = rootContext(services, SYSTEM_ACTOR);
    const r = await receiveMessage(ctx, {
      channel: 'email',
      externalId: 'e-1',
      text: 'Не вывозят мусор',
      author: { name: 'Пётр Сидоров', contact: 'sidorov@example.ru' },
    });
    const caseId = r.result.caseId;
    await appendEvents(ctx, [
      {
        caseId,
        type: 'follow_up',
        data: { channel: 'email', subject: 'Сидоров, тел. +7 905 111-22-33, sidorov@example.ru' },
      },
    ]);
    await sealChain(services.database.db);
    const before = await verifyChain(services.database.db);
    expect(before).toMatchObject({ ok: true, redacted: 0, pending: 0 });

    const erasure = await erasePersonalData(ctx, { caseId, reason: 'Заявление № 7 от 01.12.2026' });
    expect(erasure.fields.history_text).toBe(1);
    const event = await services.database.db
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', caseId)
      .where('type', '=', 'follow_up')
      .executeTakeFirstOrThrow();
    const subject = String(event.data.subject);
    expect(subject).not.toContain('905');
    expect(subject).not.toContain('sidorov@example.ru');
    expect(subject).not.toContain('Сидоров');
    expect(event.data.channel).toBe('email');

    await sealChain(services.database.db);
    expect(await verifyChain(services.database.db)).toMatchObject({
      ok: true,
      verified: before.ok ? before.verified + 1 : -1,
      redacted: 1,
      pending: 0,
    });
  });
});
