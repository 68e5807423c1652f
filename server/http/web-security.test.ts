import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicBaseUrl, type Config } from '../config';
import { addUser } from '../features/auth/users';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestServices, type TestServices } from '../test/test-services';
import { buildApp } from './app';

const PASSWORD = 'Пароль-2026';
const FOREIGN = 'https://attacker.example';
const FRAMER = 'https://adm-uglich.example';

async function start(config: Partial<Config>): Promise<{ services: TestServices; app: FastifyInstance }> {
  const services = await createTestServices({ config });
  await addUser(rootContext(services, SYSTEM_ACTOR), {
    login: 'admin',
    fullName: 'Админ',
    role: 'admin',
    password: PASSWORD,
  });
  const app = await buildApp(services, { internalSecret: 'internal-secret-for-tests' });
  return { services, app };
}

async function signIn(app: FastifyInstance): Promise<{ name: string; value: string; secure: boolean }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: 'admin', password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies[0];
  if (!cookie) throw new Error('no session cookie');
  return { name: cookie.name, value: cookie.value, secure: cookie.secure === true };
}

/** Every route with a state-changing method, read from Fastify's route tree (so routes added later are covered). */
function stateChangingRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│]*)(?:└──|├──) (\S+) \(([A-Z, ]+)\)/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const url = (depth > 0 ? stack[depth - 1] : '') + (match[2] ?? '');
    stack[depth] = url;
    for (const method of (match[3] ?? '').split(', ')) {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) routes.push({ method, url: url.replace(/:\w+/g, '1') });
    }
  }
  return routes;
}

/** Three widget status lookups, each claiming another client address in X-Forwarded-For (the limit is 2). */
async function lookupsFromThreeAddresses(app: FastifyInstance): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/widget/status',
      payload: 'case=1&code=AAAAA-AAAAA',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'x-forwarded-for': `203.0.113.${i + 1}`,
      },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('веб-безопасность по http (локальный показ)', () => {
  let services: TestServices;
  let app: FastifyInstance;
  let cookie: string;

  beforeAll(async () => {
    ({ services, app } = await start({
      widgetFrameAncestors: [FRAMER],
      widget: { maxPhotoBytes: 1000, rateLimitPerMinute: 2 },
    }));
    const session = await signIn(app);
    expect(session).toMatchObject({ name: 'otklik_session', secure: false });
    cookie = `otklik_session=${session.value}`;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await services.close();
  });

  it('страница сотрудников: CSP без чужих скриптов и рамок, nosniff, Referrer-Policy; без HSTS по http', async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const again = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(again.headers['content-security-policy']).not.toBe(csp); // a new nonce for every answer
  });

  it('ответы API не сохраняются ни в каком кеше', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/cases', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ method: 'GET', url: '/api/auth/session' })).headers['cache-control']).toBe('no-store');
    expect((await app.inject({ method: 'GET', url: '/api/nowhere' })).headers['cache-control']).toBe('no-store');
    // Data, never a page: the same strict policy, without a nonce (no inline script of an API answer ever runs).
    const csp = String(list.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('nonce-');
    expect(list.headers['x-frame-options']).toBe('DENY');
  });

  it('страницу виджета встраивают только сама платформа и настроенные сайты; её встроенный код разрешён по хешу', async () => {
    const res = await app.inject({ method: 'GET', url: '/widget/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`frame-ancestors 'self' ${FRAMER}`);
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-frame-options']).toBeUndefined();
    const hash = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
    const scripts = [...res.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(scripts.length + styles.length).toBeGreaterThan(1);
    for (const code of [...scripts, ...styles]) expect(csp).toContain(hash(code));
    const embed = await app.inject({
      method: 'GET',
      url: '/widget/embed.js',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(embed.body).toContain(`"http://localhost:${services.config.port}/widget/"`);
    expect(embed.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('без настроенного прокси X-Forwarded-For не меняет адрес клиента: ограничение частоты виджета не обойти', async () => {
    const statuses = await lookupsFromThreeAddresses(app);
    expect(statuses[2]).toBe(429);
  });

  it('изменяющий запрос text/plain с чужим Origin и действующей cookie отклоняется на каждом маршруте', async () => {
    const routes = stateChangingRoutes(app);
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toContainEqual({ method: 'POST', url: '/api/reports/1/approve' });
    expect(routes).toContainEqual({ method: 'POST', url: '/widget/messages' });
    const before = await services.database.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const { method, url } of routes) {
      for (const headers of [{ origin: FOREIGN }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }]) {
        const res = await app.inject({
          method: method as 'POST',
          url,
          payload: 'x=1',
          headers: { ...headers, cookie, 'content-type': 'text/plain' },
        });
        expect({ method, url, headers, status: res.statusCode, code: res.json().error?.code }).toEqual({
          method,
          url,
          headers,
          status: 403,
          code: 'forbidden',
        });
      }
    }
    const after = await services.database.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // still signed in: the refused logout did nothing
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('страница платформы проходит с заголовком X-Otklik-Request; без него запрос из браузера к API отклоняется', async () => {
    const sameOrigin = { cookie, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' };
    const bare = await app.inject({ method: 'POST', url: '/api/clusters', payload: {}, headers: sameOrigin });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.message).toContain('X-Otklik-Request');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'admin', password: PASSWORD },
      headers: { origin: FOREIGN },
    });
    expect(login.statusCode).toBe(403);
    const own = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...sameOrigin, 'x-otklik-request': '1' },
    });
    expect(own.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    cookie = `otklik_session=${(await signIn(app)).value}`;
  });

  it('токен интеграции не зависит от cookie и Origin: такие запросы не межсайтовые', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: 'x',
      headers: { authorization: 'Bearer wrong', origin: FOREIGN, cookie, 'content-type': 'text/plain' },
    });
    expect(res.statusCode).not.toBe(403);
  });
});

