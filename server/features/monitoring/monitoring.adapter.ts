import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import { requireActor } from '../../http/auth-hook';
import { requireScope } from '../auth/tokens';
import { errorBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import type { ChannelAdapter, ChannelAdapterFactory } from '../channels/channel-adapter';
import { ingestPosts, providerBatchSchema, providerPost } from './ingest-posts';
import { createVkApi, startVkPoller } from './vk-newsfeed';

// Monitoring of public posts: an endpoint where an external monitoring provider posts batches of public
// posts (integration token), and the VK newsfeed poller (on when a VK service token is configured). Answers
// to posts are sent by the adapter of the network's channel (the VK adapter replies under a VK post);
// the post's link is kept in the message's labels and attachments for that.

export const MONITORING_POSTS_URL = '/monitoring/v1/posts';

const outcomeSchema = z.object({
  externalId: z.string(),
  url: z.string(),
  accepted: z.boolean(),
  reason: z.string(),
  relevance: z.number(),
  messageId: z.string().optional(),
  caseId: z.string().optional(),
  repeated: z.boolean().optional(),
});
const batchResultSchema = z.object({
  received: z.number(),
  accepted: z.number(),
  created: z.number(),
  repeated: z.number(),
  rejected: z.number(),
  results: z.array(outcomeSchema),
});

export const createMonitoringAdapter: ChannelAdapterFactory = (services) => {
  const { vkToken, vkApiUrl, intervalSeconds } = services.config.monitoring;
  return {
    name: 'monitoring',
    channels: [],
    registerRoutes: (app) => registerMonitoringRoutes(app, services),
    ...(vkToken
      ? { start: (s: Services) => startVkPoller(s, createVkApi(vkToken, vkApiUrl), intervalSeconds * 1000) }
      : {}),
  } satisfies ChannelAdapter;
};

function registerMonitoringRoutes(app: AppInstance, services: Services): void {
  app.post(
    MONITORING_POSTS_URL,
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Пакет публичных постов от поставщика мониторинга (токен интеграции)',
        description:
          'Посты с ключевыми словами блоков, про регион и похожие на жалобу становятся сообщениями; ' +
          'один пост (соцсеть + владелец + номер поста) принимается один раз.',
        security: [{ bearer: [] }],
        body: providerBatchSchema,
        response: { 200: batchResultSchema, 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.kind !== 'integration')
        throw new AppError('forbidden', 'Посты мониторинга принимаются только по токену интеграции');
      requireScope(actor, (scopes) => scopes.includes('monitoring'), 'посты мониторинга');
      const batch = request.body;
      const results = await ingestPosts(rootContext(services, actor), batch.posts.map(providerPost), 'provider');
      const accepted = results.filter((r) => r.accepted);
      return {
        received: results.length,
        accepted: accepted.length,
        created: accepted.filter((r) => !r.repeated).length,
        repeated: accepted.filter((r) => r.repeated).length,
        rejected: results.length - accepted.length,
        results,
      };
    },
  );
}
