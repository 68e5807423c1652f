import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../http/app-instance';
import { registerFormBody } from '../../http/body-encoding';
import { clientErrorOf, unavailableError } from '../../http/error-handler';
import { publicBaseUrl } from '../../config';
import { rootContext, SYSTEM_ACTOR, type Ctx, type Services } from '../../lib/context';
import { findToken } from '../auth/tokens';
import type { ChannelAdapter, ChannelAdapterFactory } from '../channels/channel-adapter';
import { Open311Error, sendError, sendList, sendObject, splitFormat, type Open311Format } from './open311.format';
import {
  createServiceRequest,
  findRequestIdByToken,
  findRequests,
  MAX_REQUESTS,
  OPEN311_CHANNEL,
  parseRequestQuery,
  parseServiceRequest,
  requestXml,
  type Fields,
} from './open311.requests';
import { parseInboundUpdate, receiveInboundUpdate } from './open311.inbound';
import { findUpdates } from './open311.updates';
import { definitionXml, findServiceRef, listServiceRefs, presentDefinition, presentService } from './open311.services';

// Open311 GeoReport v2 server (https://wiki.open311.org/GeoReport_v2) at /open311/v2/. Reading is public;
// POST requests needs api_key = an integration token (otklik tokens create). Citizens and aggregators read
// answers through GET requests, so delivering an answer to an Open311 message only records its publication.

export const OPEN311_PREFIX = '/open311/v2';
/** The date this endpoint's behaviour last changed (discovery's changeset). */
const CHANGESET = '2026-11-26T00:00:00+03:00';

type Query = Record<string, string | undefined>;
/** Open311 routes declare no schemas (errors must be Open311's own XML/JSON): the request parts are typed here. */
type Open311Route = { Params: { file: string }; Querystring: Query };
type Open311Request = FastifyRequest<Open311Route>;
type Handler = (
  ctx: Ctx,
  format: Open311Format,
  name: string,
  request: Open311Request,
  reply: FastifyReply,
) => Promise<FastifyReply>;

export const createOpen311Adapter: ChannelAdapterFactory = () =>
  ({
    name: 'open311',
    channels: [OPEN311_CHANNEL],
    async registerRoutes(app, services) {
      await app.register(async (scope) => registerOpen311Routes(scope, services), { prefix: OPEN311_PREFIX });
    },
    send: async (_services, answer) => `опубликовано в Open311: ${OPEN311_PREFIX}/requests/${answer.message.id}.json`,
    // The extension notice is a public update of the request (open311.updates.ts), read the same way as answers.
    sendNotice: async (_services, notice) =>
      `опубликовано в Open311 как обновление заявки: ${OPEN311_PREFIX}/requests/${notice.message.id}.json`,
  }) satisfies ChannelAdapter;

function formatOf(url: string): Open311Format {
  return /\.xml(\?|$)/i.test(url) ? 'xml' : 'json';
}

