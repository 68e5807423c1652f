// The header's link to the notifications with the number of unread ones, refreshed every 30 seconds and whenever
// the notifications screen marks some read.
import { useEffect, useState } from 'react';
import { isAbort } from '../api/client';
import { formatNumber } from '../common/format';
import { fetchUnreadCount, UNREAD_CHANGED } from './notifications-api';

const REFRESH_MS = 30_000;

export function NotificationBell({ current }: { current: boolean }) {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let controller = new AbortController();
    const load = () => {
      controller.abort();
      controller = new AbortController();
      fetchUnreadCount(controller.signal).then((r) => setUnread(r.unread), (error: unknown) => { if (!isAbort(error)) setUnread(null); });
    };
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    window.addEventListener(UNREAD_CHANGED, load);
    return () => { controller.abort(); window.clearInterval(timer); window.removeEventListener(UNREAD_CHANGED, load); };
  }, []);
  const label = unread ? `Уведомления: непрочитанных ${formatNumber(unread)}` : 'Уведомления';
  return (
    <a className="btn btn-ghost notification-bell" href="#/notifications" aria-label={label} aria-current={current ? 'page' : undefined}>
      Уведомления{unread ? <span className="badge badge-count" aria-hidden="true">{formatNumber(unread)}</span> : null}
    </a>
  );
}
