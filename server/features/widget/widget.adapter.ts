import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../http/app-instance';
import { registerFormBody } from '../../http/body-encoding';
import { clientErrorOf } from '../../http/error-handler';
import { sharedRateLimitStore } from '../../http/rate-limit-store';
import { publicBaseUrl } from '../../config';
import { rootContext, type Actor, type Services } from '../../lib/context';
import { AppError, ERROR_CODES } from '../../lib/errors';
import {
  DeliveryAwaitsExportError,
  type ChannelAdapter,
  type ChannelAdapterFactory,
} from '../channels/channel-adapter';
import { ratingResultText } from '../cases/rating-page';
import { embedScript, formPage, policyPage, receiptHtml, resultPage, statusHtml } from './widget.page';
import {
  lookupWidgetStatus,
  checkPhoto,
  rateFromWidget,
  submitWidgetForm,
  WIDGET_CHANNEL,
  widgetFormSchema,
} from './widget-submission';

// The embeddable web widget at /widget/: the form page, the embed script, the form's endpoint and the status
// lookup. Abuse protection without external captchas: per-address rate limits on the POST endpoints, a honeypot
// field, size limits on every field and on the photo (its first bytes must be an image).

export const WIDGET_PREFIX = '/widget';
const WIDGET_ACTOR: Actor = { kind: 'system', label: 'Веб-виджет' };
const FIELD_LIMIT = 20_000;

export const createWidgetAdapter: ChannelAdapterFactory = () =>
  ({
    name: 'widget',
    channels: [WIDGET_CHANNEL],
    async registerRoutes(app, services) {
      await app.register(async (scope) => registerWidgetRoutes(scope, services), { prefix: WIDGET_PREFIX });
    },
    // The citizen reads the answer with the case number and code on the widget page. Other site forms that
    // post to /api/messages with channel `web` have no lookup code: their answers wait for export as before.
    send: async (_services, answer) =>
      answer.message.labels?.widget
        ? 'опубликовано: доступно в виджете по номеру обращения и коду'
        : 'ожидает выгрузки в исходную систему',
    // The extension notice shows on the status page (lookupWidgetStatus); a form without a lookup code waits for export.
    sendNotice: async (_services, notice) => {
      if (!notice.message.labels?.widget) throw new DeliveryAwaitsExportError('ожидает выгрузки в исходную систему');
      return 'опубликовано: показано на странице статуса в виджете';
    },
  }) satisfies ChannelAdapter;

const wantsJson = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('application/json');

function errorOf(error: Error & { statusCode?: number; code?: string }): AppError {
  if (error instanceof AppError) return error;
  if (error.statusCode === 429) return new AppError('rate_limited', error.message);
  if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('payload_too_large', 'Файл или форма слишком большие');
  if (error.statusCode === 406 || error.statusCode === 415)
    return new AppError(
      'unsupported_media_type',
      'Отправьте форму как multipart/form-data или application/x-www-form-urlencoded',
    );
  const client = clientErrorOf(error, undefined);
  if (client) return new AppError(client.code, client.message);
  throw error;
}

