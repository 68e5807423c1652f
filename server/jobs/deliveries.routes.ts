import type { FastifyInstance } from 'fastify';
import { deliveryRetryResultSchema } from '../../shared/api/deliveries';
import { requireUser } from '../http/auth-hook';
import { errorBody, idParams } from '../http/schemas';
import { rootContext, type Services } from '../lib/context';
import { retryFailedDeliveries } from './deliveries';

export function registerDeliveryRoutes(api: FastifyInstance, services: Services): void {
  api.post('/cases/:id/deliveries/retry', {
    schema: {
      tags: ['cases'], summary: 'Повторно отправить недоставленные ответы обращения в каналы граждан',
      params: idParams, response: { 200: deliveryRetryResultSchema, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (request) => {
    const ctx = rootContext(services, requireUser(request));
    return { queued: await retryFailedDeliveries(ctx, (request.params as { id: string }).id) };
  });
}
