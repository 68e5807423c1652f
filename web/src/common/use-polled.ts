// A small figure of the header (unread notifications, the counters of waiting work): loaded at once, refreshed
// every `everyMs` and whenever `event` fires on window; null while unknown or after a failed load.
import { useEffect, useState } from 'react';
import { isAbort } from '../api/client';

export function usePolled<T>(load: (signal: AbortSignal) => Promise<T>, everyMs: number, event: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let controller = new AbortController();
    const run = () => {
      controller.abort();
      controller = new AbortController();
      load(controller.signal).then(setValue, (error: unknown) => {
        if (!isAbort(error)) setValue(null);
      });
    };
    run();
    const timer = window.setInterval(run, everyMs);
    window.addEventListener(event, run);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener(event, run);
    };
  }, [load, everyMs, event]);
  return value;
}
