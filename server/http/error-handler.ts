import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/outage';
import { isTransientFailure, transactionConflict } from '../db/transient';
import { AppError, type ErrorCode } from '../lib/errors';
import { REQUEST_RECEIVE_TIMEOUT_MS } from './input-guard';

/** A client's error (4xx) as it leaves: HTTP status, code of the closed set and a Russian message. */
export interface ClientErrorText {
  status: number;
  code: ErrorCode;
  message: string;
}

const GENERAL_CLIENT_ERROR = 'Некорректный запрос';
const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim();

/** Fastify's own errors (body parsing, addresses) in Russian; `accepts` names the body types the route takes. */
const FASTIFY_ERRORS: Record<
  string,
  { code: ErrorCode; message: (contentType: string | undefined, accepts: string) => string }
> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: () => 'Тело запроса слишком большое' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: (contentType, accepts) =>
      mediaType(contentType)
        ? `Тип тела запроса «${mediaType(contentType).slice(0, 100)}» здесь не принимается: ожидается ${accepts}`
        : `Не указан тип тела запроса (заголовок Content-Type): ожидается ${accepts}`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: () => 'Длина тела запроса не совпадает с заголовком Content-Length',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'bad_request',
    message: () =>
      'Пустое тело запроса при Content-Type: application/json: отправьте JSON или не указывайте этот заголовок',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'bad_request',
    message: () => 'Тело запроса — некорректный JSON (указан Content-Type: application/json)',
  },
  FST_ERR_BAD_URL: {
    code: 'bad_request',
    message: () => 'Некорректный адрес запроса: неверная %-последовательность',
  },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_request', message: () => 'Слишком длинный параметр в адресе запроса' },
};

/**
 * What a client's error (any 4xx) says: a use case's AppError as it is, Fastify's own errors in Russian, anything
 * else a general «Некорректный запрос» with its status. Null for errors that are not the client's.
 */
export function clientErrorOf(
  error: Error & { statusCode?: number; code?: string },
  contentType: string | undefined,
  accepts = 'JSON (Content-Type: application/json)',
): ClientErrorText | null {
  if (error instanceof AppError) {
    return error.status < 500 ? { status: error.status, code: error.code, message: error.message } : null;
  }
  const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
  const status = error.statusCode ?? (error instanceof SyntaxError ? 400 : 500);
  if (known) return { status, code: known.code, message: known.message(contentType, accepts) };
  if (status >= 400 && status < 500) return { status, code: 'bad_request', message: GENERAL_CLIENT_ERROR };
  return null;
}

const sendClientError = (reply: FastifyReply, found: ClientErrorText): FastifyReply =>
  reply.status(found.status).send({ error: { code: found.code, message: found.message } });

/** Fastify's errors found before routing (a bad %-sequence, an overlong parameter): the same shape as the rest. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendClientError(
    reply,
    clientErrorOf(error, request.headers['content-type']) ?? {
      status: 400,
      code: 'bad_request',
      message: GENERAL_CLIENT_ERROR,
    },
  );
}

/** What Node's HTTP parser refuses before there is a request: status and Russian message by the error's code. */
const CONNECTION_ERRORS: Record<string, [number, string]> = {
  HPE_INVALID_URL: [
    400,
    'Некорректный адрес запроса: кириллицу, пробелы и другие символы вне ASCII в адресе нужно закодировать (например, «Я» — %D0%AF)',
  ],
  HPE_HEADER_OVERFLOW: [431, 'Заголовки запроса слишком большие'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, `Запрос не получен целиком за ${REQUEST_RECEIVE_TIMEOUT_MS / 1000} с`],
};
/** How long a refused client may take to read the answer and close its side before the socket is dropped. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Fastify's clientErrorHandler: a request Node's HTTP parser refuses (a raw Cyrillic letter in the address, headers
 * too large, a body too slow) gets an HTTP/1.1 answer in the documented shape, and the connection is closed, since
 * the parser cannot go on reading it. Nothing is written on a socket that can no longer take it, nor after a response
 * on the same keep-alive connection has begun (ours would be spliced into it).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] = CONNECTION_ERRORS[error.code ?? ''] ?? [400, 'Некорректный HTTP-запрос'];
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  const drop = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  drop.unref();
  socket.once('close', () => clearTimeout(drop));
}

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
    const client = clientErrorOf(error, request.headers['content-type']);
    if (client) {
      if (client.message === GENERAL_CLIENT_ERROR) request.log.info({ err: error }, 'client error');
      return sendClientError(reply, client);
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
