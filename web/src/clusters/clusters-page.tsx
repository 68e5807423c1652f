// «Разбор „прочих“» (decree, section V): the catch-all category of a block over a period, grouped into candidate
// problems; an administrator turns a cluster into a new category of the block in one action.
import { RuDateInput } from '../common/ru-date-input';
import { useState, type FormEvent } from 'react';
import type { Cluster, ClustersResult } from '../../../shared/api/clusters';
import { promoteClusterInputSchema } from '../../../shared/api/clusters';
import { hasPermission } from '../api/contract';
import { fetchClusters, promoteCluster } from '../api/understanding-api';
import { useMe } from '../auth/auth-context';
import { formatDecimal, moscowIsoDate, NOUNS, plural } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { useReference } from '../reference/reference-context';

function growth(c: Cluster): string {
  if (c.growthPercent === null) return c.previous === 0 ? 'новая (в прошлом периоде не было)' : '—';
  return `${c.growthPercent > 0 ? '+' : ''}${c.growthPercent}% к прошлому периоду (было ${c.previous})`;
}

const messagesWord = (n: number): string => `${n} ${plural(n, ['сообщение', 'сообщения', 'сообщений'])}`;
/** «не меньше 2 сообщений», «не меньше 1 сообщения», «не меньше 21 сообщения»: the genitive after «не меньше». */
const atLeast = (n: number): string => `не меньше ${n} ${n % 10 === 1 && n % 100 !== 11 ? 'сообщения' : 'сообщений'}`;

/** How groups are looked for: the same rules the server applies, with its figures. */
function HowGroupsAreFound({ data }: { data: ClustersResult }) {
  return (
    <p className="muted small" data-testid="clusters-rules">
      Группа показывается, если в неё попало {atLeast(data.minGroupSize)}. Когда за период в «прочих»{' '}
      {atLeast(data.minMessages)}, они делятся на группы по сходству слов (k-средних, число групп выбирается по
      силуэту); когда меньше — в группу объединяются только очень похожие сообщения (сходство текстов не ниже{' '}
      {formatDecimal(data.similarity)}).
    </p>
  );
}

/** What the search found: messages of the period, those without meaningful words, grouped and left alone. */
function WhatWasFound({ data }: { data: ClustersResult }) {
  const grouped = data.clusters.reduce((n, c) => n + c.size, 0);
  const alone = data.messages - data.unclustered - grouped;
  const how =
    data.method === 'kmeans'
      ? `k-средних: k = ${data.k}, силуэт ${formatDecimal(data.silhouette)}`
      : data.method === 'similar'
        ? 'сообщений меньше порога, искались только очень похожие'
        : 'группировать нечего';
  return (
    <p data-testid="clusters-found">
      За период в «прочих» {messagesWord(data.messages)}; в группах — {grouped}, вне групп — {alone}
      {data.unclustered > 0 ? `, без значимых слов — ${data.unclustered}` : ''}. Групп: {data.clusters.length} ({how}).
    </p>
  );
}

function PromoteForm({ block, cluster, onDone }: { block: string; cluster: Cluster; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState(cluster.terms.slice(0, 3).join(', '));
  const [error, setError] = useState<unknown>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = promoteClusterInputSchema.safeParse({ block, code, name, caseIds: cluster.caseIds });
    if (!parsed.success) {
      setError(new Error(parsed.error.issues[0]?.message ?? 'Проверьте код и название'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await promoteCluster(parsed.data);
      setSuccess(
        `Категория «${r.name}» создана: перенесено ${r.moved} ${plural(r.moved, NOUNS.case)}, обучающих примеров ${r.trainingExamples}`,
      );
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        void submit(e);
      }}
    >
      <label>
        Код <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="scooters" required />
      </label>
      <label>
        Название <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <button type="submit" className="btn btn-small" disabled={busy}>
        Сделать категорией
      </button>
      <FormMessage error={error} success={success} />
    </form>
  );
}

export function ClustersPage() {
  usePageTitle('Разбор «прочих»');
  const me = useMe();
  const { ref } = useReference();
  const [block, setBlock] = useState(ref.blocks[0]?.code ?? '');
  const [from, setFrom] = useState(moscowIsoDate(new Date(), -30));
  const [to, setTo] = useState(moscowIsoDate(new Date()));
  const resource = useResource<ClustersResult>(
    block ? `clusters:${block}:${from}:${to}` : null,
    (signal) => fetchClusters({ block, from, to }, signal),
    { keepPrevious: true },
  );
  const canPromote = hasPermission(me, 'reference.manage');
  const data = resource.data;

  return (
    <section className="page page-wide" aria-labelledby="clusters-title">
      <h1 id="clusters-title">Разбор «прочих»</h1>
      <p className="muted">
        Сообщения категории «прочие» выбранного блока, сгруппированные по сходству текста: кандидаты в новые категории.
      </p>
      <div className="filters">
        <label>
          Блок{' '}
          <select value={block} onChange={(e) => setBlock(e.target.value)}>
            {ref.blocks.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <RuDateInput
          id="clusters-from"
          label="С"
          value={from}
          onCommit={(d) => {
            if (d) setFrom(d);
          }}
        />
        <RuDateInput
          id="clusters-to"
          label="По"
          value={to}
          onCommit={(d) => {
            if (d) setTo(d);
          }}
        />
      </div>
      {resource.error && !data ? (
        <ErrorState error={resource.error} onRetry={resource.reload} />
      ) : !data ? (
        <Loading label="Группировка сообщений…" />
      ) : (
        <>
          <HowGroupsAreFound data={data} />
          <WhatWasFound data={data} />
          {data.clusters.length === 0 ? (
            <Empty>Групп не найдено: похожих сообщений в «прочих» за период нет.</Empty>
          ) : (
            data.clusters.map((c) => (
              <article key={c.id} className="panel">
                <h2>{c.terms.join(', ') || 'без выраженных слов'}</h2>
                <p>
                  <strong>{c.size}</strong> {plural(c.size, NOUNS.message)} · {growth(c)}
                </p>
                <ul>
                  {c.examples.map((e) => (
                    <li key={e.messageId}>
                      <a href={`#/cases/${e.caseId}`}>№ {e.caseId}</a>: {e.text}
                    </li>
                  ))}
                </ul>
                {canPromote && <PromoteForm block={block} cluster={c} onDone={resource.reload} />}
              </article>
            ))
          )}
        </>
      )}
    </section>
  );
}
