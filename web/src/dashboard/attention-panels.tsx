// What needs attention now, on the dashboard itself: spikes of the last seven days (category × municipality well
// above its own baseline) and the open cases whose deadline is at risk, each linking to its cases.
import { toSearchParams } from '../api/case-query';
import { fetchCases } from '../api/cases-api';
import { fetchSpikes } from '../analytics/analytics-api';
import { countdown, countOf, formatDecimal, formatNumber, moscowIsoDate, NOUNS } from '../common/format';
import { useNow } from '../common/use-now';
import { href } from '../router/router';
import { ATTENTION_SHOWN } from './attention';
import { FigurePanel } from './figure-panel';

export function AttentionPanels({ loadKey }: { loadKey: string }) {
  const now = useNow(60_000);
  return (
    <>
      <FigurePanel
        id="dash-spikes"
        title="Всплески за 7 дней"
        loadKey={loadKey}
        load={(s) => fetchSpikes(moscowIsoDate(new Date()), 'week', s)}
      >
        {(spikes) =>
          spikes.items.length === 0 ? (
            <p className="muted">Всплесков нет.</p>
          ) : (
            <>
              <ul className="plain-list">
                {spikes.items.slice(0, ATTENTION_SHOWN).map((x) => (
                  <li key={`${x.block}.${x.category}.${x.municipality}`}>
                    <a href={href('/inbox', toSearchParams({ ids: x.caseIds }))}>
                      {x.categoryName ?? x.category ?? 'категория'} — {x.municipalityName ?? 'муниципалитет'}
                    </a>
                    : {countOf(x.count, NOUNS.case)} при обычных {formatDecimal(x.baseline)} (z = {formatDecimal(x.z)})
                  </li>
                ))}
              </ul>
              <p className="small">
                <a href={href('/analytics/spikes', { window: 'week' })}>
                  Все всплески ({formatNumber(spikes.items.length)})
                </a>
              </p>
            </>
          )
        }
      </FigurePanel>
      <FigurePanel
        id="dash-at-risk"
        title="Срок ответа под угрозой"
        loadKey={loadKey}
        load={(s) => fetchCases({ deadline: 'at_risk', sort: 'due_asc', pageSize: ATTENTION_SHOWN }, s)}
      >
        {(list) =>
          list.total === 0 ? (
            <p className="muted">Открытых обращений со сроком под угрозой нет.</p>
          ) : (
            <>
              <ul className="plain-list">
                {list.items.map((c) => (
                  <li key={c.id}>
                    <a href={`#/cases/${c.id}`}>№ {c.id}</a> {c.organisation ?? 'не назначен'}
                    {c.finalAnswerDueAt ? (
                      <span className="text-warn small"> · {countdown(c.finalAnswerDueAt, now).text}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <p className="small">
                <a href={href('/inbox', toSearchParams({ deadline: 'at_risk', sort: 'due_asc' }))}>
                  Открыть все ({formatNumber(list.total)})
                </a>
              </p>
            </>
          )
        }
      </FigurePanel>
    </>
  );
}
