// «Проблемные категории»: per block, categories scored from the data, the proposal beside the «прочие» bucket,
// and the list the curator confirmed (with its history).
import { useState } from 'react';
import type { ProblemBlock } from '../../../shared/api/analytics';
import { hasPermission } from '../api/contract';
import { errorMessage } from '../api/client';
import { useMe } from '../auth/auth-context';
import { countOf, formatDateTime, formatPercent, formatScore, isoToRuDate, NOUNS } from '../common/format';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { confirmProblems, fetchProblems, type DateRange } from './analytics-api';
import { AnalyticsShell, useRange } from './analytics-shell';

function BlockCard({
  block,
  range,
  canConfirm,
  onSaved,
}: {
  block: ProblemBlock;
  range: DateRange;
  canConfirm: boolean;
  onSaved: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>(block.confirmed?.categories ?? block.proposed);
  const [message, setMessage] = useState<string | null>(null);
  const toggle = (c: string) => setChosen((xs) => (xs.includes(c) ? xs.filter((x) => x !== c) : [...xs, c]));
  const confirm = async () => {
    try {
      await confirmProblems({ block: block.block, categories: chosen, from: range.from, to: range.to });
      setMessage('Список подтверждён');
      onSaved();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  return (
    <article className="panel">
      <h2>
        {block.blockName} <span className="muted small">· {countOf(block.messages, NOUNS.message)}</span>
      </h2>
      <div className="table-wrap">
        <table className="cases">
          <thead>
            <tr>
              {canConfirm && <th scope="col">В списке</th>}
              <th scope="col">Категория</th>
              <th scope="col" className="num">
                Сообщений
              </th>
              <th scope="col" className="num">
                Рост
              </th>
              <th scope="col" className="num">
                Поздние ответы
              </th>
              <th scope="col" className="num">
                Повторные
              </th>
              <th scope="col" className="num">
                Балл
              </th>
            </tr>
          </thead>
          <tbody>
            {block.candidates.map((c) => (
              <tr key={c.category} className={block.proposed.includes(c.category) ? 'row-selected' : undefined}>
                {canConfirm && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Включить «${c.name}»`}
                      checked={chosen.includes(c.category)}
                      onChange={() => toggle(c.category)}
                    />
                  </td>
                )}
                <th scope="row">{c.name}</th>
                <td className="num">{c.messages}</td>
                <td className="num">{c.growth === null ? '—' : formatPercent(c.growth)}</td>
                <td className="num">{c.overdueShare === null ? '—' : formatPercent(c.overdueShare)}</td>
                <td className="num">{c.repeatShare === null ? '—' : formatPercent(c.repeatShare)}</td>
                <td className="num">{formatScore(c.score)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={canConfirm ? 2 : 1}>
                «Прочие»
              </th>
              <td className="num">{block.other.messages}</td>
              <td colSpan={4} className="muted">
                {block.other.share === null ? '' : `${formatPercent(block.other.share)} блока`}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="small">
        {block.confirmed
          ? `Подтверждено: ${block.confirmed.confirmedBy ?? '—'}, ${formatDateTime(block.confirmed.confirmedAt)} (период ${isoToRuDate(block.confirmed.from)} — ${isoToRuDate(block.confirmed.to)}).`
          : 'Список ещё не подтверждён: выделены предложенные по данным категории.'}
      </p>
      {canConfirm && (
        <button type="button" className="btn" disabled={chosen.length < 3} onClick={() => void confirm()}>
          Подтвердить список ({chosen.length})
        </button>
      )}
      {message && (
        <p role="status" className="small">
          {message}
        </p>
      )}
      {block.history.length > 1 && (
        <details>
          <summary>История ({block.history.length})</summary>
          <ul className="small">
            {block.history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.confirmedAt)} — {h.confirmedBy ?? '—'}: {h.categories.join(', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

export function ProblemsPage() {
  usePageTitle('Проблемные категории');
  const me = useMe();
  const { range } = useRange();
  const res = useResource(`${range.from}:${range.to}`, (s) => fetchProblems(range, s));
  return (
    <AnalyticsShell title="Проблемные категории">
      {res.loading && !res.data ? (
        <Loading />
      ) : res.error ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        res.data && (
          <>
            <p className="muted small">{res.data.formula}</p>
            <div className="problems-list">
              {res.data.blocks
                .filter((b) => b.messages > 0)
                .map((b) => (
                  <BlockCard
                    key={`${b.block}:${b.confirmed?.id ?? ''}`}
                    block={b}
                    range={range}
                    canConfirm={hasPermission(me, 'reports.approve')}
                    onSaved={res.reload}
                  />
                ))}
            </div>
          </>
        )
      )}
    </AnalyticsShell>
  );
}
