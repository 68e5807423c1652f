// Which kinds of notifications also go by e-mail and to Telegram, the daily digest, the address, and linking the
// Telegram chat with a one-time code sent to the bot.
import { useEffect, useState } from 'react';
import {
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationPreferences,
  type NotificationSettings,
} from '../../../shared/api/notifications';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../common/format';
import { ErrorState, FormMessage, Loading } from '../common/states';
import { fetchPreferences, issueTelegramCode, savePreferences, unlinkTelegram } from './notifications-api';

type Channel = 'email' | 'telegram';
const CHANNEL_LABELS: Record<Channel, string> = { email: 'Почта', telegram: 'Telegram' };

export function NotificationSettingsForm() {
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [draft, setDraft] = useState<NotificationSettings & { email: string }>({
    kinds: {} as NotificationSettings['kinds'],
    digest: false,
    email: '',
  });
  const [loadError, setLoadError] = useState<unknown>(null);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [code, setCode] = useState<{ code: string; expiresAt: string; link: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = (p: NotificationPreferences) => {
    setPrefs(p);
    setDraft({ kinds: p.kinds, digest: p.digest, email: p.email ?? '' });
  };
  useEffect(() => {
    fetchPreferences().then(apply, setLoadError);
  }, []);
  if (!prefs)
    return loadError ? (
      <ErrorState
        error={loadError}
        onRetry={() => {
          setLoadError(null);
          fetchPreferences().then(apply, setLoadError);
        }}
      />
    ) : (
      <Loading label="Загрузка настроек…" />
    );

  const run = async (fn: () => Promise<void>, success: string) => {
    setBusy(true);
    try {
      await fn();
      setMessage({ success });
    } catch (e) {
      setMessage({ error: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (kind: keyof NotificationSettings['kinds'], channel: Channel, on: boolean) =>
    setDraft((d) => ({ ...d, kinds: { ...d.kinds, [kind]: { ...d.kinds[kind], [channel]: on } } }));
  const channels: Channel[] = ['email', 'telegram'];
  const unavailable = (c: Channel) => (c === 'email' ? !prefs.emailAvailable : !prefs.telegramAvailable);

  return (
    <section className="panel" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title">Настройки уведомлений</h2>
      <p className="small muted">
        В рабочем месте видны все уведомления. Отметьте, какие из них присылать ещё и на почту или в Telegram.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            async () =>
              apply(
                await savePreferences({ kinds: draft.kinds, digest: draft.digest, email: draft.email.trim() || null }),
              ),
            'Настройки сохранены',
          );
        }}
      >
        <table className="table">
          <caption className="visually-hidden">Виды уведомлений и каналы</caption>
          <thead>
            <tr>
              <th scope="col">Вид уведомления</th>
              {channels.map((c) => (
                <th key={c} scope="col">
                  {CHANNEL_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{NOTIFICATION_KIND_LABELS[kind]}</th>
                {channels.map((c) => (
                  <td key={c}>
                    <input
                      type="checkbox"
                      aria-label={`${NOTIFICATION_KIND_LABELS[kind]}: ${CHANNEL_LABELS[c]}`}
                      disabled={unavailable(c)}
                      checked={draft.kinds[kind]?.[c] ?? false}
                      onChange={(e) => toggle(kind, c, e.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.digest}
            onChange={(e) => setDraft((d) => ({ ...d, digest: e.target.checked }))}
          />{' '}
          Присылать на почту и в Telegram одну сводку в день вместо отдельных сообщений
        </label>
        <div className="field">
          <label htmlFor="notification-email">Адрес почты для уведомлений</label>
          <input
            id="notification-email"
            type="email"
            value={draft.email}
            disabled={!prefs.emailAvailable}
            onChange={(e) => setDraft((d) => ({ ...d, email: e.target.value }))}
          />
          {!prefs.emailAvailable && <p className="small muted">Почта для уведомлений не настроена на сервере.</p>}
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Сохранить
        </button>
      </form>
      <h3>Telegram</h3>
      {!prefs.telegramAvailable ? (
        <p className="small muted">Telegram-бот не настроен на сервере.</p>
      ) : prefs.telegramLinked ? (
        <p>
          Чат Telegram связан.{' '}
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                apply(await unlinkTelegram());
                setCode(null);
              }, 'Чат отвязан')
            }
          >
            Отвязать
          </button>
        </p>
      ) : (
        <>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void run(async () => setCode(await issueTelegramCode()), 'Код получен')}
          >
            Получить код для связи
          </button>
          {code && (
            <p>
              Отправьте боту команду <code>/start {code.code}</code> (или <code>/link {code.code}</code>) до{' '}
              {formatDateTime(code.expiresAt)}
              {code.link && (
                <>
                  {' '}
                  или откройте{' '}
                  <a href={code.link} target="_blank" rel="noreferrer">
                    ссылку на бота
                  </a>
                </>
              )}
              . Затем обновите страницу.
            </p>
          )}
        </>
      )}
      <FormMessage error={message.error ?? null} success={message.success ?? null} />
    </section>
  );
}
