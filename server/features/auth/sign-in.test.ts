import { randomBytes, scryptSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../cli/operations';
import { setPasswordHashCost } from './passwords';
import { addTestUser, cookieOf, get, login, PASSWORD, post, signedIn, startAuthApp } from '../../test/auth-kit';
import type { TestServices } from '../../test/test-services';

let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  ({ services, app } = await startAuthApp(
    { loginMaxFailures: 10, addressMaxFailures: 30, lockoutMinutes: 15, sessionIdleMinutes: 30 },
    { sessionTtlHours: 1 },
  ));
  for (const [name, role] of [
    ['guard', 'operator'],
    ['bystander', 'operator'],
    ['boss', 'admin'],
    ['reader', 'auditor'],
    ['mover', 'operator'],
    ['leaver', 'executor'],
  ]) {
    await addTestUser(services, name!, role!);
  }
}, 180_000);
afterAll(async () => {
  await app.close();
  await services.close();
});

describe('sign-in throttling and lockout', () => {
  it('ten wrong passwords lock the login (429 even with the right password) for the lockout period; another login is unaffected', async () => {
    for (let i = 1; i <= 10; i++) {
      const res = await login(app, 'guard', `не тот ${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
      if (i === 3) {
        // Progressive delay: from the third failure on, an attempt right away waits.
        const early = await login(app, 'guard', PASSWORD);
        expect(early.statusCode).toBe(429);
        expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      services.clock.advance(31_000);
    }
    const locked = await login(app, 'guard', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(600);
    expect((await login(app, 'bystander')).statusCode).toBe(200);
    services.clock.advance(10 * 60_000);
    expect((await login(app, 'guard', PASSWORD)).statusCode).toBe(429);
    services.clock.advance(6 * 60_000);
    expect((await login(app, 'guard', PASSWORD)).statusCode).toBe(200);
    // A success clears the count: one more failure does not lock again.
    expect((await login(app, 'guard', 'снова не тот')).statusCode).toBe(401);
    services.clock.advance(1000);
    expect((await login(app, 'guard', PASSWORD)).statusCode).toBe(200);
  }, 120_000);

  it('many failures from one address, spread over many logins, lock that address only', async () => {
    const from = (remoteAddress: string, name: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { login: name, password } });
    for (let i = 0; i < 30; i++) expect((await from('10.0.0.9', `spray${i}`, 'Пароль-2026')).statusCode).toBe(401);
    const locked = await from('10.0.0.9', 'bystander', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect((await from('10.0.0.10', 'bystander', PASSWORD)).statusCode).toBe(200);
    services.clock.advance(16 * 60_000);
    expect((await from('10.0.0.9', 'bystander', PASSWORD)).statusCode).toBe(200);
  }, 120_000);

  it('journals failures (who, when, from where, why) for administrators and auditors only', async () => {
    const auditor = await signedIn(app, 'reader');
    const res = await get(app, '/api/auth/failures?login=guard', auditor);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<{ login: string; address: string; reason: string; at: string; userId: number | null }[]>();
    expect(rows.filter((r) => r.reason === 'bad_password')).toHaveLength(11);
    expect(rows.some((r) => r.reason === 'throttled')).toBe(true);
    expect(rows.every((r) => r.login === 'guard' && r.address === '127.0.0.1')).toBe(true);
    expect(rows.filter((r) => r.reason === 'bad_password').every((r) => r.userId !== null)).toBe(true);
    await login(app, 'nobody-here', 'x');
    const unknown = (await get(app, '/api/auth/failures?login=nobody-here', await signedIn(app, 'boss'))).json();
    expect(unknown).toMatchObject([{ login: 'nobody-here', reason: 'unknown_login', userId: null }]);
    expect((await get(app, '/api/auth/failures', await signedIn(app, 'bystander'))).statusCode).toBe(403);
  }, 60_000);
});

describe('sessions', () => {
  it('end after the idle timeout and after the absolute lifetime', async () => {
    const idle = await signedIn(app, 'bystander');
    services.clock.advance(29 * 60_000);
    expect((await get(app, '/api/auth/me', idle)).statusCode).toBe(200);
    services.clock.advance(29 * 60_000);
    expect((await get(app, '/api/auth/me', idle)).statusCode).toBe(200);
    services.clock.advance(31 * 60_000);
    expect((await get(app, '/api/auth/me', idle)).statusCode).toBe(401);
    const busy = await signedIn(app, 'bystander');
    for (let i = 0; i < 2; i++) {
      services.clock.advance(25 * 60_000);
      expect((await get(app, '/api/auth/me', busy)).statusCode).toBe(200);
    }
    services.clock.advance(11 * 60_000); // 61 minutes: past the one-hour lifetime although never idle for long
    expect((await get(app, '/api/auth/me', busy)).statusCode).toBe(401);
  }, 60_000);

  it('a password change ends the other sessions at once; weak passwords are refused', async () => {
    const here = await signedIn(app, 'mover');
    const elsewhere = await signedIn(app, 'mover');
    for (const next of ['короткий1', 'password1', 'Password2024!', 'qwertyuiop123', 'mover-secret-2026']) {
      const weak = await post(app, '/api/auth/password', here, { current: PASSWORD, next });
      expect(weak.statusCode, next).toBe(400);
    }
    expect(
      (await post(app, '/api/auth/password', here, { current: 'не тот', next: 'Новый пароль 2026' })).statusCode,
    ).toBe(400);
    expect((await get(app, '/api/auth/me', elsewhere)).statusCode).toBe(200);
    const changed = await post(app, '/api/auth/password', here, { current: PASSWORD, next: 'Новый пароль 2026' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await get(app, '/api/auth/me', elsewhere)).statusCode).toBe(401);
    expect((await get(app, '/api/auth/me', here)).statusCode).toBe(200);
    expect((await login(app, 'mover', PASSWORD)).statusCode).toBe(401);
    expect((await login(app, 'mover', 'Новый пароль 2026')).statusCode).toBe(200);
  }, 60_000);

  it('a deactivated user is refused at once (API and CLI), and cannot sign in', async () => {
    const admin = await signedIn(app, 'boss');
    const victim = await signedIn(app, 'leaver');
    expect((await get(app, '/api/cases', victim)).statusCode).toBe(200);
    expect((await post(app, '/api/users/leaver/deactivate', victim)).statusCode).toBe(403);
    expect((await post(app, '/api/users/boss/deactivate', admin)).statusCode).toBe(409);
    const res = await post(app, '/api/users/leaver/deactivate', admin);
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(app, '/api/cases', victim)).statusCode).toBe(401);
    expect((await login(app, 'leaver')).statusCode).toBe(401);
    const again = await signedIn(app, 'bystander');
    const lines = await OPERATIONS['users.deactivate']!.run(services, { login: 'bystander' }, {});
    expect(lines.join('\n')).toMatch(/bystander отключён/);
    expect((await get(app, '/api/cases', again)).statusCode).toBe(401);
    expect((await post(app, '/api/users/nobody/deactivate', admin)).statusCode).toBe(404);
  }, 60_000);
});

describe('password hashing', () => {
  // the suite hashes cheaply (test/setup-file.ts); here the production cost is what is checked
  beforeAll(() => setPasswordHashCost('production'));
  afterAll(() => setPasswordHashCost('test'));
  it('new hashes use scrypt N=2^17, r=8, p=1; an older hash is replaced on the next sign-in', async () => {
    const password = 'Пароль-хеширования-2026';
    await addTestUser(services, 'hasher', 'auditor', password);
    const stored = await services.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('login', '=', 'hasher')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    const salt = randomBytes(16);
    const old = `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    await services.database.db.updateTable('users').set({ password_hash: old }).where('login', '=', 'hasher').execute();
    const res = await login(app, 'hasher', password);
    expect(res.statusCode).toBe(200);
    cookieOf(res);
    const after = await services.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('login', '=', 'hasher')
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await login(app, 'hasher', password)).statusCode).toBe(200);
  }, 60_000);
});
