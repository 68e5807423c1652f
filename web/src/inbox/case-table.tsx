import type { CaseListItem, CaseListQuery } from '../../../shared/api/cases';
import { INBOX_COLUMNS, type InboxColumn } from '../../../shared/api/workspace';
import { channelLabel, DeadlineBadge, PriorityBadge, StatusBadge } from '../common/badges';
import { formatDateTime } from '../common/format';
import { useNow } from '../common/use-now';
import { navigate } from '../router/router';
import { DueCell } from './due-cell';
import { SortHeader } from './sort-header';
import { useRowKeyboard } from './use-row-keyboard';

type Sort = CaseListQuery['sort'];

/** The rows chosen for a bulk action; Space or «x» on a row toggles it. */
export interface RowSelection {
  ids: ReadonlySet<string>;
  toggle: (id: string) => void;
  setAll: (ids: readonly string[], on: boolean) => void;
}

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
  /** The optional columns shown (the user's choice); all of them by default. */
  columns?: readonly InboxColumn[];
  /** One line a row: at least twelve rows at 1366×768. */
  dense?: boolean;
  selection?: RowSelection;
}

function openCase(item: CaseListItem): void {
  navigate(`/cases/${item.id}`);
}

const SELECT_KEYS = new Set([' ', 'x', 'ч']);

export function CaseTable({
  items,
  sort,
  onSort,
  caption,
  onOpen,
  selectedId,
  hideOrganisation,
  compact,
  columns = INBOX_COLUMNS,
  dense,
  selection,
}: Props) {
  const { tableRef, activeId, setActiveId, onOpen: open } = useRowKeyboard(items, onOpen ?? openCase, !onOpen);
  const now = useNow(60_000);
  const show = (c: InboxColumn) =>
    columns.includes(c) &&
    !(compact && (c === 'category' || c === 'municipality' || c === 'organisation')) &&
    !(hideOrganisation && c === 'organisation');
  const allChosen = selection !== undefined && items.length > 0 && items.every((i) => selection.ids.has(i.id));
  return (
    <div className="table-wrap">
      <table className={`cases case-list${dense ? ' dense' : ''}`} ref={tableRef} aria-describedby="table-keys">
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {selection && <col className="col-select" />}
          <col className="col-num" />
          {show('created') && <col className="col-created" />}
          <col />
          {show('category') && <col className="col-category" />}
          {show('municipality') && <col className="col-municipality" />}
          {show('organisation') && <col className="col-organisation" />}
          {show('status') && <col className="col-status" />}
          <col className="col-due" />
        </colgroup>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label="Выбрать все обращения страницы"
                  checked={allChosen}
                  onChange={(e) =>
                    selection.setAll(
                      items.map((i) => i.id),
                      e.target.checked,
                    )
                  }
                />
              </th>
            )}
            <th scope="col">№</th>
            {show('created') && (
              <SortHeader label="Поступило" sort={sort} onSort={onSort} asc="created_asc" desc="created_desc" />
            )}
            <th scope="col">Суть обращения</th>
            {show('category') && <th scope="col">Блок / категория</th>}
            {show('municipality') && <th scope="col">Муниципалитет</th>}
            {show('organisation') && <th scope="col">Исполнитель</th>}
            {show('status') && <th scope="col">Статус</th>}
            <SortHeader label="Срок ответа" sort={sort} onSort={onSort} asc="due_asc" />
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const active = item.id === activeId;
            const chosen = selection?.ids.has(item.id) ?? false;
            return (
              <tr
                key={item.id}
                data-id={item.id}
                tabIndex={active || (!activeId && item === items[0]) ? 0 : -1}
                className={
                  [active ? 'row-active' : '', item.id === selectedId || chosen ? 'row-selected' : '']
                    .join(' ')
                    .trim() || undefined
                }
                aria-current={item.id === selectedId ? true : undefined}
                aria-selected={selection ? chosen : undefined}
                onFocus={() => setActiveId(item.id)}
                onKeyDown={(e) => {
                  if (
                    !selection ||
                    e.target !== e.currentTarget ||
                    e.ctrlKey ||
                    e.metaKey ||
                    e.altKey ||
                    !SELECT_KEYS.has(e.key)
                  )
                    return;
                  e.preventDefault();
                  selection.toggle(item.id);
                }}
                onClick={() => open(item)}
              >
                {selection && (
                  <td className="select-cell" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      tabIndex={-1}
                      aria-label={`Выбрать обращение ${item.id}`}
                      checked={chosen}
                      onChange={() => selection.toggle(item.id)}
                    />
                  </td>
                )}
                <td className="num">{item.id}</td>
                {show('created') && (
                  <td className="nowrap">
                    {formatDateTime(item.createdAt)}
                    {dense ? null : (
                      <>
                        <br />
                        <span className="muted small">{channelLabel(item.channel)}</span>
                      </>
                    )}
                  </td>
                )}
                <td className="summary" title={dense ? item.summary : undefined}>
                  <a
                    href={`#/cases/${item.id}`}
                    tabIndex={-1}
                    onClick={(e) => {
                      // Ctrl/⌘/Shift-click opens a new tab as usual; a plain click is handled by the row.
                      if (e.ctrlKey || e.metaKey || e.shiftKey) e.stopPropagation();
                      else e.preventDefault();
                    }}
                  >
                    {item.summary || 'Без текста'}
                  </a>
                  <span className="row-flags">
                    <PriorityBadge priority={item.priority} />
                    {item.messages > 1 && <span className="badge badge-info">{item.messages} сообщ.</span>}
                  </span>
                </td>
                {show('category') && (
                  <td
                    className="clip"
                    title={dense ? [item.blockName, item.categoryName].filter(Boolean).join(' — ') : undefined}
                  >
                    {item.blockName ?? <span className="muted">не определён</span>}
                    {dense ? ' · ' : <br />}
                    <span className="muted small">{item.categoryName ?? ''}</span>
                  </td>
                )}
                {show('municipality') && (
                  <td className="clip">{item.municipality ?? <span className="muted">—</span>}</td>
                )}
                {show('organisation') && (
                  <td className="clip" title={dense ? (item.organisation ?? undefined) : undefined}>
                    {item.organisation ?? <span className="muted">не назначен</span>}
                  </td>
                )}
                {show('status') && (
                  <td className="clip">
                    <StatusBadge status={item.status} citizenRepliedAt={item.citizenRepliedAt} />
                  </td>
                )}
                <td className="nowrap due-cell">
                  <DueCell item={item} now={now} dense={dense} />
                  {dense ? null : (
                    <>
                      <br />
                      <DeadlineBadge state={item.deadlineState} />
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="table-keys" className="muted small keys-hint">
        Клавиши: <kbd>j</kbd>/<kbd>k</kbd> или <kbd>↓</kbd>/<kbd>↑</kbd> — переход по строкам, <kbd>Enter</kbd> —
        открыть, <kbd>/</kbd> — поиск
        {selection ? (
          <>
            , <kbd>Пробел</kbd> или <kbd>x</kbd> — выбрать строку для действия над несколькими
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
