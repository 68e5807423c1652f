// «Мои обращения»: the organisation's cases, most urgent deadline first, with the answer form beside the list.
import { useEffect, useRef, useState } from 'react';
import { CASE_STATUS_LABELS, CASE_STATUSES, WORK_STATUSES } from '../../../shared/cases/case-status';
import { parseCaseQuery, toSearchParams, withFilters, type CaseQuery } from '../api/case-query';
import { isScoped } from '../auth/access';
import { useMe } from '../auth/auth-context';
import { DEADLINE_FILTER_LABELS } from '../common/labels';
import { SelectField } from '../common/select-field';
import { Empty, ErrorState, Loading } from '../common/states';
import { CaseTable } from '../inbox/case-table';
import { ListStatus } from '../inbox/list-status';
import { Pagination } from '../inbox/pagination';
import { SearchField } from '../inbox/search-field';
import { useCaseList } from '../inbox/use-case-list';
import { usePageTitle } from '../layout/page-title';
import { navigate, rememberList, useLocation } from '../router/router';
import { DeskCase } from './desk-case';

const SCOPES = [{ value: 'all', label: 'Все, включая завершённые' }];

export function DeskPage() {
  usePageTitle('Мои обращения');
  const me = useMe();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const showAll = params.get('scope') === 'all';
  const filters = parseCaseQuery(params);
  const query: CaseQuery = {
    ...filters,
    sort: 'due_asc',
    ...(showAll ? {} : { status: filters.status ?? [...WORK_STATUSES] }),
    ...(!isScoped(me) && me.organisationId !== null ? { organisation: [me.organisationId] } : {}),
  };
  const list = useCaseList(query, 'desk');
  const [selected, setSelected] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => rememberList('К моим обращениям', '/desk', search), [search]);
  // Opening a case from the list (click or Enter) moves focus to it; closing returns focus to its row.
  useEffect(() => {
    if (selected) panelRef.current?.focus();
  }, [selected]);
  const close = () => {
    const id = selected;
    setSelected(null);
    if (id) window.setTimeout(() => document.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`)?.focus(), 0);
  };

  const go = (patch: CaseQuery, scope = showAll) => {
    const next = toSearchParams(withFilters(filters, patch));
    if (scope) next.set('scope', 'all');
    navigate('/desk', next, { replace: true });
  };
  const data = list.data;

  return (
    <section className="page page-wide" aria-labelledby="desk-title">
      <div className="page-head">
        <h1 id="desk-title">Мои обращения</h1>
        {me.organisation && <p className="muted">{me.organisation}</p>}
      </div>
      <form className="filters filters-compact" role="search" aria-label="Фильтры" onSubmit={(e) => e.preventDefault()}>
        <SearchField value={filters.q ?? ''} onCommit={(q) => go({ q: q || undefined })} />
        <SelectField
          label="Показывать"
          values={showAll ? ['all'] : []}
          allLabel="Ожидают ответа"
          options={SCOPES}
          onChange={(v) => go({ status: undefined }, v[0] === 'all')}
        />
        <SelectField
          label="Статус"
          values={params.has('status') ? (filters.status ?? []) : []}
          allLabel={showAll ? 'Все' : 'Все ожидающие ответа'}
          options={(showAll ? CASE_STATUSES : WORK_STATUSES).map((value) => ({
            value,
            label: CASE_STATUS_LABELS[value],
          }))}
          onChange={(v) => go({ status: v.length ? (v as CaseQuery['status']) : undefined })}
        />
        <SelectField
          label="Срок ответа"
          values={filters.deadline ? [filters.deadline] : []}
          onChange={(v) =>
            go({ deadline: v[0] === 'on_time' || v[0] === 'at_risk' || v[0] === 'overdue' ? v[0] : undefined })
          }
          options={Object.entries(DEADLINE_FILTER_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </form>
      <ListStatus
        total={data?.total ?? null}
        loading={list.loading}
        error={list.error}
        updatedAt={list.updatedAt}
        auto={list.auto}
        onAuto={list.setAuto}
        onReload={list.reload}
      />
      {!data && list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading label="Загрузка обращений…" />
      ) : data.items.length === 0 ? (
        <Empty>
          <p>{showAll ? 'Обращений нет.' : 'Нет обращений, ожидающих ответа.'}</p>
        </Empty>
      ) : (
        <div className={selected ? 'desk-layout desk-layout-open' : 'desk-layout'}>
          <div>
            <CaseTable
              items={data.items}
              sort="due_asc"
              caption="Обращения организации по сроку ответа"
              hideOrganisation
              selectedId={selected}
              onOpen={(item) => setSelected(item.id)}
              compact={!!selected}
              dense
            />
            <Pagination
              page={filters.page ?? 1}
              pageSize={data.pageSize}
              total={data.total}
              onPage={(p) => go({ page: p })}
            />
          </div>
          {selected && (
            <div
              className="panel desk-panel"
              ref={panelRef}
              tabIndex={-1}
              aria-label={`Обращение № ${selected}`}
              onKeyDown={(e) => {
                if (e.key === 'Escape') close();
              }}
            >
              <button type="button" className="btn btn-small close-panel" onClick={close}>
                Закрыть
              </button>
              <DeskCase key={selected} id={selected} onChanged={list.reload} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
