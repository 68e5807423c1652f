import { useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useAuth } from './auth-context';

export function SignInPage({ expired }: { expired: boolean }) {
  const { signIn } = useAuth();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server says the password is right and a code from the authenticator app is needed.
  const [needCode, setNeedCode] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError('Введите логин и пароль');
      return;
    }
    if (needCode && !code.trim()) {
      setError('Введите код из приложения или код восстановления');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password, needCode ? code.trim() : undefined);
    } catch (e) {
      if (isCodeRequest(e)) setNeedCode(true);
      else setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form className="sign-in-card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <h1>Отклик</h1>
        <p className="muted">Центр управления регионом — Ярославская область</p>
        <h2>Вход</h2>
        {expired && (
          <p className="notice" role="status">
            Сеанс завершён. Войдите снова — открытый экран и несохранённые тексты ответов восстановятся.
          </p>
        )}
        <div className="field">
          <label htmlFor="login">Логин</label>
          <input
            id="login"
            name="username"
            autoComplete="username"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoFocus
            required
            aria-invalid={!!error && !login.trim()}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Пароль</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            aria-invalid={!!error && !password}
          />
        </div>
        {needCode && (
          <div className="field">
            <label htmlFor="code">Код из приложения</label>
            <input
              id="code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoFocus
              aria-invalid={!!error && !code.trim()}
              aria-describedby="code-hint"
            />
            <p className="muted" id="code-hint">
              Шесть цифр из приложения-аутентификатора или один из кодов восстановления.
            </p>
          </div>
        )}
        {error && (
          <p className="form-message form-error" id={errorId} role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
      </form>
    </main>
  );
}

function isCodeRequest(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    e.status === 401 &&
    typeof e.details === 'object' &&
    e.details !== null &&
    (e.details as { secondFactor?: unknown }).secondFactor === 'required'
  );
}
