import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/outage';
import { isTransientFailure, transactionConflict } from '../db/transient';
import { AppError, ERROR_CODES, type ErrorCode } from '../lib/errors';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

/** Every error leaves as {"error":{"code","message"}}; 5xx bodies are generic and the cause is logged. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const unavailable = unavailableError(error);
    if (unavailable) {
      request.log.warn(
        { err: String((unavailable.cause as Error | undefined)?.message ?? error) },
        unavailable.message,
      );
      return reply
        .status(503)
        .header('retry-after', String(unavailable.retryAfterSeconds))
        .send({ error: { code: unavailable.code, message: unavailable.message, details: unavailable.details } });
    }
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return reply
        .status(400)
        .send({ error: { code: 'validation_failed', message: 'Некорректные данные запроса', details } });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return reply.status(ERROR_CODES[mapped]).send({ error: { code: mapped, message: error.message } });
    if (error.statusCode === 400 || error instanceof SyntaxError) {
      return reply.status(400).send({ error: { code: 'bad_request', message: error.message } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Внутренняя ошибка сервера' } });
  });
}

/**
 * A failure the client should simply repeat later (503 with Retry-After): the database is unreachable, or a deadlock or
 * serialization failure outlived the use case's own retries. Null for any other error.
 */
export function unavailableError(error: unknown): (AppError & { retryAfterSeconds: number }) | null {
  const found = isDatabaseUnavailable(error)
    ? error instanceof AppError
      ? error
      : databaseUnavailable(error)
    : isTransientFailure(error)
      ? transactionConflict(error)
      : null;
  if (!found) return null;
  const seconds = (found.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return Object.assign(found, { retryAfterSeconds: seconds ?? 1 });
}

export function notFoundBody(method: string, url: string): { error: { code: string; message: string } } {
  return { error: { code: 'not_found', message: `Нет такого адреса: ${method} ${url.split('?')[0]}` } };
}
