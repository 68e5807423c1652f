// The rows chosen for a bulk action; a new list (other filters, another page) starts with none chosen.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RowSelection } from './case-table';

export function useSelection(
  listKey: string,
): RowSelection & { clear: () => void; keepOnly: (ids: readonly string[]) => void } {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => setIds(new Set()), [listKey]);
  const toggle = useCallback(
    (id: string) =>
      setIds((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const setAll = useCallback(
    (all: readonly string[], on: boolean) =>
      setIds((prev) => {
        const next = new Set(prev);
        for (const id of all)
          if (on) next.add(id);
          else next.delete(id);
        return next;
      }),
    [],
  );
  const clear = useCallback(() => setIds(new Set()), []);
  const keepOnly = useCallback((keep: readonly string[]) => setIds(new Set(keep)), []);
  return useMemo(() => ({ ids, toggle, setAll, clear, keepOnly }), [ids, toggle, setAll, clear, keepOnly]);
}
