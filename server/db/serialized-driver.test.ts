import { describe, expect, it } from 'vitest';
import type { DatabaseConnection, Driver } from 'kysely';
import { asBackgroundWork, BACKGROUND_GRACE_MS, BACKGROUND_MAX_WAIT_MS, SerializedDriver } from './database';

// A session that records who used it, in order.
function fakeDriver(): Driver {
  const connection = {
    executeQuery: async () => ({ rows: [] }),
    streamQuery: () => {
      throw new Error('no');
    },
  } as unknown as DatabaseConnection;
  return {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function use(driver: SerializedDriver, log: string[], name: string, holdMs: number): Promise<void> {
  const c = await driver.acquireConnection();
  log.push(name);
  await sleep(holdMs);
  await driver.releaseConnection(c);
}

describe('the embedded database session lock', () => {
  it('hands the session to a waiting request before waiting background work', async () => {
    const driver = new SerializedDriver(fakeDriver());
    const log: string[] = [];
    const first = asBackgroundWork(() => use(driver, log, 'job 1', 30));
    await sleep(5);
    const second = asBackgroundWork(() => use(driver, log, 'job 2', 5));
    await sleep(5);
    const request = use(driver, log, 'request', 5);
    await Promise.all([first, second, request]);
    expect(log).toEqual(['job 1', 'request', 'job 2']);
  });

  it('lets a request run its next query before background work resumes', async () => {
    const driver = new SerializedDriver(fakeDriver());
    const log: string[] = [];
    const request = (async () => {
      await use(driver, log, 'request query 1', 5);
      await sleep(BACKGROUND_GRACE_MS / 5);
      await use(driver, log, 'request query 2', 5);
    })();
    await sleep(1);
    const job = asBackgroundWork(() => use(driver, log, 'job', 5));
    await Promise.all([request, job]);
    expect(log).toEqual(['request query 1', 'request query 2', 'job']);
  });

  it('still runs background work under a steady stream of requests', async () => {
    const driver = new SerializedDriver(fakeDriver());
    const log: string[] = [];
    let stop = false;
    const stream = (async () => {
      while (!stop) await use(driver, log, 'request', 2);
    })();
    await sleep(5);
    const started = performance.now();
    await asBackgroundWork(() => use(driver, log, 'job', 1));
    const waited = performance.now() - started;
    stop = true;
    await stream;
    expect(log).toContain('job');
    expect(waited).toBeGreaterThanOrEqual(BACKGROUND_MAX_WAIT_MS - 50);
  });

  it('serves background work at once when no request is around, one holder at a time', async () => {
    const driver = new SerializedDriver(fakeDriver());
    let inside = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        asBackgroundWork(async () => {
          const c = await driver.acquireConnection();
          inside++;
          most = Math.max(most, inside);
          await sleep(2);
          inside--;
          await driver.releaseConnection(c);
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
