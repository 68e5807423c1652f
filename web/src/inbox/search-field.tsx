// Full-text search: typed freely, applied after a short pause or on Enter, so the list does not reload per key.
import { useEffect, useRef, useState } from 'react';

export function SearchField({ value, onCommit }: { value: string; onCommit: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  // The address changed from outside (a saved view, Back): show its search.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const schedule = (next: string) => {
    setText(next);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (next.trim() !== value) onCommit(next.trim());
    }, 600);
  };
  return (
    <div className="field field-search">
      <label htmlFor="filter-q">Поиск по тексту</label>
      <input
        id="filter-q"
        type="search"
        value={text}
        placeholder="например: нет отопления"
        aria-keyshortcuts="/"
        onChange={(e) => schedule(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            window.clearTimeout(timer.current);
            onCommit(text.trim());
          }
        }}
      />
    </div>
  );
}
