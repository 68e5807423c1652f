// The header's link to the notifications with the number of unread ones, refreshed every 30 seconds and whenever
// the notifications screen marks some read.
import { formatNumber } from '../common/format';
import { usePolled } from '../common/use-polled';
import { fetchUnreadCount, UNREAD_CHANGED } from './notifications-api';

const REFRESH_MS = 30_000;

export function NotificationBell({ current }: { current: boolean }) {
  const unread = usePolled(fetchUnreadCount, REFRESH_MS, UNREAD_CHANGED)?.unread ?? null;
  return (
    <a className="btn btn-ghost notification-bell" href="#/notifications" aria-current={current ? 'page' : undefined}>
      Уведомления
      {/* the name read out is «Уведомления: непрочитанных N», and it begins with the text on screen (WCAG 2.5.3) */}
      {unread ? (
        <>
          <span className="badge badge-count" aria-hidden="true">
            {formatNumber(unread)}
          </span>
          <span className="visually-hidden">: непрочитанных {formatNumber(unread)}</span>
        </>
      ) : null}
    </a>
  );
}
