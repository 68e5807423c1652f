import type { CaseListItem, CaseListQuery } from '../../../shared/api/cases';
import { channelLabel, DeadlineBadge, PriorityBadge, StatusBadge } from '../common/badges';
import { formatDateTime } from '../common/format';
import { useNow } from '../common/use-now';
import { navigate } from '../router/router';
import { DueCell } from './due-cell';
import { SortHeader } from './sort-header';
import { useRowKeyboard } from './use-row-keyboard';

type Sort = CaseListQuery['sort'];

interface Props {
  items: readonly CaseListItem[];
  sort: Sort;
  onSort?: (sort: Sort) => void;
  caption: string;
  /** Open a row somewhere else than the case page (the desk opens it beside the list). */
  onOpen?: (item: CaseListItem) => void;
  selectedId?: string | null;
  hideOrganisation?: boolean;
  /** Fewer columns (the desk, when a case is open beside the list). */
  compact?: boolean;
}

function openCase(item: CaseListItem): void {
  navigate(`/cases/${item.id}`);
}

export function CaseTable({ items, sort, onSort, caption, onOpen, selectedId, hideOrganisation, compact }: Props) {
  const { tableRef, activeId, setActiveId, onOpen: open } = useRowKeyboard(items, onOpen ?? openCase, !onOpen);
  const now = useNow(60_000);
  return (
    <div className="table-wrap">
      <table className="cases" ref={tableRef} aria-describedby="table-keys">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">№</th>
            <SortHeader label="Поступило" sort={sort} onSort={onSort} asc="created_asc" desc="created_desc" />
            <th scope="col">Суть обращения</th>
            {!compact && <th scope="col">Блок / категория</th>}
            {!compact && <th scope="col">Муниципалитет</th>}
            {!hideOrganisation && !compact && <th scope="col">Исполнитель</th>}
            <th scope="col">Статус</th>
            <SortHeader label="Срок ответа" sort={sort} onSort={onSort} asc="due_asc" />
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const active = item.id === activeId;
            return (
              <tr key={item.id} data-id={item.id} tabIndex={active || (!activeId && item === items[0]) ? 0 : -1}
                className={[active ? 'row-active' : '', item.id === selectedId ? 'row-selected' : ''].join(' ').trim() || undefined}
                aria-current={item.id === selectedId ? true : undefined}
                onFocus={() => setActiveId(item.id)}
                onClick={() => open(item)}>
                <td className="num">{item.id}</td>
                <td className="nowrap">{formatDateTime(item.createdAt)}<br /><span className="muted small">{channelLabel(item.channel)}</span></td>
                <td className="summary">
                  <a href={`#/cases/${item.id}`} tabIndex={-1} onClick={(e) => {
                    // Ctrl/⌘/Shift-click opens a new tab as usual; a plain click is handled by the row.
                    if (e.ctrlKey || e.metaKey || e.shiftKey) e.stopPropagation();
                    else e.preventDefault();
                  }}>
                    {item.summary || 'Без текста'}
                  </a>
                  <span className="row-flags">
                    <PriorityBadge priority={item.priority} />
                    {item.messages > 1 && <span className="badge badge-info">{item.messages} сообщ.</span>}
                  </span>
                </td>
                {!compact && <td>{item.blockName ?? <span className="muted">не определён</span>}<br /><span className="muted small">{item.categoryName ?? ''}</span></td>}
                {!compact && <td>{item.municipality ?? <span className="muted">—</span>}</td>}
                {!hideOrganisation && !compact && <td>{item.organisation ?? <span className="muted">не назначен</span>}</td>}
                <td><StatusBadge status={item.status} citizenRepliedAt={item.citizenRepliedAt} /></td>
                <td className="nowrap"><DueCell item={item} now={now} /><br /><DeadlineBadge state={item.deadlineState} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="table-keys" className="muted small keys-hint">
        Клавиши: <kbd>j</kbd>/<kbd>k</kbd> или <kbd>↓</kbd>/<kbd>↑</kbd> — переход по строкам, <kbd>Enter</kbd> — открыть, <kbd>/</kbd> — поиск.
      </p>
    </div>
  );
}
