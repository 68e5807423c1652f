import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';

interface Props<T> {
  id: string;
  title: string;
  /** Changes when the period (or a reload) changes. */
  loadKey: string;
  load: (signal: AbortSignal) => Promise<T>;
  children: (data: T) => ReactNode;
  className?: string;
}

/** One dashboard figure with its own loading and error state, so a slow or failed figure does not block others. */
export function FigurePanel<T>({ id, title, loadKey, load, children, className }: Props<T>) {
  const resource = useResource<T>(`${id}:${loadKey}`, load);
  return (
    <section className={`panel figure ${className ?? ''}`} aria-labelledby={`${id}-title`} aria-busy={resource.loading}>
      <h2 id={`${id}-title`}>{title}</h2>
      {resource.data !== null ? (
        children(resource.data)
      ) : resource.error ? (
        <ErrorState error={resource.error} onRetry={resource.reload} />
      ) : (
        <Loading label="Подсчёт…" />
      )}
    </section>
  );
}