describe('веб-безопасность по https (OTKLIK_PUBLIC_URL)', () => {
  let services: TestServices;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ services, app } = await start({
      publicUrl: 'https://otklik.example.ru',
      trustProxy: ['127.0.0.1'],
      widget: { maxPhotoBytes: 1000, rateLimitPerMinute: 2 },
    }));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await services.close();
  });

  it('cookie сессии __Host- с Secure, HSTS, страница принимает изменения только со своего адреса', async () => {
    const session = await signIn(app);
    expect(session).toMatchObject({ name: '__Host-otklik_session', secure: true });
    const cookie = `__Host-otklik_session=${session.value}`;
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `otklik_session=${session.value}` } }))
        .statusCode,
    ).toBe(401);
    const page = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const own = { cookie, origin: 'https://otklik.example.ru', host: 'app-internal:3000', 'x-otklik-request': '1' };
    expect(
      (await app.inject({ method: 'POST', url: '/api/clusters', payload: {}, headers: { ...own, origin: FOREIGN } }))
        .statusCode,
    ).toBe(403);
    const embed = await app.inject({
      method: 'GET',
      url: '/widget/embed.js',
      headers: { 'x-forwarded-host': 'evil.example' },
    });
    expect(embed.body).toContain('"https://otklik.example.ru/widget/"');
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: own });
    expect(logout.statusCode).toBe(200);
    expect(logout.cookies[0]).toMatchObject({ name: '__Host-otklik_session', secure: true, path: '/' });
  });

  it('за настроенным прокси адрес клиента берётся из X-Forwarded-For', async () => {
    const statuses = await lookupsFromThreeAddresses(app);
    expect(statuses).not.toContain(429);
  });
});

describe('настройки веб-безопасности', () => {
  it('прокси и сайты виджета читаются списками; адрес сайта — только http(s), до origin', () => {
    const config = loadConfig({
      OTKLIK_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16 loopback',
      OTKLIK_WIDGET_FRAME_ANCESTORS: 'https://adm-uglich.example/page, http://yar.example:8080',
    });
    expect(config.trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback']);
    expect(config.widgetFrameAncestors).toEqual(['https://adm-uglich.example', 'http://yar.example:8080']);
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(() => loadConfig({ OTKLIK_WIDGET_FRAME_ANCESTORS: 'https://ok.example, javascript:alert(1)' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ OTKLIK_TRUST_PROXY: '10.0.0.1; rm -rf' })).toThrow(ConfigError);
    expect(() => loadConfig({ OTKLIK_TRUST_PROXY: '10.0.0.999, 10.0.0.0/33' })).toThrow(
      /10\.0\.0\.999, 10\.0\.0\.0\/33/,
    );
    expect(publicBaseUrl(loadConfig({ PORT: '8080' }))).toBe('http://localhost:8080');
    expect(publicBaseUrl(loadConfig({ OTKLIK_PUBLIC_URL: 'https://otklik.example.ru/' }))).toBe(
      'https://otklik.example.ru',
    );
  });
});
