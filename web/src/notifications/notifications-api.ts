import {
  notificationListSchema,
  notificationPreferencesSchema,
  telegramLinkCodeSchema,
  unreadCountSchema,
  type NotificationPreferences,
  type NotificationSettings,
} from '../../../shared/api/notifications';
import { apiRequest } from '../api/client';

export const fetchUnreadCount = (signal?: AbortSignal) =>
  apiRequest('/notifications/unread-count', unreadCountSchema, signal ? { signal } : {});
export const fetchNotifications = (unreadOnly: boolean, page: number, signal?: AbortSignal) =>
  apiRequest('/notifications', notificationListSchema, {
    query: new URLSearchParams({ page: String(page), pageSize: '50', ...(unreadOnly ? { unread: 'true' } : {}) }),
    ...(signal ? { signal } : {}),
  });
export const markNotificationsRead = (body: { ids: string[] } | { all: true }) =>
  apiRequest('/notifications/read', unreadCountSchema, { method: 'POST', body });
export const fetchPreferences = () => apiRequest('/notifications/preferences', notificationPreferencesSchema);
export const savePreferences = (body: NotificationSettings & { email: string | null }) =>
  apiRequest('/notifications/preferences', notificationPreferencesSchema, { method: 'PUT', body });
export const issueTelegramCode = () =>
  apiRequest('/notifications/telegram-link', telegramLinkCodeSchema, { method: 'POST' });
export const unlinkTelegram = (): Promise<NotificationPreferences> =>
  apiRequest('/notifications/telegram-link', notificationPreferencesSchema, { method: 'DELETE' });

/** Screens tell the bell in the header that the count changed (marked read here). */
export const UNREAD_CHANGED = 'otklik:notifications-changed';
export function announceUnreadChanged(): void {
  window.dispatchEvent(new Event(UNREAD_CHANGED));
}
