import { AppError } from '../lib/errors';

// PostgreSQL ends a transaction to break a deadlock (40P01) or a serialization conflict (40001); its documentation's
// answer is to run the transaction again. Intake does so, so that a citizen's message is not refused because the
// nightly upkeep (new monthly partitions) or another node's write crossed it.

const TRANSIENT_CODES = new Set(['40P01', '40001']);

/** The error is a deadlock or a serialization failure: the same work may succeed when run again. */
export function isTransientFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/**
 * Runs fn, and again (up to `attempts` runs in all, after a short random pause) while it fails with a deadlock or a
 * serialization failure. fn must be a whole unit of work: a statement outside a transaction, or a transaction of its
 * own — never a part of an enclosing transaction, which PostgreSQL has already aborted.
 */
export async function retryTransient<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isTransientFailure(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.random() * 40)));
    }
  }
}

export const CONFLICT_RETRY_AFTER_SECONDS = 1;

/** What a client is told when a transient failure outlived the retries (or struck a request that does not retry). */
export function transactionConflict(cause?: unknown): AppError {
  const error = new AppError(
    'unavailable',
    `Запрос совпал по времени с другим изменением тех же данных и не выполнен: повторите его через ${CONFLICT_RETRY_AFTER_SECONDS} с`,
    { retryAfterSeconds: CONFLICT_RETRY_AFTER_SECONDS },
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}
