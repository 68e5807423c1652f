import type { CaseListItem } from '../../../shared/api/cases';
import { PriorityBadge } from '../common/badges';
import { formatDateTime } from '../common/format';

interface Props {
  items: readonly CaseListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function TriageList({ items, selectedId, onSelect }: Props) {
  return (
    <ol className="triage-list" aria-label="Очередь разбора">
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className="triage-item"
            aria-current={item.id === selectedId ? true : undefined}
            onClick={() => onSelect(item.id)}
          >
            <span className="triage-item-head">
              <span className="num">№ {item.id}</span>
              <span className="muted small">{formatDateTime(item.createdAt)}</span>
              <PriorityBadge priority={item.priority} />
            </span>
            <span className="triage-item-text">{item.summary || 'Без текста'}</span>
            <span className="muted small">
              {item.blockName
                ? `${item.blockName}${item.categoryName ? ` → ${item.categoryName}` : ''}`
                : 'блок не определён'}
              {item.confidence !== null ? ` · ${Math.round(item.confidence * 100)} %` : ''}
              {item.municipality ? ` · ${item.municipality}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
