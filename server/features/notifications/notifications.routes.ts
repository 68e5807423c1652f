import type { AppInstance } from '../../http/app-instance';
import {
  markReadSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesInputSchema,
  notificationPreferencesSchema,
  telegramLinkCodeSchema,
  unreadCountSchema,
} from '../../../shared/api/notifications';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, withTransaction, type Services } from '../../lib/context';
import { listNotifications, markRead, unreadCount } from './notifications.repository';
import { getPreferences, savePreferences } from './preferences';
import { issueLinkCode, unlinkChat } from './telegram-link';

export function registerNotificationRoutes(api: AppInstance, services: Services): void {
  const tags = ['notifications'];
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  api.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Мои уведомления (новые сверху)',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, 401: errorBody },
      },
    },
    async (request) => listNotifications(ctxOf(request), request.query),
  );
  api.get(
    '/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'Число непрочитанных уведомлений',
        response: { 200: unreadCountSchema, 401: errorBody },
      },
    },
    async (request) => ({ unread: await unreadCount(ctxOf(request)) }),
  );
  api.post(
    '/notifications/read',
    {
      schema: {
        tags,
        summary: 'Отметить уведомления прочитанными',
        body: markReadSchema,
        response: { 200: unreadCountSchema, 400: errorBody, 401: errorBody },
      },
    },
    async (request) => ({ unread: await markRead(ctxOf(request), request.body) }),
  );
  api.get(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Мои настройки уведомлений',
        response: { 200: notificationPreferencesSchema, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => getPreferences(ctxOf(request)),
  );
  api.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Изменить настройки уведомлений: виды, каналы, сводка, адрес почты',
        body: notificationPreferencesInputSchema,
        response: { 200: notificationPreferencesSchema, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => withTransaction(ctxOf(request), (tx) => savePreferences(tx, request.body)),
  );
  api.post(
    '/notifications/telegram-link',
    {
      schema: {
        tags,
        summary: 'Получить одноразовый код, чтобы связать чат Telegram',
        response: { 200: telegramLinkCodeSchema, 401: errorBody, 403: errorBody, 409: errorBody },
      },
    },
    async (request) => issueLinkCode(ctxOf(request)),
  );
  api.delete(
    '/notifications/telegram-link',
    {
      schema: {
        tags,
        summary: 'Отвязать чат Telegram',
        response: { 200: notificationPreferencesSchema, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await unlinkChat(ctx);
      return getPreferences(ctx);
    },
  );
}
