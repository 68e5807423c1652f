import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, cookieOf, get, login, post, startAuthApp } from '../../test/auth-kit';
import type { TestServices } from '../../test/test-services';
import { OPERATIONS } from '../../cli/operations';
import { currentCode } from './second-factor';

let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  // No grace period: an administrator must enrol at the first sign-in.
  ({ services, app } = await startAuthApp({ totpRequiredRoles: ['admin', 'curator'], totpGraceDays: 0 }));
  await addTestUser(services, 'root', 'admin');
  await addTestUser(services, 'op', 'operator');
}, 180_000);
afterAll(async () => {
  await app.close();
  await services.close();
});

async function enrol(cookie: string): Promise<{ secret: string; codes: string[] }> {
  const setup = await post(app, '/api/auth/totp/setup', cookie);
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret, uri, qrSvg } = setup.json<{ secret: string; uri: string; qrSvg: string }>();
  expect(uri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
  expect(qrSvg).toMatch(/^<svg/);
  expect(
    (
      await post(app, '/api/auth/totp/confirm', cookie, {
        code: '000000' === currentCode(secret, services.clock.now()) ? '111111' : '000000',
      })
    ).statusCode,
  ).toBe(400);
  const confirmed = await post(app, '/api/auth/totp/confirm', cookie, {
    code: currentCode(secret, services.clock.now()),
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const codes = confirmed.json().recoveryCodes as string[];
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  return { secret, codes };
}

describe('TOTP second factor', () => {
  it('is required for an administrator: enrolment first, then every sign-in needs a code, used once', async () => {
    const first = await login(app, 'root');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ secondFactor: 'required', permissions: [] });
    const enrolling = cookieOf(first);
    // Until enrolled, the session opens nothing but the enrolment.
    expect((await get(app, '/api/cases', enrolling)).statusCode).toBe(401);
    expect((await get(app, '/api/tokens', enrolling)).statusCode).toBe(401);
    expect((await get(app, '/api/auth/session', enrolling)).json().user).toMatchObject({
      login: 'root',
      secondFactor: 'required',
      permissions: [],
    });
    const { secret, codes } = await enrol(enrolling);
    expect((await get(app, '/api/cases', enrolling)).statusCode).toBe(200);
    expect((await get(app, '/api/auth/me', enrolling)).json()).toMatchObject({ secondFactor: 'on' });
    const stored = await services.database.db.selectFrom('user_recovery_codes').select('code_hash').execute();
    expect(stored.some((r) => codes.includes(r.code_hash))).toBe(false);

    const noCode = await login(app, 'root');
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.details).toEqual({ secondFactor: 'required' });
    expect(noCode.cookies.find((c) => c.name === 'otklik_session')).toBeUndefined();
    expect(
      (
        await login(
          app,
          'root',
          undefined,
          '123456' === currentCode(secret, services.clock.now()) ? '654321' : '123456',
        )
      ).statusCode,
    ).toBe(401);
    // The code used to confirm enrolment cannot sign in again; the next period's code can, once.
    expect((await login(app, 'root', undefined, currentCode(secret, services.clock.now()))).statusCode).toBe(401);
    services.clock.advance(30_000);
    const code = currentCode(secret, services.clock.now());
    const ok = await login(app, 'root', undefined, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get(app, '/api/cases', cookieOf(ok))).statusCode).toBe(200);
    expect((await login(app, 'root', undefined, code)).statusCode).toBe(401);
    // A recovery code works once.
    services.clock.advance(60_000);
    expect((await login(app, 'root', undefined, codes[0])).statusCode).toBe(200);
    expect((await login(app, 'root', undefined, codes[0])).statusCode).toBe(401);
    // Administrators cannot turn it off; a lost phone is reset from the command line, and enrolment comes again.
    expect((await post(app, '/api/auth/totp/disable', cookieOf(ok))).statusCode).toBe(409);
    const reset = await OPERATIONS['users.reset-second-factor']!.run(services, { login: 'root' }, {});
    expect(reset.join('')).toMatch(/root сброшен/);
    expect((await get(app, '/api/cases', cookieOf(ok))).statusCode).toBe(401);
    expect((await login(app, 'root')).json()).toMatchObject({ secondFactor: 'required', permissions: [] });
  }, 90_000);

  it('is optional for other roles: an operator may enrol and turn it off again', async () => {
    const res = await login(app, 'op');
    expect(res.json()).toMatchObject({ secondFactor: 'off' });
    const cookie = cookieOf(res);
    expect((await get(app, '/api/cases', cookie)).statusCode).toBe(200);
    const { secret } = await enrol(cookie);
    services.clock.advance(30_000);
    expect((await login(app, 'op')).statusCode).toBe(401);
    expect((await login(app, 'op', undefined, currentCode(secret, services.clock.now()))).statusCode).toBe(200);
    expect((await post(app, '/api/auth/totp/disable', cookie)).statusCode).toBe(200);
    expect((await login(app, 'op')).json()).toMatchObject({ secondFactor: 'off' });
  }, 60_000);

  it('gives a new administrator a grace period when one is configured', async () => {
    const graceful = await startAuthApp({ totpRequiredRoles: ['admin'], totpGraceDays: 3 });
    try {
      await addTestUser(graceful.services, 'newadmin', 'admin');
      const res = await login(graceful.app, 'newadmin');
      expect(res.json()).toMatchObject({ secondFactor: 'due' });
      expect((await get(graceful.app, '/api/tokens', cookieOf(res))).statusCode).toBe(200);
      graceful.services.clock.advance(3 * 86_400_000 + 1000);
      const late = await login(graceful.app, 'newadmin');
      expect(late.json()).toMatchObject({ secondFactor: 'required', permissions: [] });
      expect((await get(graceful.app, '/api/tokens', cookieOf(late))).statusCode).toBe(401);
    } finally {
      await graceful.app.close();
      await graceful.services.close();
    }
  }, 60_000);
});
