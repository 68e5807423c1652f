import type { AppInstance } from '../../http/app-instance';
import { intakeMessageSchema, intakeResultSchema } from '../../../shared/api/messages';
import { requireActor } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { requireScope } from '../auth/tokens';
import { scopesAllowChannel } from '../../../shared/auth/token-scopes';
import { receiveMessage } from './receive-message';
import { acceptOnBus } from '../bus';
import { busAcceptedSchema } from '../../../shared/api/bus';

export function registerIntakeRoutes(api: AppInstance, services: Services): void {
  api.post(
    '/messages',
    {
      schema: {
        tags: ['intake'],
        summary: 'Принять сообщение из канала (идемпотентно по channel + externalId)',
        description:
          '201 — создано новое сообщение; 200 — такое сообщение уже было, ответ с теми же идентификаторами. ' +
          `Файлы — в \`attachments[].contentBase64\`: не больше ${mb(services.config.attachments.maxFileBytes)} МБ на файл и ` +
          `${mb(services.config.attachments.maxRequestBytes)} МБ на сообщение (после декодирования), иначе 413; исполняемые файлы — 415. ` +
          'Тип определяется по содержимому; файлы перечисляются в карточке (`GET /api/cases/:id`, `messagesList[].attachments`). ' +
          'Файл можно передать и адресом: `attachments[].url` с `fetch: true` — платформа скачает и сохранит его сама; ' +
          '`url` без `fetch` — файл не скачивается и не хранится, карточка показывает его внешней ссылкой (status `external`). ' +
          '202 — включена шина приёма (OTKLIK_NATS_URL): сообщение принято шиной и будет записано в базу по очереди.',
        security: [{ bearer: [] }],
        body: intakeMessageSchema,
        response: {
          200: intakeResultSchema,
          201: intakeResultSchema,
          202: busAcceptedSchema,
          400: errorBody,
          401: errorBody,
          403: errorBody,
          413: errorBody,
          415: errorBody,
        },
      },
      config: { maxBodyBytes: messageBodyLimit(services) },
      // The route's body limit makes room for the files; everything else keeps the general limit (checked before validation).
      preValidation: async (request) => {
        const attachments = request.body?.attachments;
        const fileChars = Array.isArray(attachments)
          ? attachments.reduce(
              (n: number, a: { contentBase64?: unknown } | null) =>
                n + (typeof a?.contentBase64 === 'string' ? a.contentBase64.length : 0),
              0,
            )
          : 0;
        if (request.bodyBytes - fileChars > services.config.maxBodyBytes) {
          throw new AppError(
            'payload_too_large',
            `Тело запроса без файлов больше ${Math.round(services.config.maxBodyBytes / 1024)} КБ`,
          );
        }
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Integrations post what channels receive; ЦУР staff may register a call or a letter by hand.
      if (actor.kind === 'user') requirePermission(actor, 'cases.triage');
      const message = request.body;
      requireScope(
        actor,
        (scopes) => scopesAllowChannel(scopes, message.channel),
        `сообщения канала ${message.channel}`,
      );
      // With the intake bus on: 202 once the bus has stored the message; the writers store it in the database.
      const queued = await acceptOnBus(rootContext(services, actor), message);
      if (queued) return reply.status(202).send(queued);
      const outcome = await receiveMessage(rootContext(services, actor), message, {
        attachments: 'strict',
        groupCommit: true,
      });
      return reply.status(outcome.created ? 201 : 200).send(outcome.result);
    },
  );
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/** The request may carry its files in Base64 (4/3 of the bytes) next to up to a megabyte of text and fields. */
export function messageBodyLimit(services: Services): number {
  return Math.max(
    services.config.maxBodyBytes,
    Math.ceil((services.config.attachments.maxRequestBytes * 4) / 3) + 1024 * 1024,
  );
}
