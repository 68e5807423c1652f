// «Токены интеграций» (tokens.manage): tokens listed without secrets, with their scopes and last use; a new token
// shows its value once; a revoked token is refused (401) from its next request.
import { useState, type FormEvent } from 'react';
import { ALL_SCOPES } from '../../../shared/auth/token-scopes';
import { formatDateTime } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { createToken, fetchTokens, revokeToken } from './admin-api';
import { AdminJournal } from './admin-journal';
import { AdminNav } from './admin-nav';
import { AdminTable } from './admin-table';

export function TokensPage() {
  usePageTitle('Токены интеграций');
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-tokens:${version}`, (signal) => fetchTokens(signal));
  const [name, setName] = useState('');
  const [scope, setScope] = useState<string>('messages');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    createToken(name, [scope])
      .then((t) => {
        setCreated({ name: t.name, token: t.token });
        setName('');
        setVersion((v) => v + 1);
      })
      .catch(setError);
  };
  const revoke = (id: number) => {
    setError(null);
    revokeToken(id)
      .then(() => {
        setRevoking(null);
        setVersion((v) => v + 1);
      })
      .catch(setError);
  };

  return (
    <section className="page page-wide" aria-labelledby="tokens-title">
      <AdminNav />
      <div className="page-head">
        <h1 id="tokens-title">Токены интеграций</h1>
        <p className="muted">
          Токен даёт внешней системе доступ только в своих областях. Значение показывается один раз; хранится только его
          хеш.
        </p>
      </div>
      <form className="panel" onSubmit={submit} aria-label="Новый токен">
        <div className="form-grid">
          <label className="field">
            Название
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </label>
          <label className="field">
            Область
            <select value={scope} onChange={(e) => setScope(e.target.value)}>
              {ALL_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Создать токен
          </button>
        </div>
      </form>
      {created && (
        <div className="panel" role="status">
          <p>Токен «{created.name}» создан. Сохраните его сейчас: повторно он не показывается.</p>
          <p>
            <code className="token-value" aria-label="Значение токена">
              {created.token}
            </code>
          </p>
        </div>
      )}
      <FormMessage error={error} />
      <AdminTable
        list={list}
        caption="Токены интеграций"
        head={
          <>
            <th scope="col" className="num">
              №
            </th>
            <th scope="col">Название</th>
            <th scope="col">Области</th>
            <th scope="col">Создан</th>
            <th scope="col">Последнее использование</th>
            <th scope="col">Состояние</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items.map((t) => (
            <tr key={t.id}>
              <td className="num">{t.id}</td>
              <td>{t.name}</td>
              <td>{t.scopes.join(', ')}</td>
              <td className="nowrap">{formatDateTime(t.createdAt)}</td>
              <td className="nowrap">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'не использовался'}</td>
              <td>{t.revokedAt ? `отозван ${formatDateTime(t.revokedAt)}` : 'действует'}</td>
              <td>
                {!t.revokedAt &&
                  (revoking === t.id ? (
                    <span className="form-actions">
                      <button type="button" className="btn btn-danger" onClick={() => revoke(t.id)}>
                        Да, отозвать
                      </button>
                      <button type="button" className="btn btn-ghost" onClick={() => setRevoking(null)}>
                        Не отзывать
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      aria-label={`Отозвать токен ${t.name}`}
                      onClick={() => setRevoking(t.id)}
                    >
                      Отозвать
                    </button>
                  ))}
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <AdminJournal entity="token" version={version} />
    </section>
  );
}
