// The signed-in user's own account: change the password (every other session ends) and the second factor.
import { useId, useState, type FormEvent } from 'react';
import { changePassword, disableSecondFactor } from '../api/auth-api';
import { errorMessage } from '../api/client';
import { useAuth, useMe } from './auth-context';
import { SecondFactorSetup } from './second-factor-setup';

export function AccountPage() {
  return (
    <div className="page account-page">
      <h1>Учётная запись</h1>
      <PasswordForm />
      <SecondFactorSection />
    </div>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const messageId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!current || !next) {
      setMessage({ ok: false, text: 'Введите текущий и новый пароль' });
      return;
    }
    if (next !== repeat) {
      setMessage({ ok: false, text: 'Новый пароль и повтор не совпадают' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ ok: true, text: 'Пароль изменён. Другие сеансы входа завершены.' });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Смена пароля</h2>
      <form onSubmit={submit} noValidate aria-describedby={message ? messageId : undefined}>
        <div className="field">
          <label htmlFor="current-password">Текущий пароль</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-password">Новый пароль</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            aria-describedby="new-password-hint"
          />
          <p className="muted" id="new-password-hint">
            Не короче 10 символов, без логина; распространённые пароли не принимаются.
          </p>
        </div>
        <div className="field">
          <label htmlFor="repeat-password">Новый пароль ещё раз</label>
          <input
            id="repeat-password"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        {message && (
          <p
            className={`form-message ${message.ok ? '' : 'form-error'}`}
            id={messageId}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Сохранение…' : 'Сменить пароль'}
        </button>
      </form>
    </section>
  );
}

function SecondFactorSection() {
  const me = useMe();
  const { enter } = useAuth();
  const [enrolling, setEnrolling] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function disable() {
    setError(null);
    try {
      await disableSecondFactor();
      enter({ ...me, secondFactor: 'off' });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section aria-labelledby="totp-title">
      <h2 id="totp-title">Второй фактор (код из приложения)</h2>
      {me.secondFactor === 'on' && !enrolling && (
        <>
          <p>Подключён: при входе нужен код из приложения-аутентификатора.</p>
          <button type="button" className="btn" onClick={() => setEnrolling(true)}>
            Подключить заново (новый телефон)
          </button>{' '}
          <button type="button" className="btn btn-ghost" onClick={() => void disable()}>
            Отключить
          </button>
        </>
      )}
      {me.secondFactor !== 'on' && !enrolling && (
        <>
          <p>
            {me.secondFactor === 'due'
              ? 'Для вашей роли второй фактор обязателен: подключите его, иначе при следующем входе это придётся сделать сразу.'
              : 'Не подключён. Код из приложения защищает вход, даже если пароль станет известен посторонним.'}
          </p>
          <button type="button" className="btn btn-primary" onClick={() => setEnrolling(true)}>
            Подключить
          </button>
        </>
      )}
      {enrolling && (
        <SecondFactorSetup
          onDone={(updated) => {
            setEnrolling(false);
            enter(updated);
          }}
        />
      )}
      {error && (
        <p className="form-message form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