async function registerOpen311Routes(scope: AppInstance, services: Services): Promise<void> {
  registerFormBody(scope);
  // Malformed bodies and other request errors leave as the spec's error list, not the API's error shape.
  scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const format = formatOf(request.url);
    if (error instanceof Open311Error) return sendError(reply, format, error);
    const unavailable = unavailableError(error);
    if (unavailable) {
      return sendError(
        reply.header('retry-after', String(unavailable.retryAfterSeconds)),
        format,
        new Open311Error(503, unavailable.message),
      );
    }
    const client = clientErrorOf(
      error,
      request.headers['content-type'],
      'application/x-www-form-urlencoded или application/json',
    );
    if (client) return sendError(reply, format, new Open311Error(400, client.message));
    request.log.error({ err: error }, 'open311 error');
    return reply
      .status(500)
      .send(
        format === 'json'
          ? JSON.stringify([{ code: 500, description: 'Внутренняя ошибка сервера' }])
          : '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>500</code><description>Внутренняя ошибка сервера</description></error></errors>',
      );
  });
  scope.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      formatOf(request.url),
      new Open311Error(404, `Нет такого метода Open311: ${request.method} ${request.url.split('?')[0]}`),
    ),
  );

  const route = (handlers: Record<string, Handler>) => async (request: Open311Request, reply: FastifyReply) => {
    const params = request.params;
    const split = splitFormat(params.file);
    if (!split) throw new Open311Error(404, 'Укажите формат ответа расширением .json или .xml');
    const fields = { ...request.query, ...(isFields(request.body) ? request.body : {}) };
    const jurisdiction = typeof fields.jurisdiction_id === 'string' ? fields.jurisdiction_id.trim() : '';
    if (jurisdiction && jurisdiction !== services.config.open311.jurisdiction) {
      throw new Open311Error(
        404,
        `jurisdiction_id «${jurisdiction}» не найден; этот сервер обслуживает «${services.config.open311.jurisdiction}»`,
      );
    }
    const handler = handlers[split.name] ?? handlers['*'];
    if (!handler) throw new Open311Error(404, `Нет такого метода Open311: ${split.name}`);
    return handler(rootContext(services, SYSTEM_ACTOR), split.format, split.name, request, reply);
  };
  const hide = { schema: { hide: true } };

  scope.get<Open311Route>(
    '/:file',
    hide,
    route({
      discovery: async (_ctx, format, _name, request, reply) => {
        const base = `${publicBaseUrl(services.config)}${OPEN311_PREFIX}/`;
        const endpoint = {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: base,
          changeset: CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        };
        const json = {
          changeset: CHANGESET,
          contact: services.config.open311.contact,
          key_service: 'Ключ API выдаёт администратор платформы (otklik tokens create)',
          endpoints: [endpoint],
        };
        return sendObject(reply, format, 'discovery', json, {
          ...json,
          endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] },
        });
      },
      services: async (ctx, format, _name, _request, reply) => {
        const ref = await ctx.services.reference.get(ctx.db);
        return sendList(reply, format, 'services', 'service', listServiceRefs(ref).map(presentService));
      },
      requests: async (ctx, format, _name, request, reply) => {
        const query = parseRequestQuery(request.query, ctx.services.clock.now());
        const list = await findRequests(ctx, query, wantsNotes(request.query));
        return sendList(reply, format, 'service_requests', 'request', list, 200, requestXml);
      },
      servicerequestupdates: async (ctx, format, _name, request, reply) => {
        const updates = await findUpdates(ctx, request.query, ctx.services.clock.now(), MAX_REQUESTS);
        return sendList(reply, format, 'service_request_updates', 'request_update', updates);
      },
    }),
  );

  scope.post<Open311Route>(
    '/:file',
    hide,
    route({
      requests: async (ctx, format, _name, request, reply) => {
        const fields = { ...request.query, ...(isFields(request.body) ? request.body : {}) };
        const token = await requireKey(ctx, fields);
        const ref = await ctx.services.reference.get(ctx.db);
        const parsed = parseServiceRequest(fields, ref, token.id);
        const integration = rootContext(ctx.services, {
          kind: 'integration',
          tokenId: token.id,
          label: `Open311: ${token.name}`,
          scopes: token.scopes,
        });
        const created = await createServiceRequest(integration, parsed);
        const body = [
          {
            service_request_id: created.id,
            token: created.token,
            service_notice: 'Обращение зарегистрировано',
            account_id: null,
          },
        ];
        return sendList(reply, format, 'service_requests', 'request', body, created.created ? 201 : 200);
      },
      servicerequestupdates: async (ctx, format, _name, request, reply) => {
        const fields = { ...request.query, ...(isFields(request.body) ? request.body : {}) };
        const token = await requireKey(ctx, fields);
        const update = parseInboundUpdate(fields);
        const integration = rootContext(ctx.services, { kind: 'system', label: `Open311: ${token.name}` });
        const stored = await receiveInboundUpdate(integration, token.id, update);
        return sendList(
          reply,
          format,
          'service_request_updates',
          'request_update',
          [{ update_id: stored.id }],
          stored.created ? 201 : 200,
        );
      },
    }),
  );

  scope.get<Open311Route>(
    '/services/:file',
    hide,
    route({
      '*': async (ctx, format, code, _request, reply) => {
        const ref = await ctx.services.reference.get(ctx.db);
        const service = findServiceRef(ref, code);
        if (!service) throw new Open311Error(404, `Нет услуги с кодом «${code}»`);
        const definition = presentDefinition(service, ref);
        return sendObject(reply, format, 'service_definition', definition, definitionXml(definition));
      },
    }),
  );

  scope.get<Open311Route>(
    '/requests/:file',
    hide,
    route({
      '*': async (ctx, format, id, request, reply) => {
        const [found] = await findRequests(ctx, { ids: [id], limit: 1 }, wantsNotes(request.query));
        if (!found) throw new Open311Error(404, `Обращение ${id} не найдено`);
        return sendList(reply, format, 'service_requests', 'request', [found], 200, requestXml);
      },
    }),
  );

  scope.get<Open311Route>(
    '/tokens/:file',
    hide,
    route({
      '*': async (ctx, format, token, _request, reply) => {
        const id = await findRequestIdByToken(ctx, token);
        if (!id) throw new Open311Error(404, `Токен ${token} не найден`);
        return sendList(reply, format, 'service_requests', 'request', [{ service_request_id: id, token }]);
      },
    }),
  );
}

async function requireKey(ctx: Ctx, fields: Fields): Promise<{ id: number; name: string; scopes: string[] }> {
  const key = typeof fields.api_key === 'string' ? fields.api_key.trim() : '';
  const token = key ? await findToken(ctx.db, key, ctx.services.clock.now()) : null;
  if (!token) throw new Open311Error(403, key ? 'api_key недействителен или отозван' : 'Не указан api_key');
  if (!token.scopes.includes('open311')) throw new Open311Error(403, 'api_key не разрешает заявки Open311');
  return token;
}

function isFields(body: unknown): body is Fields {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** `extensions=true` adds each request's history (status changes and answers) as a notes list. */
function wantsNotes(q: Query): boolean {
  return q.extensions === 'true' || q.extensions === '1';
}
