// «Каналы» (reference.manage): for each channel, whether it is configured on this server, the last message received,
// the last answer delivered, the last run of its background work, and the last error — what the platform recorded.
import { CHANNEL_LABELS, CHANNELS } from '../../../shared/deadlines/channels';
import { formatDateTime, formatNumber } from '../common/format';
import { useResource } from '../common/use-resource';
import { AdminPage } from './admin-parts';
import { AdminTable } from './admin-table';
import { fetchChannelStates } from './settings-api';

const when = (iso: string | null): string => (iso ? formatDateTime(iso) : '—');
const channelLabel = (c: string): string => CHANNEL_LABELS[CHANNELS.find((x) => x === c) ?? 'other'];

export function ChannelsPage() {
  const list = useResource('admin-channels', (signal) => fetchChannelStates(signal));

  return (
    <AdminPage
      id="channels-title"
      title="Каналы"
      intro={
        <>
          Канал настроен, если на сервере заданы его ключи (переменные окружения, см. .env.example). Последний успех —
          самое позднее из: сообщение получено, ответ доставлен, опрос ящика или поиска прошёл. Ошибка — последняя
          неудача опроса или доставки.
        </>
      }
    >
      <div className="list-toolbar">
        <button type="button" className="btn btn-small" onClick={list.reload}>
          Обновить
        </button>
      </div>
      <AdminTable
        list={list}
        caption="Состояние каналов"
        head={
          <>
            <th scope="col">Канал</th>
            <th scope="col">Настроен</th>
            <th scope="col">Последнее сообщение</th>
            <th scope="col">Последняя доставка</th>
            <th scope="col">Последний опрос</th>
            <th scope="col">Последний успех</th>
            <th scope="col">Последняя ошибка</th>
            <th scope="col" className="num">
              Не доставлено
            </th>
          </>
        }
      >
        {(items) =>
          items.map((c) => (
            <tr key={c.adapter}>
              <th scope="row">
                {c.label}
                {c.channels.length > 0 && (
                  <span className="muted small"> ({c.channels.map(channelLabel).join(', ')})</span>
                )}
              </th>
              <td>{c.configured ? 'да' : 'нет'}</td>
              <td className="nowrap">{when(c.lastMessageAt)}</td>
              <td className="nowrap">{when(c.lastDeliveryAt)}</td>
              <td className="nowrap">{when(c.lastRunAt)}</td>
              <td className="nowrap">{when(c.lastSuccessAt)}</td>
              <td className="small">{c.lastError ? `${when(c.lastErrorAt)}: ${c.lastError}` : '—'}</td>
              <td className="num">{formatNumber(c.failedDeliveries)}</td>
            </tr>
          ))
        }
      </AdminTable>
    </AdminPage>
  );
}
