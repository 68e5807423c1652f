import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginInputSchema, meSchema, sessionSchema, type Me, type Session } from '../../../shared/api/auth';
import { ROLE_LABELS, ROLE_PERMISSIONS } from '../../../shared/auth/roles';
import { errorBody } from '../../http/schemas';
import { requireUser } from '../../http/auth-hook';
import type { Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { sessionCookie, sessionFromRequest } from '../../http/session-cookie';
import { actorForSession, login, logout } from './sessions';

export function registerAuthRoutes(api: FastifyInstance, services: Services): void {
  api.post('/auth/login', {
    schema: {
      tags: ['auth'], summary: 'Вход по логину и паролю (cookie-сессия)',
      body: loginInputSchema,
      response: { 200: meSchema, 401: errorBody },
    },
  }, async (request, reply) => {
    const { login: name, password } = request.body as { login: string; password: string };
    const session = await login(services.database.db, name, password, services.clock.now(), services.config.sessionTtlHours);
    if (!session) throw new AppError('unauthenticated', 'Неверный логин или пароль');
    const cookie = sessionCookie(services.config);
    reply.setCookie(cookie.name, session, cookie.options);
    const actor = await actorForSession(services.database.db, session, services.clock.now());
    if (!actor || actor.kind !== 'user') throw new AppError('internal', 'Сессия не создана');
    return presentMe(services, actor);
  });

  api.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Выход' } }, async (request, reply) => {
    const session = sessionFromRequest(request, services.config);
    if (session) await logout(services.database.db, session);
    const { name, options } = sessionCookie(services.config);
    reply.clearCookie(name, { path: options.path, secure: options.secure, httpOnly: true, sameSite: 'lax' });
    return { ok: true };
  });

  api.get('/auth/me', { schema: { tags: ['auth'], summary: 'Текущий пользователь и его права', response: { 200: meSchema, 401: errorBody } } },
    async (request) => presentMe(services, requireUser(request)));

  // The web app's first request: 200 whether or not someone is signed in (a 401 here would be a console error
  // on every visit to the sign-in screen).
  api.get('/auth/session', { schema: { tags: ['auth'], summary: 'Кто вошёл: пользователь или null', response: { 200: sessionSchema } } },
    async (request) => sessionOf(services, request));
}

/** The body of GET /api/auth/session; index.html carries the same (server/http/web-page.ts). */
export async function sessionOf(services: Services, request: FastifyRequest): Promise<Session> {
  return { user: request.actor?.kind === 'user' ? await presentMe(services, request.actor) : null };
}

async function presentMe(services: Services, actor: ReturnType<typeof requireUser>): Promise<Me> {
  const ref = await services.reference.get(services.database.db);
  return {
    id: actor.userId, login: actor.login, name: actor.label, role: actor.role, roleLabel: ROLE_LABELS[actor.role],
    organisationId: actor.organisationId,
    organisation: actor.organisationId !== null ? ref.organisationById.get(actor.organisationId)?.name ?? null : null,
    permissions: [...ROLE_PERMISSIONS[actor.role]],
  };
}
