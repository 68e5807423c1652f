import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import {
  changePasswordSchema,
  confirmEnrolmentSchema,
  enrolmentSchema,
  loginInputSchema,
  meSchema,
  recoveryCodesSchema,
  sessionSchema,
  type Me,
  type Session,
} from '../../../shared/api/auth';
import { ROLE_LABELS, ROLE_PERMISSIONS } from '../../../shared/auth/roles';
import { errorBody } from '../../http/schemas';
import { requireUser } from '../../http/auth-hook';
import { sessionCookie, sessionFromRequest } from '../../http/session-cookie';
import { rootContext, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { registerAccessRoutes } from './access.routes';
import { confirmEnrolment, disableSecondFactor, secondFactorState, startEnrolment } from './second-factor';
import { closeSession, promoteSession, type UserActor } from './sessions';
import { signIn } from './sign-in';
import { changeOwnPassword } from './users';

const ok = { 200: z.object({ ok: z.boolean() }) };

export function registerAuthRoutes(api: AppInstance, services: Services): void {
  const setCookie = (reply: FastifyReply, sessionId: string): void => {
    const cookie = sessionCookie(services.config);
    reply.setCookie(cookie.name, sessionId, cookie.options);
  };

  api.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Вход по логину и паролю (и коду второго фактора, если он подключён)',
        description:
          '401 с details.secondFactor = "required": пароль верен, нужен код. 429: вход временно ограничен ' +
          '(заголовок Retry-After). secondFactor = "required" в ответе: сессия годится только для подключения второго фактора.',
        body: loginInputSchema,
        response: { 200: meSchema, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const input = request.body;
      let signed;
      try {
        signed = await signIn(services, input, request.ip);
      } catch (err) {
        const retry =
          err instanceof AppError && err.code === 'rate_limited'
            ? (err.details as { retryAfterSeconds: number }).retryAfterSeconds
            : 0;
        if (retry) reply.header('Retry-After', String(retry));
        throw err;
      }
      setCookie(reply, signed.sessionId);
      const user = await services.database.db
        .selectFrom('users')
        .select(['id', 'login', 'full_name', 'role', 'organisation_id', 'block_code'])
        .where('login', '=', input.login.trim())
        .executeTakeFirstOrThrow();
      return presentMe(
        services,
        {
          kind: 'user',
          userId: user.id,
          login: user.login,
          role: user.role as UserActor['role'],
          organisationId: user.organisation_id,
          blockCode: user.block_code,
          label: user.full_name || user.login,
        },
        signed.stage === 'enrol',
      );
    },
  );

  api.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Выход' } }, async (request, reply) => {
    const session = sessionFromRequest(request, services.config);
    if (session) await closeSession(services.database.db, session);
    const { name, options } = sessionCookie(services.config);
    reply.clearCookie(name, { path: options.path, secure: options.secure, httpOnly: true, sameSite: 'lax' });
    return { ok: true };
  });

  api.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Текущий пользователь и его права',
        response: { 200: meSchema, 401: errorBody },
      },
    },
    async (request) => presentMe(services, requireUser(request)),
  );

  // The web app's first request: 200 whether or not someone is signed in (a 401 here would be a console error
  // on every visit to the sign-in screen).
  api.get(
    '/auth/session',
    { schema: { tags: ['auth'], summary: 'Кто вошёл: пользователь или null', response: { 200: sessionSchema } } },
    async (request) => sessionOf(services, request),
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Сменить свой пароль (остальные сессии завершаются)',
        body: changePasswordSchema,
        response: { 200: ok[200], 400: errorBody, 401: errorBody },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const { current, next } = request.body;
      await changeOwnPassword(rootContext(services, actor), {
        current,
        next,
        keepSessionId: sessionFromRequest(request, services.config) ?? '',
      });
      return { ok: true };
    },
  );

  api.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Начать подключение второго фактора: секрет, otpauth:// и QR-код',
        response: { 200: enrolmentSchema, 401: errorBody },
      },
    },
    async (request) => {
      const user = enrollingOrUser(request);
      return startEnrolment(services.database.db, user.userId, user.login);
    },
  );

  api.post(
    '/auth/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Подтвердить второй фактор кодом из приложения; ответ — коды восстановления (показываются один раз)',
        body: confirmEnrolmentSchema,
        response: { 200: recoveryCodesSchema, 400: errorBody, 401: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const user = enrollingOrUser(request);
      const codes = await confirmEnrolment(
        services.database.db,
        user.userId,
        user.login,
        request.body.code,
        services.clock.now(),
      );
      const session = sessionFromRequest(request, services.config);
      if (session) await promoteSession(services.database.db, session);
      const me = await presentMe(services, user);
      return { recoveryCodes: codes, user: me };
    },
  );

  api.post(
    '/auth/totp/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Отключить второй фактор (если он не обязателен для роли)',
        response: { 200: ok[200], 401: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      if (services.config.auth.totpRequiredRoles.includes(actor.role)) {
        throw new AppError('conflict', 'Для этой роли второй фактор обязателен: отключить его нельзя');
      }
      await disableSecondFactor(services.database.db, actor.userId);
      return { ok: true };
    },
  );

  registerAccessRoutes(api, services);
}

function enrollingOrUser(request: FastifyRequest): UserActor {
  return request.enrolling ?? requireUser(request);
}

/** The body of GET /api/auth/session; index.html carries the same (server/http/web-page.ts). */
export async function sessionOf(services: Services, request: FastifyRequest): Promise<Session> {
  if (request.actor?.kind === 'user') return { user: await presentMe(services, request.actor) };
  return { user: request.enrolling ? await presentMe(services, request.enrolling, true) : null };
}

/** enrolling: the session may only enrol a second factor (no permissions until then). */
async function presentMe(services: Services, actor: UserActor, enrolling = false): Promise<Me> {
  const ref = await services.reference.get(services.database.db);
  const row = await services.database.db
    .selectFrom('users')
    .select(['role', 'totp_secret', 'created_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const { totpRequiredRoles: requiredRoles, totpGraceDays: graceDays } = services.config.auth;
  const state = secondFactorState(row, { requiredRoles, graceDays }, services.clock.now());
  // A full session whose grace period ran out meanwhile keeps working; its next sign-in asks for enrolment.
  const secondFactor = state === 'required' && !enrolling ? 'due' : state;
  return {
    id: actor.userId,
    login: actor.login,
    name: actor.label,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    organisationId: actor.organisationId,
    organisation: actor.organisationId !== null ? (ref.organisationById.get(actor.organisationId)?.name ?? null) : null,
    permissions: enrolling ? [] : [...ROLE_PERMISSIONS[actor.role]],
    secondFactor,
  };
}
