// The header's link to the notifications with the number of unread ones, refreshed every 30 seconds and whenever
// the notifications screen marks some read.
import { formatNumber } from '../common/format';
import { usePolled } from '../common/use-polled';
import { fetchUnreadCount, UNREAD_CHANGED } from './notifications-api';

const REFRESH_MS = 30_000;

export function NotificationBell({ current }: { current: boolean }) {
  const unread = usePolled(fetchUnreadCount, REFRESH_MS, UNREAD_CHANGED)?.unread ?? null;
  const label = unread ? `Уведомления: непрочитанных ${formatNumber(unread)}` : 'Уведомления';
  return (
    <a
      className="btn btn-ghost notification-bell"
      href="#/notifications"
      aria-label={label}
      aria-current={current ? 'page' : undefined}
    >
      Уведомления
      {unread ? (
        <span className="badge badge-count" aria-hidden="true">
          {formatNumber(unread)}
        </span>
      ) : null}
    </a>
  );
}
