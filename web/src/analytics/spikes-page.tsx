// «Всплески»: category × municipality counts well above their own baseline, each with its cases.
import { RuDateInput } from '../common/ru-date-input';
import { toSearchParams } from '../api/case-query';
import { formatDecimal, formatNumber, formatScore, isoToRuDate, moscowIsoDate } from '../common/format';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';
import { fetchSpikes } from './analytics-api';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { AnalyticsShell, useRange } from './analytics-shell';

export function SpikesPage() {
  usePageTitle('Всплески');
  const { params, set } = useRange();
  const on = params.get('on') ?? moscowIsoDate(new Date());
  const window = params.get('window') === 'week' ? 'week' : 'day';
  const res = useResource(`${on}:${window}`, (s) => fetchSpikes(on, window, s));
  const canCampaign = hasPermission(useMe(), 'comms.manage');
  const tools = (
    <>
      <div className="field">
        <RuDateInput id="sp-on" label="День (конец окна)" value={on} onCommit={(d) => d && set({ on: d })} />
      </div>
      <div className="field">
        <label htmlFor="sp-window">Окно</label>
        <select id="sp-window" value={window} onChange={(e) => set({ window: e.target.value })}>
          <option value="day">День</option>
          <option value="week">7 дней</option>
        </select>
      </div>
    </>
  );
  return (
    <AnalyticsShell title="Всплески" tools={tools}>
      {res.loading && !res.data ? (
        <Loading />
      ) : res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        res.data && (
          <>
            <p className="muted">
              Окно {isoToRuDate(res.data.from)} — {isoToRuDate(res.data.to)}.
            </p>
            {res.data.items.length === 0 ? (
              <Empty>Всплесков нет.</Empty>
            ) : (
              <div className="table-wrap">
                <table className="cases">
                  <thead>
                    <tr>
                      <th scope="col">Категория</th>
                      <th scope="col">Муниципалитет</th>
                      <th scope="col" className="num">
                        Сообщений
                      </th>
                      <th scope="col" className="num">
                        База λ
                      </th>
                      <th scope="col" className="num">
                        z
                      </th>
                      <th scope="col">Обращения</th>
                    </tr>
                  </thead>
                  <tbody>
                    {res.data.items.map((s) => (
                      <tr key={`${s.block}.${s.category}.${s.municipality}`}>
                        <th scope="row">{s.categoryName ?? s.category}</th>
                        <td>{s.municipalityName ?? '—'}</td>
                        <td className="num">{formatNumber(s.count)}</td>
                        <td className="num">{formatScore(s.baseline)}</td>
                        <td className="num">{formatDecimal(s.z)}</td>
                        <td>
                          <a href={href('/inbox', toSearchParams({ ids: s.caseIds }))}>открыть {s.caseIds.length}</a>
                          {canCampaign && s.category && s.municipality && (
                            <>
                              {' '}
                              ·{' '}
                              <a
                                href={href('/comms/campaigns', {
                                  new: '1',
                                  category: s.category,
                                  municipality: s.municipality,
                                  spikeFrom: s.from,
                                  spikeTo: s.to,
                                })}
                                aria-label={`Кампания по всплеску: ${s.categoryName ?? s.category}, ${s.municipalityName ?? ''}`}
                              >
                                кампания
                              </a>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted small">{res.data.method}</p>
          </>
        )
      )}
    </AnalyticsShell>
  );
}
