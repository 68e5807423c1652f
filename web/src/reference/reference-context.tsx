// Reference data (/api/reference) loaded once per session and shared by every screen, with lookups.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Reference } from '../api/contract';
import { fetchReference } from '../api/reference-api';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { buildLookups, type Lookups } from './lookups';

const ReferenceContext = createContext<Lookups | null>(null);

export function ReferenceProvider({ userId, children }: { userId: number; children: ReactNode }) {
  const resource = useResource<Reference>(`reference:${userId}`, fetchReference);
  const lookups = useMemo(() => (resource.data ? buildLookups(resource.data) : null), [resource.data]);
  if (resource.error && !lookups) {
    return (
      <main className="page" id="main">
        <ErrorState error={resource.error} onRetry={resource.reload} title="Не удалось загрузить справочники" />
      </main>
    );
  }
  if (!lookups)
    return (
      <main className="page" id="main">
        <Loading label="Загрузка справочников…" />
      </main>
    );
  return <ReferenceContext.Provider value={lookups}>{children}</ReferenceContext.Provider>;
}

export function useReference(): Lookups {
  const ctx = useContext(ReferenceContext);
  if (!ctx) throw new Error('useReference outside ReferenceProvider');
  return ctx;
}
