// Enrolment of the TOTP second factor: the QR code (or the key typed by hand) for an authenticator app, a code to
// confirm it, then the ten recovery codes, shown once.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { confirmEnrolment, startEnrolment } from '../api/auth-api';
import { errorMessage } from '../api/client';
import type { Me } from '../api/contract';

type Step =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'scan'; secret: string; qrSvg: string }
  | { kind: 'codes'; codes: string[]; me: Me };

export function SecondFactorSetup({ onDone }: { onDone: (me: Me) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    let live = true;
    startEnrolment().then(
      (e) => {
        if (live) setStep({ kind: 'scan', secret: e.secret, qrSvg: e.qrSvg });
      },
      (e: unknown) => {
        if (live) setStep({ kind: 'failed', error: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setError('Введите шесть цифр из приложения');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const done = await confirmEnrolment(code.replace(/\s/g, ''));
      setStep({ kind: 'codes', codes: done.recoveryCodes, me: done.user });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  switch (step.kind) {
    case 'loading':
      return <p className="muted">Подготовка…</p>;
    case 'failed':
      return (
        <p className="form-message form-error" role="alert">
          {step.error}
        </p>
      );
    case 'codes':
      return (
        <div className="second-factor">
          <p role="status">
            Второй фактор подключён. Сохраните коды восстановления: каждый годится для одного входа, если телефона не
            будет под рукой. Больше они не показываются.
          </p>
          <ul className="recovery-codes" aria-label="Коды восстановления">
            {step.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary" onClick={() => onDone(step.me)}>
            Коды сохранены, продолжить
          </button>
        </div>
      );
    case 'scan':
      return (
        <form className="second-factor" onSubmit={confirm} noValidate aria-describedby={error ? errorId : undefined}>
          <p>
            Отсканируйте QR-код приложением-аутентификатором (Яндекс Ключ, Google Authenticator, FreeOTP и др.) или
            введите ключ вручную.
          </p>
          {/* The server draws the QR code (qrcode-generator: rectangles and one path, no text or scripts); inline, so
              no image source beyond 'self' is needed. */}
          <div
            className="totp-qr"
            role="img"
            aria-label="QR-код для приложения-аутентификатора"
            dangerouslySetInnerHTML={{ __html: step.qrSvg }}
          />
          <p>
            Ключ: <code className="totp-secret">{step.secret}</code>
          </p>
          <div className="field">
            <label htmlFor="totp-confirm">Код из приложения</label>
            <input
              id="totp-confirm"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={!!error}
            />
          </div>
          {error && (
            <p className="form-message form-error" id={errorId} role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Проверка…' : 'Подключить'}
          </button>
        </form>
      );
  }
}
