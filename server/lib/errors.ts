// One error type with a closed set of codes, mapped to HTTP in one place (http/error-handler.ts).
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
  /** The same status under the name Fastify and plugin error handlers read. */
  get statusCode(): number {
    return this.status;
  }
}

const FOUND = { m: 'найден', f: 'найдена', n: 'найдено' } as const;
/** «… не найден(а, о)»: the participle agrees with the gender of the word (m, f, n). */
export const notFound = (what = 'Объект', gender: keyof typeof FOUND = 'm'): AppError =>
  new AppError('not_found', `${what} не ${FOUND[gender]}`);
export const forbidden = (message = 'Недостаточно прав'): AppError => new AppError('forbidden', message);
