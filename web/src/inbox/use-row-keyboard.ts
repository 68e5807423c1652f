// j/k or ↓/↑ move through the rows, Enter opens the active one, "/" jumps to search. Keys typed into form
// fields are left alone; arrows are only taken over while focus is inside the table (the page still scrolls).
import { useCallback, useEffect, useRef, useState } from 'react';
import { hasModifier, isTypingTarget } from '../common/keyboard';

const OPENED_KEY = 'otklik.openedRow';

/** Returning from a case to its list puts keyboard focus back on the row that was opened. */
function takeOpenedRow(): string | null {
  try {
    const id = window.sessionStorage.getItem(OPENED_KEY);
    window.sessionStorage.removeItem(OPENED_KEY);
    return id;
  } catch {
    return null;
  }
}

export function useRowKeyboard<T extends { id: string }>(
  items: readonly T[],
  onOpenItem: (item: T) => void,
  remember: boolean,
) {
  const [restore] = useState(takeOpenedRow);
  const [activeId, setActiveId] = useState<string | null>(restore);
  const tableRef = useRef<HTMLTableElement>(null);
  const lastIndex = useRef(0);
  const restored = useRef(false);
  const onOpen = useCallback(
    (item: T) => {
      try {
        if (remember) window.sessionStorage.setItem(OPENED_KEY, item.id);
      } catch {
        // not essential
      }
      onOpenItem(item);
    },
    [onOpenItem, remember],
  );

  let index = items.findIndex((i) => i.id === activeId);
  if (index < 0 && activeId !== null) index = Math.min(lastIndex.current, items.length - 1);
  lastIndex.current = Math.max(index, 0);

  const focusRow = useCallback((id: string) => {
    const row = tableRef.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
    row?.focus();
  }, []);

  const move = useCallback(
    (delta: number) => {
      if (items.length === 0) return;
      const from = index < 0 ? (delta > 0 ? -1 : items.length) : index;
      const next = items[Math.max(0, Math.min(items.length - 1, from + delta))];
      if (next) {
        setActiveId(next.id);
        focusRow(next.id);
      }
    },
    [items, index, focusRow],
  );

  useEffect(() => {
    if (restored.current || !restore || !items.some((i) => i.id === restore)) return;
    restored.current = true;
    focusRow(restore);
  }, [items, restore, focusRow]);

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

  const active = index >= 0 ? (items[index] ?? null) : null;
  return { tableRef, activeId: active?.id ?? null, setActiveId, onOpen };
}
