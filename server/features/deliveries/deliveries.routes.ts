import type { AppInstance } from '../../http/app-instance';
import {
  deliveryRetryAllResultSchema,
  deliveryRetryResultSchema,
  readinessSchema,
} from '../../../shared/api/deliveries';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, SYSTEM_ACTOR, type Services } from '../../lib/context';
import { safeErrorText } from '../../lib/redact-secrets';
import { deliveryBacklog, retryAllFailedDeliveries, retryFailedDeliveries } from './deliveries';

export function registerDeliveryRoutes(api: AppInstance, services: Services): void {
  api.post(
    '/cases/:id/deliveries/retry',
    {
      schema: {
        tags: ['cases'],
        summary: 'Повторно отправить недоставленные ответы обращения в каналы граждан',
        params: idParams,
        response: { 200: deliveryRetryResultSchema, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      return { queued: await retryFailedDeliveries(ctx, request.params.id) };
    },
  );

  api.post(
    '/deliveries/retry-failed',
    {
      schema: {
        tags: ['cases'],
        summary: 'Повторить все: снова отправить все недоставленные ответы (сотрудники ЦУР)',
        response: { 200: deliveryRetryAllResultSchema, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => retryAllFailedDeliveries(rootContext(services, requireUser(request))),
  );

  api.get(
    '/health/ready',
    {
      schema: {
        tags: ['system'],
        summary:
          'Готовность: база отвечает; очередь заданий и доставок, возраст самого старого ожидающего; очередь шины приёма; потоки анализа приёма',
        response: { 200: readinessSchema, 503: errorBody },
      },
    },
    async (_request, reply) => {
      try {
        const backlog = await deliveryBacklog(rootContext(services, SYSTEM_ACTOR));
        const bus = services.intakeBus ? await services.intakeBus.status(services.database.db) : null;
        const analysisThreads = services.analysisThreads?.status() ?? null;
        return { status: 'ready' as const, database: services.database.engine, ...backlog, bus, analysisThreads };
      } catch (error) {
        services.log.error({ err: safeErrorText(error, services.config) }, 'readiness check failed');
        return reply.status(503).send({ error: { code: 'unavailable', message: 'База данных недоступна' } });
      }
    },
  );
}
