// Possible repeats of this case (merge one into this case) and splitting a message out into a case of its own.
// Shown only to those who may triage; nothing is deleted: the merged case stays, rejected as a duplicate with a link.
import { useState } from 'react';
import type { CaseDetail, DuplicateSuggestion } from '../../../shared/api/cases';
import { fetchDuplicates, mergeInto, splitOut } from '../api/understanding-api';
import { StatusBadge, channelLabel } from '../common/badges';
import { formatDateTime } from '../common/format';
import { FormMessage } from '../common/states';
import { useResource } from '../common/use-resource';
import { useAction } from './use-action';

export function DuplicatesPanel({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const allowed = Boolean(detail.permissions.triage) && detail.mergedIntoId === null;
  const resource = useResource<DuplicateSuggestion[]>(
    allowed ? `duplicates:${detail.id}:${detail.messagesList.length}` : null,
    (signal) => fetchDuplicates(detail.id, signal),
  );
  const action = useAction(onDone);
  const [created, setCreated] = useState<string | null>(null);
  if (!allowed) return null;

  const merge = (s: DuplicateSuggestion) =>
    action.run(() => mergeInto(detail.id, s.caseId), `Обращение № ${s.caseId} объединено с этим`);
  const split = (messageId: string) =>
    action.run(async () => {
      const r = await splitOut(detail.id, messageId);
      setCreated(r.newCaseId);
      return r.case;
    }, 'Сообщение выделено в отдельное обращение');
  const items = resource.data ?? [];

  return (
    <section className="panel" aria-labelledby={`dups-${detail.id}`}>
      <h2 id={`dups-${detail.id}`}>Возможные повторы</h2>
      {resource.loading && !resource.data ? (
        <p className="muted small">Поиск похожих обращений…</p>
      ) : items.length === 0 ? (
        <p className="muted small">Похожих открытых обращений не найдено.</p>
      ) : (
        <ul className="plain-list">
          {items.map((s) => (
            <li key={s.caseId}>
              <p>
                <a href={`#/cases/${s.caseId}`}>№ {s.caseId}</a> <StatusBadge status={s.status} />{' '}
                <span className="badge badge-info">{s.decision === 'duplicate' ? 'повтор' : 'похоже'}</span>{' '}
                <span className="muted small">
                  {formatDateTime(s.createdAt)} · {channelLabel(s.channel)}
                </span>
              </p>
              <p className="small">{s.summary}</p>
              <p className="muted small">{s.reasons.join('; ')}</p>
              <button
                type="button"
                className="btn btn-small"
                disabled={action.busy}
                onClick={() => {
                  void merge(s);
                }}
              >
                Объединить
              </button>
            </li>
          ))}
        </ul>
      )}
      {detail.messagesList.length > 1 && (
        <>
          <h3>Сообщения этого обращения</h3>
          <ul className="plain-list">
            {detail.messagesList.map((m) => (
              <li key={m.id}>
                <p className="small">
                  {m.text.slice(0, 160)}
                  {m.text.length > 160 ? '…' : ''}
                </p>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={action.busy}
                  onClick={() => {
                    void split(m.id);
                  }}
                >
                  Выделить в отдельное обращение
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <FormMessage error={action.error} success={action.success} />
      {created && (
        <p className="small">
          Новое обращение: <a href={`#/cases/${created}`}>№ {created}</a>
        </p>
      )}
    </section>
  );
}
