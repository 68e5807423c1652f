// Cross-site request forgery: a state-changing request that carries the staff session cookie (and the sign-in,
// which sets it) is accepted only from the platform's own pages.
// - Sec-Fetch-Site, when sent, must be `same-origin` (or `none`: the user's own action);
// - Origin, when sent, must be the platform's: the configured public URL or the host the request was sent to;
// - a request from a browser (one that sends either header) to /api/ must also carry X-Otklik-Request, a header
//   no other site can add without a CORS preflight (never granted), so a form or a text/plain POST is refused.
// Requests with neither header do not come from a browser (integrations, the CLI, scripts): no victim's browser,
// no forgery. Bearer-token requests are not cookie-based and pass: the auth hook then ignores the cookie.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../shared/api/csrf';
import type { Config } from '../config';
import { AppError } from '../lib/errors';
import { sessionFromRequest } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_URL = '/api/auth/login';

export function registerCsrfCheck(app: FastifyInstance, config: Config): void {
  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : null;
  // answered here, not thrown: the channel adapters' scopes have error handlers of their own formats
  app.addHook('onRequest', async (request, reply) => {
    const problem = csrfProblem(request, config, publicOrigin);
    if (!problem) return;
    const error = new AppError('forbidden', `Запрос отклонён (защита от подделки межсайтовых запросов): ${problem}`);
    return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function csrfProblem(request: FastifyRequest, config: Config, publicOrigin: string | null): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  if (header(request, 'authorization')?.startsWith('Bearer ')) return null;
  const path = request.url.split('?')[0] ?? '';
  if (sessionFromRequest(request, config) === undefined && path !== LOGIN_URL) return null;
  const site = header(request, 'sec-fetch-site');
  const origin = header(request, 'origin');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `запрос с другого сайта (Sec-Fetch-Site: ${site})`;
  if (origin !== undefined && !sameOrigin(origin, request, publicOrigin))
    return `чужой источник ${origin.slice(0, 200)}`;
  const fromBrowser = site !== undefined || origin !== undefined;
  if (fromBrowser && path.startsWith('/api/') && header(request, CSRF_HEADER.toLowerCase()) !== CSRF_HEADER_VALUE) {
    return `нет заголовка ${CSRF_HEADER}`;
  }
  return null;
}

function sameOrigin(origin: string, request: FastifyRequest, publicOrigin: string | null): boolean {
  if (origin === publicOrigin) return true;
  try {
    const { protocol, host } = new URL(origin);
    // the host the browser sent the request to, with the default port of the origin's scheme dropped like URL does
    return host === new URL(`${protocol}//${header(request, 'host') ?? ''}`).host;
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) and garbage
  }
}
