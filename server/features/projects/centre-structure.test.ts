import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../lib/context';
import { createTestServices, ctxAs, makeUser, type TestServices } from '../../test/test-services';
import { addAssignment, endAssignment, structureOn } from './centre-structure';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let services: TestServices;
let head: Extract<Actor, { kind: 'user' }>;
let operator: Extract<Actor, { kind: 'user' }>;
beforeAll(async () => {
  services = await createTestServices({ now: '2026-11-23T12:00:00+03:00' });
  head = await makeUser(services, 'head');
  operator = await makeUser(services, 'operator');
});
afterAll(() => services.close());

const owner = (person: string, fromDate: string, toDate: string | null = null) => ({
  person,
  userId: null,
  role: 'block_owner' as const,
  blockCode: 'zhkh',
  direction: '',
  fromDate,
  toDate,
});

describe('the centre’s structure on a date', () => {
  it('a change of the block owner keeps the past: who was responsible on any date', async () => {
    const first = await addAssignment(ctxAs(services, head), owner('Иванов И. И.', '2026-01-01'));
    await expect(addAssignment(ctxAs(services, operator), owner('Петров П. П.', '2026-07-01'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await endAssignment(ctxAs(services, head), first.id, '2026-06-30');
    await expect(endAssignment(ctxAs(services, head), first.id, '2026-07-30')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await addAssignment(ctxAs(services, head), owner('Петров П. П.', '2026-07-01'));
    await addAssignment(ctxAs(services, head), {
      person: 'Сидорова С. С.',
      userId: null,
      role: 'curator',
      blockCode: null,
      direction: '',
      fromDate: '2025-01-01',
      toDate: null,
    });
    const march = await structureOn(ctxAs(services, operator), '2026-03-01');
    expect(march.items.map((a) => [a.roleLabel, a.blockName, a.person])).toEqual([
      ['Ответственный за отраслевой блок', 'ЖКХ', 'Иванов И. И.'],
      ['Куратор', null, 'Сидорова С. С.'],
    ]);
    expect(march.canManage).toBe(false);
    const today = await structureOn(ctxAs(services, head));
    expect(today.on).toBe('2026-11-23');
    expect(today.items.find((a) => a.role === 'block_owner')?.person).toBe('Петров П. П.');
    expect(
      (await structureOn(ctxAs(services, head), '2026-06-30')).items.find((a) => a.role === 'block_owner'),
    ).toMatchObject({ person: 'Иванов И. И.', toDate: '2026-06-30' });
  });

  it('refuses overlapping periods of the same person and role, unknown blocks and an end before the start', async () => {
    await expect(
      addAssignment(ctxAs(services, head), owner('Петров П. П.', '2026-10-01', '2026-12-31')),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      addAssignment(ctxAs(services, head), { ...owner('Новиков', '2026-01-01'), blockCode: 'nope' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const a = await addAssignment(ctxAs(services, head), {
      ...owner('Новиков', '2026-05-01'),
      role: 'direction_lead',
      direction: 'Отопление',
    });
    await expect(endAssignment(ctxAs(services, head), a.id, '2026-04-01')).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
