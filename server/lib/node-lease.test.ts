import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServices, type TestServices } from '../test/test-services';
import { nodeLease, startSingletonPoller } from './node-lease';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

const at = (s: number): Date => new Date(Date.UTC(2026, 11, 1, 9, 0, s));

describe('node leases', () => {
  it('are held by one holder at a time, renewed by it, taken over once expired, and free again when released', async () => {
    const db = services.database.db;
    const a = nodeLease(db, 'test:lease', 10_000);
    const b = nodeLease(db, 'test:lease', 10_000);
    expect(await a.hold(at(0))).toBe(true);
    expect(await b.hold(at(1))).toBe(false);
    expect(await a.hold(at(5))).toBe(true); // renewed: now expires at 15 s
    expect(await b.hold(at(12))).toBe(false);
    expect(await b.hold(at(15))).toBe(true); // a stopped renewing: b takes over
    expect(await a.hold(at(16))).toBe(false);
    await b.release();
    expect(await a.hold(at(17))).toBe(true);
    expect(await nodeLease(db, 'test:other', 10_000).hold(at(17))).toBe(true); // names are independent
  });

  it('lets one of two pollers of the same name run, and the other take over when the first stops', async () => {
    const runs = { a: 0, b: 0 };
    const errors: unknown[] = [];
    const poller = (who: 'a' | 'b') =>
      startSingletonPoller(services.database.db, services.clock, {
        name: 'test:poller',
        intervalMs: 5,
        run: async () => {
          runs[who]++;
        },
        onError: (e) => {
          errors.push(e);
        },
      });
    const stopA = poller('a');
    await vi.waitFor(() => expect(runs.a).toBeGreaterThan(0), { timeout: 10_000 });
    const stopB = poller('b');
    const seen = runs.a;
    await vi.waitFor(() => expect(runs.a).toBeGreaterThan(seen + 5), { timeout: 10_000 });
    expect(runs.b).toBe(0);
    await stopA();
    await vi.waitFor(() => expect(runs.b).toBeGreaterThan(3), { timeout: 10_000 });
    await stopB();
    expect(errors).toEqual([]);
  });
});
