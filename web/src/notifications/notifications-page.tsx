// «Уведомления»: the user's notifications (new first, unread marked), mark one or all read, and the settings below.
import { useCallback, useEffect, useState } from 'react';
import { NOTIFICATION_KIND_LABELS, type Notification } from '../../../shared/api/notifications';
import { errorMessage, isAbort } from '../api/client';
import { formatDateTime, formatNumber } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { usePageTitle } from '../layout/page-title';
import { Pagination } from '../inbox/pagination';
import { NotificationSettingsForm } from './notification-settings';
import { announceUnreadChanged, fetchNotifications, markNotificationsRead } from './notifications-api';

interface ListState {
  items: Notification[];
  total: number;
  unread: number;
}

export function NotificationsPage() {
  usePageTitle('Уведомления');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ListState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchNotifications(unreadOnly, page, controller.signal).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (!isAbort(e)) setError(e);
      },
    );
    return () => controller.abort();
  }, [unreadOnly, page, reload]);

  const mark = useCallback(async (body: { ids: string[] } | { all: true }) => {
    try {
      await markNotificationsRead(body);
      setActionError(null);
      announceUnreadChanged();
      setReload((n) => n + 1);
    } catch (e) {
      setActionError(errorMessage(e));
    }
  }, []);

  return (
    <section className="page" aria-labelledby="notifications-title">
      <div className="page-head">
        <h1 id="notifications-title">Уведомления</h1>
      </div>
      <div className="list-toolbar">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setPage(1);
            }}
          />{' '}
          Только непрочитанные
        </label>
        {data && data.unread > 0 && (
          <button type="button" className="btn" onClick={() => void mark({ all: true })}>
            Отметить все прочитанными ({formatNumber(data.unread)})
          </button>
        )}
      </div>
      <FormMessage error={actionError} />
      {!data && error ? (
        <ErrorState error={error} onRetry={() => setReload((n) => n + 1)} />
      ) : !data ? (
        <Loading label="Загрузка уведомлений…" />
      ) : data.items.length === 0 ? (
        <Empty>
          <p>{unreadOnly ? 'Непрочитанных уведомлений нет.' : 'Уведомлений пока нет.'}</p>
        </Empty>
      ) : (
        <>
          <ul className="notifications">
            {data.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'}>
                <p className="notification-title">
                  {!n.readAt && <span className="badge badge-info">новое</span>}{' '}
                  {n.caseId ? <a href={`#/cases/${encodeURIComponent(n.caseId)}`}>{n.title}</a> : n.title}
                </p>
                {n.body && <p className="small">{n.body}</p>}
                <p className="muted small">
                  {NOTIFICATION_KIND_LABELS[n.kind]} · {formatDateTime(n.createdAt)}
                  {!n.readAt && (
                    <>
                      {' '}
                      ·{' '}
                      <button type="button" className="btn btn-link" onClick={() => void mark({ ids: [n.id] })}>
                        Прочитано
                      </button>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={50} total={data.total} onPage={setPage} onPageSize={() => undefined} />
        </>
      )}
      <NotificationSettingsForm />
    </section>
  );
}
