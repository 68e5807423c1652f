import { useId, useState, type FormEvent } from 'react';
import { useMe } from '../auth/auth-context';
import { loadViews, storeViews, type SavedView } from './saved-views-store';

interface Props {
  /** The current query string (defaults omitted, page excluded). */
  search: string;
  onApply: (search: string) => void;
}

export function SavedViews({ search, onApply }: Props) {
  const me = useMe();
  const id = useId();
  const [views, setViews] = useState(() => loadViews(me.id));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const current = views.find((v) => v.search === search);

  const update = (next: SavedView[], note: string) => {
    setViews(next);
    setMessage(storeViews(me.id, next) ? note : 'Не удалось сохранить: хранилище браузера недоступно');
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const others = views.filter((v) => v.name !== trimmed);
    update([...others, { id: String(Date.now()), name: trimmed, search }], `Представление «${trimmed}» сохранено`);
    setNaming(false);
    setName('');
  };

  return (
    <div className="saved-views">
      <div className="field">
        <label htmlFor={`${id}-views`}>Сохранённые представления</label>
        <select
          id={`${id}-views`}
          value={current?.id ?? ''}
          onChange={(e) => {
            const v = views.find((x) => x.id === e.target.value);
            if (v) onApply(v.search);
          }}
        >
          <option value="">{views.length ? '— не выбрано —' : 'нет сохранённых'}</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      {current ? (
        <button
          type="button"
          className="btn"
          onClick={() =>
            update(
              views.filter((v) => v.id !== current.id),
              `Представление «${current.name}» удалено`,
            )
          }
        >
          Удалить представление
        </button>
      ) : naming ? (
        <form className="inline-form" onSubmit={save}>
          <label htmlFor={`${id}-name`} className="visually-hidden">
            Название представления
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Название"
            autoFocus
            maxLength={80}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setNaming(false);
            }}
          />
          <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
            Сохранить
          </button>
          <button type="button" className="btn" onClick={() => setNaming(false)}>
            Отмена
          </button>
        </form>
      ) : (
        <button type="button" className="btn" onClick={() => setNaming(true)}>
          Сохранить представление…
        </button>
      )}
      {message && (
        <span className="muted small" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
