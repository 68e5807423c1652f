import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_INBOX_SETTINGS, type InboxSettings } from '../../../shared/api/workspace';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { announce } from '../common/announcer';
import { errorMessage } from '../api/client';
import { useResource } from '../common/use-resource';
import { fetchInboxSettings, saveInboxSettings } from '../workspace/workspace-api';
import { BulkBar } from './bulk-bar';
import { ListSettings } from './list-settings';
import { useSelection } from './use-selection';
import {
  activeFilterCount,
  parseCaseQuery,
  QUERY_DEFAULTS,
  toSearchParams,
  withFilters,
  type CaseQuery,
} from '../api/case-query';
import { SORT_LABELS } from '../common/labels';
import { Empty, ErrorState, Loading } from '../common/states';
import { usePageTitle } from '../layout/page-title';
import { navigate, rememberList, useLocation } from '../router/router';
import { CaseTable } from './case-table';
import { FilterBar } from './filter-bar';
import { ListStatus } from './list-status';
import { Pagination } from './pagination';
import { RetryAllDeliveries } from './retry-all-deliveries';
import { SavedViews } from './saved-views';
import { primeCaseList, useCaseFacets, useCaseList } from './use-case-list';

const INBOX_LIST = 'inbox';

/** The opening inbox's first page, before the app's first render (layout/routes.tsx, openingScreenReady). */
export const primeOpening = (params: URLSearchParams): Promise<void> | undefined =>
  primeCaseList(parseCaseQuery(params), INBOX_LIST);

export function InboxPage() {
  usePageTitle('Входящие');
  const { search } = useLocation();
  const query = parseCaseQuery(new URLSearchParams(search));
  const list = useCaseList(query, INBOX_LIST);
  const facets = useCaseFacets(query, list.auto, list.data !== null);
  useEffect(() => rememberList('К списку «Входящие»', '/inbox', search), [search]);
  const go = useCallback((next: CaseQuery) => navigate('/inbox', toSearchParams(next), { replace: true }), []);
  const change = (patch: CaseQuery) => go(withFilters(query, patch));
  const sort = query.sort ?? QUERY_DEFAULTS.sort;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? QUERY_DEFAULTS.pageSize;
  const viewSearch = toSearchParams({ ...query, page: undefined }).toString();
  const data = list.data;
  const filters = activeFilterCount(query);
  const me = useMe();
  const canBulk = hasPermission(me, 'cases.triage');
  const stored = useResource('inbox-settings', fetchInboxSettings);
  const [chosen, setChosen] = useState<InboxSettings | null>(null);
  const settings = chosen ?? stored.data ?? DEFAULT_INBOX_SETTINGS;
  const changeSettings = (next: InboxSettings) => {
    setChosen(next);
    saveInboxSettings(next).catch((e: unknown) => announce(`Вид списка не сохранён: ${errorMessage(e)}`));
  };
  const selection = useSelection(search);

  return (
    <section className="page page-wide" aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">Входящие</h1>
        <SavedViews search={viewSearch} onApply={(s) => navigate('/inbox', new URLSearchParams(s))} />
      </div>
      <FilterBar
        query={query}
        onChange={change}
        counts={facets.data?.facets}
        onReset={() =>
          go({ ...(query.sort ? { sort: query.sort } : {}), ...(query.pageSize ? { pageSize: query.pageSize } : {}) })
        }
      />
      <div className="list-toolbar">
        <ListStatus
          total={data?.total ?? null}
          loading={list.loading}
          error={list.error}
          updatedAt={list.updatedAt}
          auto={list.auto}
          onAuto={list.setAuto}
          onReload={list.reload}
        />
        {query.delivery === 'failed' && (data?.total ?? 0) > 0 && <RetryAllDeliveries onDone={list.reload} />}
        <ListSettings settings={settings} onChange={changeSettings} />
        <div className="field inline-field">
          <label htmlFor="inbox-sort">Сортировка</label>
          <select
            id="inbox-sort"
            value={sort}
            onChange={(e) => change({ sort: e.target.value as typeof sort, page: 1 })}
          >
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!data && list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading label="Загрузка обращений…" />
      ) : data.items.length === 0 && page > 1 ? (
        <Empty>
          <p>На странице {page} обращений нет.</p>
          <button type="button" className="btn" onClick={() => change({ page: 1 })}>
            К первой странице
          </button>
        </Empty>
      ) : data.items.length === 0 ? (
        <Empty>
          <p>{filters ? 'По выбранным фильтрам обращений нет.' : 'Обращений пока нет.'}</p>
          {filters > 0 && (
            <button type="button" className="btn" onClick={() => go({})}>
              Сбросить фильтры
            </button>
          )}
        </Empty>
      ) : (
        <div aria-busy={list.loading}>
          {canBulk && selection.ids.size > 0 && (
            <BulkBar
              ids={[...selection.ids]}
              onClear={selection.clear}
              onDone={(failed) => {
                selection.keepOnly(failed);
                list.reload();
              }}
            />
          )}
          <CaseTable
            items={data.items}
            sort={sort}
            onSort={(s) => change({ sort: s, page: 1 })}
            caption="Обращения по выбранным фильтрам"
            columns={settings.columns}
            dense={settings.density === 'compact'}
            {...(canBulk ? { selection } : {})}
          />
          <Pagination
            page={page}
            pageSize={pageSize}
            total={data.total}
            onPage={(p) => change({ page: p })}
            onPageSize={(n) => change({ pageSize: n, page: 1 })}
          />
        </div>
      )}
    </section>
  );
}
