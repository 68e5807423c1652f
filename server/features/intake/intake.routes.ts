import type { FastifyInstance } from 'fastify';
import { intakeMessageSchema, intakeResultSchema, type IntakeMessage } from '../../../shared/api/messages';
import { requireActor } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { requireScope } from '../auth/tokens';
import { scopesAllowChannel } from '../../../shared/auth/token-scopes';
import { receiveMessage } from './receive-message';

export function registerIntakeRoutes(api: FastifyInstance, services: Services): void {
  api.post('/messages', {
    schema: {
      tags: ['intake'],
      summary: 'Принять сообщение из канала (идемпотентно по channel + externalId)',
      description: '201 — создано новое сообщение; 200 — такое сообщение уже было, ответ с теми же идентификаторами.',
      security: [{ bearer: [] }],
      body: intakeMessageSchema,
      response: { 200: intakeResultSchema, 201: intakeResultSchema, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    // Integrations post what channels receive; ЦУР staff may register a call or a letter by hand.
    if (actor.kind === 'user') requirePermission(actor, 'cases.triage');
    const message = request.body as IntakeMessage;
    requireScope(actor, (scopes) => scopesAllowChannel(scopes, message.channel), `сообщения канала ${message.channel}`);
    const outcome = await receiveMessage(rootContext(services, actor), message);
    return reply.status(outcome.created ? 201 : 200).send(outcome.result);
  });
}
