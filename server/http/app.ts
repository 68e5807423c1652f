import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppInstance } from './app-instance';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAnalyticsRoutes } from '../features/analytics/analytics.routes';
import { registerAttachmentRoutes } from '../features/attachments/attachments.routes';
import { registerAuthRoutes } from '../features/auth/auth.routes';
import { registerCasesRoutes } from '../features/cases/cases.routes';
import { registerWorkspaceRoutes } from '../features/workspace/workspace.routes';
import { registerClassifierRoutes } from '../features/classifier/retrain/models.routes';
import { registerDuplicatesRoutes } from '../features/duplicates/duplicates.routes';
import { registerClustersRoutes } from '../features/clusters/clusters.routes';
import { registerIntakeRoutes } from '../features/intake/intake.routes';
import { registerKpiRoutes } from '../features/kpi/kpi.routes';
import { registerGroupRoutes } from '../features/groups/groups.routes';
import { registerRoadmapRoutes } from '../features/roadmap/roadmap.routes';
import { registerPublicPagesRoutes } from '../features/public-pages/public-pages.routes';
import { registerVotesRoutes } from '../features/votes/votes.routes';
import { registerMediaRoutes } from '../features/media/media.routes';
import { registerCampaignRoutes } from '../features/campaigns/campaigns.routes';
import { registerPracticesRoutes } from '../features/practices/practices.routes';
import { registerSeminarsRoutes } from '../features/seminars/seminars.routes';
import { registerKnowledgeRoutes } from '../features/knowledge/knowledge.routes';
import { registerPersonalDataRoutes } from '../features/personal-data/personal-data.routes';
import { registerProjectRoutes } from '../features/projects/projects.routes';
import { registerReportsRoutes } from '../features/reports/reports.routes';
import { registerDocumentsRoutes } from '../features/documents/documents.routes';
import { registerReferenceRoutes } from '../features/reference/reference.routes';
import { registerAdminRoutes } from '../features/admin/admin.routes';
import { registerAdminSettingsRoutes } from '../features/admin/admin-settings.routes';
import { registerDeliveryRoutes } from '../features/deliveries/deliveries.routes';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../shared/api/csrf';
import { RETRY_AFTER_SECONDS } from '../db/outage';
import { registerNotificationRoutes } from '../features/notifications/notifications.routes';
import type { Services } from '../lib/context';
import { registerAuthHook } from './auth-hook';
import { HARD_BODY_LIMIT, registerBodySizeLimit } from './body-size';
import { registerJsonBody } from './body-encoding';
import { registerCsrfCheck } from './csrf';
import { answerClientError, frameworkErrors, notFoundBody, registerErrorHandler } from './error-handler';
import { registerInputGuard, REQUEST_RECEIVE_TIMEOUT_MS } from './input-guard';
import { registerSecurityHeaders } from './security-headers';
import { PLAIN_SESSION_COOKIE } from './session-cookie';
import { webPage } from './web-page';
import { registerInternalRoutes } from './internal.routes';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildOptions {
  logger?: boolean;
  /** Secret for CLI commands forwarded to this server (embedded database lock), see cli/forward.ts */
  internalSecret?: string;
}

/** Builds the HTTP application without listening: tests use app.inject(), `otklik serve` calls listen(). */
export async function buildApp(services: Services, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: services.config.logLevel } : false,
    bodyLimit: HARD_BODY_LIMIT,
    // X-Forwarded-For/-Proto/-Host are believed only from the configured reverse proxies
    trustProxy: services.config.trustProxy.length ? [...services.config.trustProxy] : false,
    // A client has this long to send its whole request (headers and body), so slow senders cannot hold sockets.
    requestTimeout: REQUEST_RECEIVE_TIMEOUT_MS,
    // Requests refused before routing (Node's parser, a bad %-sequence) answer in the documented shape, in Russian.
    clientErrorHandler: answerClientError,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerJsonBody(app);
  registerBodySizeLimit(app, services.config.maxBodyBytes);
  registerInputGuard(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Отклик API', description: 'API платформы ЦУР «Отклик»', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Токен интеграции (otklik tokens create)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: PLAIN_SESSION_COOKIE,
            description: `По HTTPS — __Host-${PLAIN_SESSION_COOKIE}; изменяющие запросы из браузера несут заголовок ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}`,
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await registerSecurityHeaders(app, services.config);
  await app.register(cookie);
  registerCsrfCheck(app, services.config);
  registerAuthHook(app, services);
  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      registerHealth(api, services);
      registerAuthRoutes(api, services);
      registerIntakeRoutes(api, services);
      registerCasesRoutes(api, services);
      registerWorkspaceRoutes(api, services);
      registerAttachmentRoutes(api, services);
      registerReferenceRoutes(api, services);
      registerAdminRoutes(api, services);
      registerAdminSettingsRoutes(api, services);
      registerDeliveryRoutes(api, services);
      registerNotificationRoutes(api, services);
      registerClassifierRoutes(api, services);
      registerDuplicatesRoutes(api, services);
      registerClustersRoutes(api, services);
      registerKpiRoutes(api, services);
      registerReportsRoutes(api, services);
      registerDocumentsRoutes(api, services);
      registerAnalyticsRoutes(api, services);
      registerPersonalDataRoutes(api, services);
      registerPublicPagesRoutes(api, services);
      registerVotesRoutes(api, services);
      registerMediaRoutes(api, services);
      registerCampaignRoutes(api, services);
      registerPracticesRoutes(api, services);
      registerSeminarsRoutes(api, services);
      registerKnowledgeRoutes(api, services);
      registerProjectRoutes(api, services);
      registerGroupRoutes(api, services);
      registerRoadmapRoutes(api, services);
      if (options.internalSecret) registerInternalRoutes(api, services, options.internalSecret);
    },
    { prefix: '/api' },
  );
  // Channel adapters' inbound endpoints (webhooks, Open311, the widget) live outside /api, each under its own prefix.
  for (const adapter of services.channels) await adapter.registerRoutes?.(app, services);
  await registerWeb(app, services);
  return app;
}

function registerHealth(api: AppInstance, services: Services): void {
  api.get('/health', { schema: { tags: ['system'], summary: 'Проверка работоспособности' } }, async (_req, reply) => {
    try {
      await services.database.db.selectFrom('blocks').select('id').limit(1).execute();
      return { status: 'ok', database: services.database.engine };
    } catch (error) {
      services.log.error({ err: String(error) }, 'health check failed');
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: 'unavailable', message: 'База данных недоступна' } });
    }
  });
}

async function registerWeb(app: FastifyInstance, services: Services): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(index)) {
    app.setNotFoundHandler((request, reply) => reply.status(404).send(notFoundBody(request.method, request.url)));
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><html lang="ru"><meta charset="utf-8"><title>Отклик</title><body><p>Веб-интерфейс не собран: выполните <code>npm run build:web</code>.</p></body></html>',
        ),
    );
    return;
  }
  // Vite names the files under assets/ by their content hash: a browser keeps them for good. The page (the entry
  // naming the current hashes, with the session in it: web-page.ts) is revalidated every time, so a new build is
  // picked up at once.
  const assets = `${path.sep}assets${path.sep}`;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: false,
    globIgnore: ['index.html'],
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('Cache-Control', filePath.includes(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = webPage(services, index);
  app.get('/', { schema: { hide: true } }, page);
  app.get('/index.html', { schema: { hide: true } }, page);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send(notFoundBody(request.method, request.url));
    }
    return page(request, reply);
  });
}
