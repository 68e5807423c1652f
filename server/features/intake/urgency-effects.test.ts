import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { startTestApp, type TestApp } from '../../test/test-app';
import type { MessageAnalyzer } from '../understanding/message-analyzer';
import { assessUrgency } from '../urgency';
import { parseUrgencyEffects } from '../urgency/effects';

// The keyword test analyzer with the real urgency flags, so a case's priority and terms follow its words.
const analyzer = (): MessageAnalyzer => {
  const base = createTestAnalyzer();
  return {
    ...base,
    analyze(text, at) {
      const u = assessUrgency(text, { at });
      return {
        ...base.analyze(text, at),
        priority: u.priority,
        flags: u.flags.map((f) => ({ ...f, triggers: [...f.triggers] })),
      };
    },
  };
};

const FRIDAY_10 = '2026-11-20T10:00:00+03:00';
const protest = 'Если до пятницы не отремонтируют дорогу, перекроем трассу всей деревней';
const calm = 'Яма на дороге у дома 15 по улице Ленина';

const runs: TestApp[] = [];
const start = async (effects?: string): Promise<TestApp> => {
  const t = await startTestApp({
    analyzer: analyzer(),
    ...(effects ? { config: { urgencyEffects: parseUrgencyEffects(effects).effects } } : {}),
  });
  runs.push(t);
  return t;
};
afterAll(async () => {
  await Promise.all(runs.map((t) => t.close()));
});

const send = async (t: TestApp, externalId: string, text: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: { authorization: `Bearer ${t.token}` },
    payload: { channel: 'web', externalId, text, createdAt: FRIDAY_10 },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json<{ caseId: string; firstResponseDueAt: string; finalAnswerDueAt: string }>();
  const row = await t.services.database.db
    .selectFrom('cases')
    .select(['priority', 'urgency', 'first_response_due_at', 'final_answer_due_at'])
    .where('id', '=', body.caseId)
    .executeTakeFirstOrThrow();
  const events = await t.services.database.db
    .selectFrom('case_events')
    .select(['type', 'data'])
    .where('case_id', '=', body.caseId)
    .execute();
  return { body, row, events };
};

describe('effects of urgency flags on a new case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await start();
  });

  it('by default a protest threat is of high priority and gets four working hours for the first response', async () => {
    const { body, row, events } = await send(t, 'protest-1', protest);
    expect(row.priority).toBe('high');
    // web: one working day for the first response; the protest flag shortens it to 14:00 the same Friday
    expect(body.firstResponseDueAt).toBe('2026-11-20T11:00:00.000Z');
    expect(row.urgency).toMatchObject({
      flags: [{ code: 'protest', triggers: ['перекроем'] }],
      effects: [{ flag: 'protest', firstResponse: '2026-11-20T11:00:00.000Z' }],
    });
    expect(events.find((e) => e.type === 'urgency_effects')?.data).toMatchObject({
      effects: [{ flag: 'protest', firstResponse: '2026-11-20T11:00:00.000Z' }],
    });
  });

  it('leaves a message without flags on its policy terms', async () => {
    const { body, row, events } = await send(t, 'calm-1', calm);
    expect(row.priority).toBe('normal');
    expect(body.firstResponseDueAt).toBe('2026-11-23T15:00:00.000Z');
    expect(events.some((e) => e.type === 'urgency_effects')).toBe(false);
  });

  it('follows the configuration: insults made critical with a one-day final answer; protest without effects', async () => {
    const custom = await start('insult=critical/2h/1d');
    const insult = await send(custom, 'insult-1', 'Уроды из управляющей компании опять не убрали яму на дороге');
    expect(insult.row.priority).toBe('critical');
    expect(insult.body.firstResponseDueAt).toBe('2026-11-20T09:00:00.000Z');
    expect(insult.body.finalAnswerDueAt).toBe('2026-11-23T15:00:00.000Z');
    const quiet = await send(custom, 'protest-2', protest);
    expect(quiet.row.priority).toBe('high');
    expect(quiet.body.firstResponseDueAt).toBe('2026-11-23T15:00:00.000Z');
  });
});

describe('OTKLIK_URGENCY_EFFECTS', () => {
  it('reads flags, priorities and terms and names every mistake', () => {
    expect(parseUrgencyEffects('protest=high/4h, life_threat=critical/2h/3cd').effects).toEqual([
      { flag: 'protest', priority: 'high', firstResponse: { amount: 4, unit: 'working_hours' }, finalAnswer: null },
      {
        flag: 'life_threat',
        priority: 'critical',
        firstResponse: { amount: 2, unit: 'working_hours' },
        finalAnswer: { amount: 3, unit: 'calendar_days' },
      },
    ]);
    const { problems } = parseUrgencyEffects(
      'protest=urgent, =high, insult=high/4w, insult=normal/1h/2d/3d, threat=high, threat=normal',
    );
    expect(problems).toEqual([
      '«protest=urgent»: приоритет должен быть normal, high или critical',
      '«=high»: нет кода признака перед «=»',
      expect.stringMatching(/^«insult=high\/4w»: срок «4w»/),
      '«insult=normal/1h/2d/3d»: не больше двух сроков',
      '«threat» указан дважды',
    ]);
  });
});
