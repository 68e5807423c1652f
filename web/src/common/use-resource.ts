// Loads data for a key, cancels stale requests, optionally refreshes in the background (without a spinner,
// without touching the rest of the screen's state) and lets actions replace the data with the server's answer.
// The opening screen's data can be primed before the app's first render (primed-resources.ts): the first
// useResource of that key then shows it in its first render, or waits for that same load if it is still on its way.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client';
import { peekPrimed, takePrimed, type Primed } from './primed-resources';

export interface Resource<T> {
  data: T | null;
  error: unknown;
  /** A load the user is waiting for (first load, new key, manual reload). */
  loading: boolean;
  updatedAt: Date | null;
  reload: () => void;
  setData: (data: T) => void;
}

export interface ResourceOptions {
  /** Background refresh period; paused while the tab is hidden. */
  refreshMs?: number;
  /** Keep showing the previous key's data while the new one loads (lists with filters). */
  keepPrevious?: boolean;
}

interface State<T> {
  key: string | null;
  data: T | null;
  error: unknown;
  loading: boolean;
  updatedAt: Date | null;
}

export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: ResourceOptions = {},
): Resource<T> {
  // primed data already there is shown by the first render (read once, on the first render)
  const shownPrimed = useRef<Primed['settled'] | null>(undefined);
  if (shownPrimed.current === undefined) shownPrimed.current = key === null ? null : (peekPrimed(key)?.settled ?? null);
  const [state, setState] = useState<State<T>>(() => {
    const first = shownPrimed.current;
    return first
      ? { key, data: first.data as T, error: null, loading: false, updatedAt: first.at }
      : { key: null, data: null, error: null, loading: key !== null, updatedAt: null };
  });
  const [run, setRun] = useState({ n: 0, silent: false });
  const loadRef = useRef(load);
  loadRef.current = load;
  const keepPrevious = options.keepPrevious ?? false;

  useEffect(() => {
    if (key === null) return undefined;
    const early = takePrimed(key);
    if (early && shownPrimed.current) {
      shownPrimed.current = null;
      return undefined; // the first render showed it
    }
    const controller = new AbortController();
    setState((s) => ({
      ...s,
      key,
      loading: !run.silent || s.key !== key,
      ...(s.key !== key && !keepPrevious ? { data: null, error: null, updatedAt: null } : {}),
    }));
    const loading = early ? (early.promise as Promise<T>) : loadRef.current(controller.signal);
    loading.then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, loading: false, updatedAt: new Date() });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((s) => ({ ...s, key, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, run, keepPrevious]);

  const refreshMs = options.refreshMs;
  useEffect(() => {
    if (!refreshMs || key === null) return undefined;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') setRun((r) => ({ n: r.n + 1, silent: true }));
    }, refreshMs);
    return () => window.clearInterval(timer);
  }, [refreshMs, key]);

  const reload = useCallback(() => setRun((r) => ({ n: r.n + 1, silent: false })), []);
  const setData = useCallback((data: T) => setState((s) => ({ ...s, data, error: null, updatedAt: new Date() })), []);

  return { data: state.data, error: state.error, loading: state.loading, updatedAt: state.updatedAt, reload, setData };
}
