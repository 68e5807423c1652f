import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import {
  authFailureSchema,
  authFailuresQuerySchema,
  createdTokenSchema,
  createTokenSchema,
  tokenSchema,
} from '../../../shared/api/auth';
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { requirePermission } from './authorize';
import { createToken, listTokens, revokeToken, type TokenSummary } from './tokens';
import { deactivateUser } from './users';

// Taking access away: deactivating users, integration tokens (listed without secrets, created, revoked) and the
// journal of failed sign-ins for administrators and auditors.
const loginParams = z.object({ login: z.string().min(1).max(100) });

export function registerAccessRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]): Ctx => rootContext(services, requireUser(request));

  api.post(
    '/users/:login/deactivate',
    {
      schema: {
        tags: ['auth'],
        summary: 'Отключить пользователя: его сессии завершаются сразу, вход запрещён',
        params: loginParams,
        response: {
          200: z.object({ id: z.number(), login: z.string() }),
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) => deactivateUser(ctxOf(request), request.params.login),
  );

  api.get(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Токены интеграций (без секретов)',
        response: { 200: z.array(tokenSchema), 403: errorBody },
      },
    },
    async (request) => (await listTokens(ctxOf(request))).map(presentToken),
  );

  api.post(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Создать токен интеграции с областями; значение показывается один раз',
        body: createTokenSchema,
        response: { 201: createdTokenSchema, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      return reply.status(201).send(await createToken(ctxOf(request), body.name, body.scopes));
    },
  );

  api.post(
    '/tokens/:id/revoke',
    {
      schema: {
        tags: ['auth'],
        summary: 'Отозвать токен интеграции',
        params: idParams,
        response: { 200: tokenSchema, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => presentToken(await revokeToken(ctxOf(request), Number(request.params.id))),
  );

  api.get(
    '/auth/failures',
    {
      schema: {
        tags: ['auth'],
        summary: 'Журнал неудачных входов (кто, когда, откуда, причина)',
        querystring: authFailuresQuerySchema,
        response: { 200: z.array(authFailureSchema), 403: errorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      requirePermission(ctx.actor, 'security.audit');
      const q = request.query;
      let query = ctx.db
        .selectFrom('auth_failures')
        .select(['id', 'at', 'login', 'user_id', 'address', 'reason'])
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit);
      if (q.login) query = query.where('login', '=', q.login.trim());
      if (q.from) query = query.where('at', '>=', parseMoscowTimestamp(q.from));
      if (q.to) query = query.where('at', '<', parseMoscowTimestamp(q.to));
      const rows = await query.execute();
      return rows.map((r) => ({
        id: String(r.id),
        at: r.at.toISOString(),
        login: r.login,
        userId: r.user_id,
        address: r.address,
        reason: r.reason,
      }));
    },
  );
}

function presentToken(t: TokenSummary): z.infer<typeof tokenSchema> {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