async function registerWidgetRoutes(scope: AppInstance, services: Services): Promise<void> {
  const { maxPhotoBytes, rateLimitPerMinute } = services.config.widget;
  registerFormBody(scope, FIELD_LIMIT * 8);
  await scope.register(multipart, {
    limits: { fileSize: maxPhotoBytes, files: 1, fields: 12, fieldSize: FIELD_LIMIT, parts: 14, headerPairs: 200 },
  });
  await scope.register(rateLimit, {
    global: false,
    // counted in the database, so the limit holds across app nodes; a request the store cannot count (the database
    // away) is not refused for that: its own write fails and says so
    store: sharedRateLimitStore(services.database.db),
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Слишком много отправок с вашего адреса: попробуйте через ${Math.ceil(context.ttl / 1000)} с`,
      ),
  });
  scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    let appError: AppError;
    try {
      appError = errorOf(error);
    } catch {
      request.log.error({ err: error }, 'widget error');
      appError = new AppError('internal', 'Внутренняя ошибка сервера');
    }
    return sendFailure(request, reply, appError);
  });
  const limited = { config: { rateLimit: { max: rateLimitPerMinute, timeWindow: 60_000 } }, schema: { hide: true } };

  scope.get<{ Querystring: { source?: unknown } }>('/', { schema: { hide: true } }, async (request, reply) => {
    const ref = await services.reference.get(services.database.db);
    const source = typeof request.query.source === 'string' ? request.query.source.slice(0, 100) : null;
    const { policyUrl, policyVersion } = services.config.personalData;
    return reply
      .type('text/html; charset=utf-8')
      .send(formPage(ref.municipalities, source, maxPhotoBytes, { url: policyUrl, version: policyVersion }));
  });

  scope.get('/privacy', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(policyPage(services.config.open311.contact, services.config.personalData.policyVersion)),
  );

  scope.get('/embed.js', { schema: { hide: true } }, async (_request, reply) => {
    const base = publicBaseUrl(services.config);
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(embedScript(`${base}${WIDGET_PREFIX}/`));
  });

  scope.post('/messages', limited, async (request, reply) => {
    const { fields, photo } = await readForm(request, true);
    const parsed = widgetFormSchema.safeParse(fields);
    if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues.map((i) => i.message).join('; '));
    // The photo is stored (blob storage, with the message) only once the whole form is read and valid.
    const checked = photo ? await checkPhoto(photo.data, photo.name) : null;
    const receipt = await submitWidgetForm(rootContext(services, WIDGET_ACTOR), parsed.data, checked);
    const status = receipt.created ? 201 : 200;
    if (wantsJson(request)) return reply.status(status).send({ ...receipt, html: receiptHtml(receipt) });
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(resultPage('Обращение отправлено', receiptHtml(receipt), true));
  });

  scope.post('/status', limited, async (request, reply) => {
    const fields = request.isMultipart() ? (await readForm(request, false)).fields : request.body;
    const status = await lookupWidgetStatus(rootContext(services, WIDGET_ACTOR), fields);
    if (wantsJson(request)) return reply.send({ ...status, html: statusHtml(status) });
    return reply.type('text/html; charset=utf-8').send(resultPage('Статус обращения', statusHtml(status), true));
  });

  scope.post('/rating', limited, async (request, reply) => {
    const fields = request.isMultipart() ? (await readForm(request, false)).fields : request.body;
    const { caseId, outcome } = await rateFromWidget(
      rootContext(services, WIDGET_ACTOR),
      isRecord(fields) ? fields : {},
    );
    const message = ratingResultText(outcome, caseId);
    if (wantsJson(request))
      return reply.send({ caseNumber: caseId, rated: outcome.rated, score: outcome.score, message });
    return reply
      .type('text/html; charset=utf-8')
      .send(resultPage('Оценка ответа', `<p>${escapeText(message)}</p>`, true));
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapeText = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sendFailure(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const status = ERROR_CODES[error.code];
  if (wantsJson(request) || request.method !== 'POST')
    return reply.status(status).send({ error: { code: error.code, message: error.message } });
  const title = error.code === 'rate_limited' ? 'Слишком много отправок' : 'Не удалось принять форму';
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(resultPage(title, error.message.replace(/[&<>"']/g, ''), false));
}

/** Reads a multipart form (text fields and at most one photo) or a url-encoded/JSON body. */
async function readForm(
  request: FastifyRequest,
  acceptPhoto: boolean,
): Promise<{ fields: Record<string, string>; photo: { data: Buffer; name: string } | null }> {
  if (!request.isMultipart()) {
    const body = request.body;
    if (typeof body !== 'object' || body === null) throw new AppError('bad_request', 'Пустая форма');
    return { fields: Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')), photo: null };
  }
  const fields: Record<string, string> = {};
  let photo: { data: Buffer; name: string } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.fieldname !== 'photo' || !acceptPhoto)
        throw new AppError('bad_request', `Неожиданный файл в поле «${part.fieldname}»`);
      if (data.length) photo = { data, name: part.filename };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, photo };
}
