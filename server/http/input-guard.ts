import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors';
import { inputProblem } from '../lib/input-limits';

/** How long a client may take to send a whole request. */
export const REQUEST_RECEIVE_TIMEOUT_MS = 60_000;

/**
 * Refuses, before any route validates or stores it, input that no route can take: a NUL character in the path, the
 * query or a parsed body, and bodies nested deeper than the limit (400 `validation_failed` with the field's path).
 * Bodies a route reads itself (multipart) are checked by that route.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['адрес', request.params],
      ['параметры запроса', request.query],
      ['тело запроса', request.body],
    ] as const) {
      const problem = inputProblem(value);
      if (problem) throw new AppError('validation_failed', `Некорректные данные (${where}): ${problem}`);
    }
  });
}
