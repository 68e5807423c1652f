import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestServices, type TestServices } from '../../test/test-services';
import { findCachedToken, tokenCacheLive } from './token-cache';
import { createToken, revokeToken } from './tokens';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
}, 120_000);
afterAll(async () => services.close());

const system = () => rootContext(services, SYSTEM_ACTOR);
const find = (token: string) => findCachedToken(services.database, token, services.clock.now());
async function waitFor(condition: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  for (const start = Date.now(); !(await condition());) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
/** Revokes without the trigger's announcement: only what the cache keeps can still answer with the token. */
async function revokeSilently(id: number): Promise<void> {
  const db = services.database.db;
  await sql`alter table api_tokens disable trigger api_tokens_changed`.execute(db);
  await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).execute();
  await sql`alter table api_tokens enable trigger api_tokens_changed`.execute(db);
}

describe('the token cache', () => {
  it('answers from memory, and forgets when the table announces a change made elsewhere', async () => {
    const made = await createToken(system(), 'кэш', ['messages']);
    expect(await find(made.token)).toMatchObject({ id: made.id, scopes: ['messages'] });
    await waitFor(() => tokenCacheLive(services.database));
    expect(await find(made.token)).toMatchObject({ id: made.id });
    await revokeSilently(made.id);
    // Not announced: the memory still answers (this is what the cache saves).
    expect(await find(made.token)).toMatchObject({ id: made.id });
    // Any announced change (here a rename by plain SQL, as another process would) empties the cache.
    await services.database.db.updateTable('api_tokens').set({ name: 'кэш 2' }).where('id', '=', made.id).execute();
    await waitFor(async () => (await find(made.token)) === null, 2000);
  });

  it('a revocation by this process takes effect with the next lookup, without waiting for the announcement', async () => {
    const made = await createToken(system(), 'сразу', ['messages']);
    await find(made.token);
    await waitFor(() => tokenCacheLive(services.database));
    expect(await find(made.token)).toMatchObject({ id: made.id });
    await revokeToken(system(), made.id);
    expect(await find(made.token)).toBeNull();
    expect(await find('otk_unknown')).toBeNull();
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)(
    'serves nothing from memory while the listening connection is lost, and listens again',
    async () => {
      const made = await createToken(system(), 'обрыв', ['messages']);
      await find(made.token);
      await waitFor(() => tokenCacheLive(services.database));
      expect(await find(made.token)).toMatchObject({ id: made.id });
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'listen otklik_api_tokens%'`.execute(services.database.db);
      await waitFor(() => !tokenCacheLive(services.database));
      await revokeSilently(made.id);
      expect(await find(made.token)).toBeNull();
      await waitFor(() => tokenCacheLive(services.database));
    },
    30_000,
  );
});
