// The state every form of these screens has: its fields, one error, a busy flag while sending and a success note.
import { useState } from 'react';

export function useForm<T extends object>(initial: T) {
  const [f, setF] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return {
    f,
    error,
    busy,
    done,
    set: (patch: Partial<T>) => setF((s) => ({ ...s, ...patch })),
    /** A check in the browser failed: the message shows, nothing is sent. */
    fail: (message: string) => setError(new Error(message)),
    /** Sends; on success shows `success` (if any) and calls `after`. */
    run: (send: () => Promise<unknown>, after?: () => void, success?: string) => {
      setBusy(true);
      setError(null);
      setDone(null);
      send()
        .then(() => {
          if (success) setDone(success);
          after?.();
        })
        .catch(setError)
        .finally(() => setBusy(false));
    },
  };
}
