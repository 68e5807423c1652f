import type { AddressInfo } from 'node:net';
import net from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { registerJsonBody } from './body-encoding';
import { answerClientError, frameworkErrors, registerErrorHandler, unavailableError } from './error-handler';

// What leaves the API when a request fails: a deadlock or a serialization failure is a 503 the client repeats (as a
// database outage is), not a 500; a use case's own error keeps its code; anything else is a generic 500.
const failing = async (error: unknown) => {
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.get('/x', async () => {
    throw error;
  });
  const response = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  return response;
};
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('the API error handler', () => {
  it('answers a deadlock or a serialization failure with 503 and Retry-After', async () => {
    for (const code of ['40P01', '40001']) {
      const response = await failing(pgError(code, 'deadlock detected'));
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json().error.code).toBe('unavailable');
      expect(response.json().error.message).toMatch(/повторите его через 1 с/);
    }
  });

  it('answers a lost database connection with 503 and its own pause', async () => {
    const response = await failing(pgError('57P01', 'terminating connection due to administrator command'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });

  it('keeps a use case error and hides the rest behind a generic 500', async () => {
    expect((await failing(new AppError('conflict', 'Уже закрыто'))).json()).toEqual({
      error: { code: 'conflict', message: 'Уже закрыто' },
    });
    const other = await failing(pgError('23503', 'insert or update violates foreign key constraint'));
    expect([other.statusCode, other.json().error.message]).toEqual([500, 'Внутренняя ошибка сервера']);
    expect(unavailableError(new Error('x'))).toBeNull();
  });
});

// Fastify's own refusals (a body it cannot parse, an address it cannot route, a request Node's parser refuses)
// leave in Russian and in the same {"error":{"code","message"}} shape as the rest of the API.
describe("Fastify's own errors", () => {
  const build = async () => {
    const app = Fastify({ logger: false, clientErrorHandler: answerClientError, frameworkErrors });
    registerErrorHandler(app);
    registerJsonBody(app);
    app.post('/x', async (request) => ({ body: request.body }));
    app.get('/x/:id', async () => ({ ok: true }));
    return app;
  };

  it('answers an empty, malformed, untyped or unsupported body with a Russian message', async () => {
    const app = await build();
    const post = (payload: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/x', payload, headers });
    const cases = [
      [await post('{"a":', { 'content-type': 'application/json' }), 400, 'bad_request', /некорректный JSON/],
      [await post('', { 'content-type': 'application/json' }), 400, 'bad_request', /Пустое тело запроса/],
      [
        await post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'unsupported_media_type',
        /«application\/x-www-form-urlencoded» здесь не принимается: ожидается JSON/,
      ],
      [await post('{}', { 'content-type': '' }), 415, 'unsupported_media_type', /Не указан тип тела запроса/],
    ] as const;
    for (const [response, status, code, message] of cases) {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toEqual({ error: { code, message: expect.stringMatching(message) } });
    }
    const badUrl = await app.inject({ method: 'GET', url: '/x/%E0%A4%A' });
    expect([badUrl.statusCode, badUrl.json()]).toEqual([
      400,
      { error: { code: 'bad_request', message: expect.stringMatching(/Некорректный адрес запроса/) } },
    ]);
    await app.close();
  });

  it('answers an address with a raw Cyrillic letter with an HTTP/1.1 400 in the documented shape and closes', async () => {
    const app = await build();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write('GET /x/1?x=Я HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n'),
      );
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      // the server ends the connection itself: the keep-alive the client asked for does not keep it
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    await app.close();
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
    expect(head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8(\r\n|$)/);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({
      error: { code: 'bad_request', message: expect.stringMatching(/^Некорректный адрес запроса: кириллицу/) },
    });
  });

  it('writes nothing on a socket that can no longer take it', () => {
    const writes: unknown[] = [];
    const socket = {
      destroyed: false,
      writable: false,
      destroy: () => writes.push('destroy'),
      end: (s: unknown) => writes.push(s),
    };
    answerClientError(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_URL' }), socket as never);
    expect(writes).toEqual(['destroy']);
  });
});
