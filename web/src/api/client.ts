// The one place that talks HTTP: JSON in and out, the session cookie, errors as ApiError with the server's
// Russian message, responses checked against the shared zod schemas. A 401 tells the app to show the sign-in
// screen; whatever the user was typing survives in sessionStorage (see common/drafts.ts).
import { API_HEADERS, takeEarly } from './early-requests';

/** Anything with zod's safeParse: the shared schemas, or a local one. */
export interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the server answers 401 to a request made with a session (expired or revoked). */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: URLSearchParams;
  signal?: AbortSignal;
  /** Do not broadcast a 401 (sign-in itself and the initial "who am I" probe). */
  quiet401?: boolean;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Некорректный запрос',
  401: 'Требуется вход в систему',
  403: 'Недостаточно прав',
  404: 'Не найдено',
  409: 'Действие недоступно в текущем состоянии',
  413: 'Слишком большой запрос',
  429: 'Слишком много запросов, повторите позже',
  500: 'Внутренняя ошибка сервера',
  502: 'Сервер недоступен',
  503: 'Сервис временно недоступен',
};

function errorFromBody(status: number, body: unknown): ApiError {
  const err = typeof body === 'object' && body !== null && 'error' in body ? body.error : null;
  if (typeof err === 'object' && err !== null) {
    const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof message === 'string' && message) {
      return new ApiError(status, typeof code === 'string' ? code : 'error', message, details);
    }
  }
  return new ApiError(status, 'http_error', FALLBACK_MESSAGES[status] ?? `Ошибка сервера (${status})`);
}

/** The address of an API call: `/api` + path + the query string, if any. */
export function apiUrl(path: string, query?: URLSearchParams): string {
  const search = query?.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

export async function apiRequest<T>(path: string, schema: ResponseSchema<T>, options: RequestOptions = {}): Promise<T> {
  const url = apiUrl(path, options.query);
  const hasBody = options.body !== undefined;
  const method = options.method ?? (hasBody ? 'POST' : 'GET');
  let response: Response;
  try {
    const early = method === 'GET' ? takeEarly(url) : undefined;
    response = await (early ??
      fetch(url, {
        method,
        credentials: 'same-origin',
        headers: { ...API_HEADERS, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
        ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }));
    options.signal?.throwIfAborted();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение и повторите.');
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) for (const listener of unauthorizedListeners) listener();
    throw errorFromBody(response.status, body);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error('Ответ API не соответствует схеме', path, parsed.error);
    throw new ApiError(response.status, 'bad_response', 'Сервер вернул данные в неожиданном формате');
  }
  return parsed.data;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** At most this many of a refusal's field problems are named in its message. */
const SHOWN_DETAILS = 4;

/**
 * The server's message and, for a refused form, what is wrong with which field: `details` of a 400 are
 * `{path, message}` (path as `/team/0/share`, shown as «team › 1 › share»; items counted from one).
 */
function withDetails(error: ApiError): string {
  if (!Array.isArray(error.details)) return error.message;
  const problems = error.details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof message !== 'string' || !message) return [];
    const field =
      typeof path === 'string'
        ? path
            .split('/')
            .filter(Boolean)
            .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
            .join(' › ')
        : '';
    return [field ? `${field}: ${message}` : message];
  });
  if (problems.length === 0) return error.message;
  const more = problems.length - SHOWN_DETAILS;
  return `${error.message}. ${problems.slice(0, SHOWN_DETAILS).join('; ')}${more > 0 ? `; и ещё ${more}` : ''}`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return withDetails(error);
  if (error instanceof Error && error.message) return error.message;
  return 'Неизвестная ошибка';
}
