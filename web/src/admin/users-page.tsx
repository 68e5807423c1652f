// «Пользователи» for the administrator (users.manage): who works in the system, in which role, organisation and
// block. Creating a user, a new password, and deactivation, which ends the user's sessions at once. The server checks
// everything and journals each change with who and when.
import { useState } from 'react';
import type { AdminUser } from '../../../shared/api/admin';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { formatDateTime } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';
import { deactivateUser, fetchUsers, resetPassword } from './admin-api';
import { AdminJournal } from './admin-journal';
import { AdminNav } from './admin-nav';
import { AdminTable } from './admin-table';
import { UserForm } from './user-form';

type Pending = { kind: 'deactivate' | 'password'; user: AdminUser } | null;

export function UsersPage() {
  usePageTitle('Пользователи');
  const { organisationName, blockName } = useReference();
  const [version, setVersion] = useState(0);
  const list = useResource(`admin-users:${version}`, (signal) => fetchUsers(signal));
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const changed = (message: string) => {
    setPending(null);
    setPassword('');
    setDone(message);
    setVersion((v) => v + 1);
  };
  const act = (p: NonNullable<Pending>) => {
    setError(null);
    setDone(null);
    const run = p.kind === 'deactivate' ? deactivateUser(p.user.login) : resetPassword(p.user.id, password);
    run
      .then(() =>
        changed(
          p.kind === 'deactivate'
            ? `Пользователь ${p.user.login} отключён: его сеансы завершены.`
            : `Пароль пользователя ${p.user.login} изменён, его сеансы завершены.`,
        ),
      )
      .catch(setError);
  };

  return (
    <section className="page page-wide" aria-labelledby="users-title">
      <AdminNav />
      <div className="page-head">
        <h1 id="users-title">Пользователи</h1>
        <p className="muted">
          Исполнитель видит только обращения своей организации; роли блока действуют только в своём блоке. Отключение и
          новый пароль завершают все сеансы пользователя сразу.
        </p>
      </div>
      <div className="list-toolbar">
        <button type="button" className="btn" onClick={() => setAdding(true)} disabled={adding}>
          Новый пользователь
        </button>
      </div>
      {adding && (
        <UserForm
          onSaved={(login) => {
            setAdding(false);
            changed(`Пользователь ${login} создан.`);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <FormMessage error={error} success={done} />
      {pending?.kind === 'password' && (
        <form
          className="panel"
          aria-label="Новый пароль"
          onSubmit={(e) => {
            e.preventDefault();
            act(pending);
          }}
        >
          <label className="field">
            Новый пароль для {pending.user.login}
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoComplete="new-password"
              autoFocus
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              Задать пароль
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setPending(null)}>
              Отмена
            </button>
          </div>
        </form>
      )}
      <AdminTable
        list={list}
        caption="Пользователи"
        head={
          <>
            <th scope="col">Логин</th>
            <th scope="col">ФИО</th>
            <th scope="col">Роль</th>
            <th scope="col">Организация / блок</th>
            <th scope="col">Состояние</th>
            <th scope="col">Последний запрос</th>
            <th scope="col">Действия</th>
          </>
        }
      >
        {(items) =>
          items.map((u) => (
            <tr key={u.id}>
              <td>{u.login}</td>
              <td>{u.fullName}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>
                {u.organisationId !== null ? organisationName(u.organisationId) : u.block ? blockName(u.block) : '—'}
              </td>
              <td>{u.active ? 'активен' : `отключён ${formatDateTime(u.deactivatedAt)}`}</td>
              <td className="nowrap">{u.lastSeenAt ? formatDateTime(u.lastSeenAt) : '—'}</td>
              <td>
                {pending?.kind === 'deactivate' && pending.user.id === u.id ? (
                  <span className="form-actions">
                    <button type="button" className="btn btn-danger" onClick={() => act(pending)}>
                      Да, отключить
                    </button>
                    <button type="button" className="btn btn-ghost" onClick={() => setPending(null)}>
                      Не отключать
                    </button>
                  </span>
                ) : (
                  <span className="form-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Новый пароль: ${u.login}`}
                      onClick={() => setPending({ kind: 'password', user: u })}
                    >
                      Пароль
                    </button>
                    {u.active && (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        aria-label={`Отключить ${u.login}`}
                        onClick={() => setPending({ kind: 'deactivate', user: u })}
                      >
                        Отключить
                      </button>
                    )}
                  </span>
                )}
              </td>
            </tr>
          ))
        }
      </AdminTable>
      <AdminJournal entity="user" version={version} />
    </section>
  );
}
