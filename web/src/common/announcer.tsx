// Confirmations that must outlive the form that produced them (a panel disappears once its action is done):
// a polite live region in the layout shows the last message for a few seconds.
import { useEffect, useState, useSyncExternalStore } from 'react';

let message: { text: string; n: number } | null = null;
const listeners = new Set<() => void>();

export function announce(text: string): void {
  message = { text, n: (message?.n ?? 0) + 1 };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function Announcer() {
  const current = useSyncExternalStore(
    subscribe,
    () => message,
    () => null,
  );
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!current) return undefined;
    const timer = window.setTimeout(() => setHidden(current.n), 6000);
    return () => window.clearTimeout(timer);
  }, [current]);
  const visible = current && hidden !== current.n;
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {visible && (
        <div className="toast">
          {current.text}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setHidden(current.n)}
            aria-label="Скрыть уведомление"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
