// Loading, error and empty states used on every screen: announced to screen readers, never a blank area.
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

export function Loading({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = 'Не удалось загрузить данные',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{title}.</strong> {errorMessage(error)}
      </p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Повторить
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      {children}
    </div>
  );
}

/** Inline result of a form submission (error or success), announced politely. */
export function FormMessage({ error, success }: { error?: unknown; success?: string | null }) {
  if (error)
    return (
      <p className="form-message form-error" role="alert">
        {errorMessage(error)}
      </p>
    );
  if (success)
    return (
      <p className="form-message form-success" role="status">
        {success}
      </p>
    );
  return null;
}
