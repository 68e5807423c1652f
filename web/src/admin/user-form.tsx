// A new user: login, name, role, and the organisation (executors) or the block (block roles) the role needs.
import { useState, type FormEvent } from 'react';
import { ROLES, ROLE_LABELS, isBlockScoped, type Role } from '../../../shared/auth/roles';
import { FormMessage } from '../common/states';
import { useReference } from '../reference/reference-context';
import { createUser } from './admin-api';

export function UserForm({ onSaved, onCancel }: { onSaved: (login: string) => void; onCancel: () => void }) {
  const { ref } = useReference();
  const [login, setLogin] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [organisation, setOrganisation] = useState('');
  const [block, setBlock] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    createUser({
      login,
      fullName,
      password,
      role,
      organisationId: organisation ? Number(organisation) : null,
      block: isBlockScoped(role) && block ? block : null,
    })
      .then((u) => onSaved(u.login))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="panel" onSubmit={submit} aria-label="Новый пользователь">
      <h2>Новый пользователь</h2>
      <div className="form-grid">
        <label className="field">
          Логин
          <input value={login} onChange={(e) => setLogin(e.target.value)} required autoComplete="off" />
        </label>
        <label className="field">
          ФИО
          <input value={fullName} onChange={(e) => setFullName(e.target.value)} required />
        </label>
        <label className="field">
          Пароль
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="new-password"
          />
        </label>
        <label className="field">
          Роль
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Организация
          <select value={organisation} onChange={(e) => setOrganisation(e.target.value)} required={role === 'executor'}>
            <option value="">— не выбрана —</option>
            {ref.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {isBlockScoped(role) && (
          <label className="field">
            Отраслевой блок
            <select value={block} onChange={(e) => setBlock(e.target.value)} required>
              <option value="">— выберите —</option>
              {ref.blocks.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <FormMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Создать
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
