import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession, type UserActor } from '../features/auth/sessions';
import { findCachedToken } from '../features/auth/token-cache';
import type { Actor, Services } from '../lib/context';
import { AppError } from '../lib/errors';
import { sessionFromRequest } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** A user signed in by password who must enrol a second factor first (no other access until then). */
    enrolling: UserActor | null;
  }
}

/** Resolves the actor from the session cookie or an integration token (Authorization: Bearer …). */
export function registerAuthHook(app: FastifyInstance, services: Services): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('enrolling', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await resolveActor(request, services);
  });
}

async function resolveActor(request: FastifyRequest, services: Services): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = await findCachedToken(services.database, header.slice(7).trim(), services.clock.now());
    return token
      ? { kind: 'integration', tokenId: token.id, label: `Интеграция «${token.name}»`, scopes: token.scopes }
      : null;
  }
  const session = sessionFromRequest(request, services.config);
  if (!session) return null;
  const { sessionTtlHours: ttlHours, auth } = services.config;
  const resolved = await resolveSession(services.database.db, session, services.clock.now(), {
    ttlHours,
    idleMinutes: auth.sessionIdleMinutes,
  });
  if (resolved?.stage === 'enrol') request.enrolling = resolved.actor;
  return resolved?.stage === 'full' ? resolved.actor : null;
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Требуется вход в систему или токен интеграции');
  return request.actor;
}

export function requireUser(request: FastifyRequest): Extract<Actor, { kind: 'user' }> {
  const actor = requireActor(request);
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Доступно только сотрудникам после входа в систему');
  return actor;
}
