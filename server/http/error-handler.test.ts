import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { registerErrorHandler, unavailableError } from './error-handler';

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
