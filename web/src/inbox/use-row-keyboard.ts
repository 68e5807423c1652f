// j/k or ↓/↑ move through the rows, Enter opens the active one, "/" jumps to search. Keys typed into form
// fields are left alone; arrows are only taken over while focus is inside the table (the page still scrolls).
import { useCallback, useEffect, useRef, useState } from 'react';
import { hasModifier, isTypingTarget } from '../common/keyboard';

export function useRowKeyboard<T extends { id: string }>(items: readonly T[], onOpen: (item: T) => void) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const lastIndex = useRef(0);

  let index = items.findIndex((i) => i.id === activeId);
  if (index < 0 && activeId !== null) index = Math.min(lastIndex.current, items.length - 1);
  lastIndex.current = Math.max(index, 0);

  const focusRow = useCallback((id: string) => {
    const row = tableRef.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
    row?.focus();
  }, []);

  const move = useCallback((delta: number) => {
    if (items.length === 0) return;
    const from = index < 0 ? (delta > 0 ? -1 : items.length) : index;
    const next = items[Math.max(0, Math.min(items.length - 1, from + delta))];
    if (next) {
      setActiveId(next.id);
      focusRow(next.id);
    }
  }, [items, index, focusRow]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (hasModifier(event) || isTypingTarget(event.target)) return;
      const inTable = !!tableRef.current && event.target instanceof Node && tableRef.current.contains(event.target);
      if (event.key === 'j' || event.key === 'о' || (inTable && event.key === 'ArrowDown')) {
        event.preventDefault();
        move(1);
      } else if (event.key === 'k' || event.key === 'л' || (inTable && event.key === 'ArrowUp')) {
        event.preventDefault();
        move(-1);
      } else if (event.key === 'Enter' && inTable && event.target instanceof HTMLTableRowElement) {
        const item = items[index];
        if (item) {
          event.preventDefault();
          onOpen(item);
        }
      } else if (event.key === '/') {
        const search = document.getElementById('filter-q');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [move, items, index, onOpen]);

  const active = index >= 0 ? items[index] ?? null : null;
  return { tableRef, activeId: active?.id ?? null, setActiveId };
}
