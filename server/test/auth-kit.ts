import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../config';
import { buildApp } from '../http/app';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestAnalyzer } from './test-analyzer';
import { createTestServices, type TestServices } from './test-services';
import { hashPassword } from '../features/auth/passwords';
import { addUser } from '../features/auth/users';

// Shared by the sign-in, second-factor and token tests: an app on a test database and helpers to sign in.
export const PASSWORD = 'Пароль-2026';

export async function startAuthApp(
  auth: Partial<Config['auth']> = {},
  config: Partial<Config> = {},
): Promise<{ services: TestServices; app: FastifyInstance }> {
  const services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: { auth: { ...loadConfig({}).auth, ...auth }, ...config },
  });
  return { services, app: await buildApp(services) };
}

// One hash for every test user with the usual password.
let sharedHash: Promise<string> | null = null;

export async function addTestUser(
  services: TestServices,
  login: string,
  role: string,
  password = PASSWORD,
): Promise<void> {
  const hash = password === PASSWORD ? await (sharedHash ??= hashPassword(PASSWORD)) : undefined;
  await addUser(
    rootContext(services, SYSTEM_ACTOR),
    { login, password, role, ...(role === 'executor' ? { organisation: 'Мэрия города Ярославля' } : {}) },
    hash,
  );
}

export function login(
  app: FastifyInstance,
  name: string,
  password = PASSWORD,
  code?: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: name, password, ...(code ? { code } : {}) },
  });
}

export function cookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'otklik_session');
  expect(cookie, res.body).toBeDefined();
  return `otklik_session=${cookie?.value}`;
}

export async function signedIn(app: FastifyInstance, name: string, password = PASSWORD): Promise<string> {
  const res = await login(app, name, password);
  expect(res.statusCode, res.body).toBe(200);
  return cookieOf(res);
}

export function get(app: FastifyInstance, url: string, cookie: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

export function post(
  app: FastifyInstance,
  url: string,
  cookie: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
