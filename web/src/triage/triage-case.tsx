// The case being sorted: its full text (as plain text), urgency flags and the classification form.
import type { CaseDetail } from '../../../shared/api/cases';
import { fetchCase } from '../api/cases-api';
import { channelLabel, ConfidenceMeter } from '../common/badges';
import { formatDateTime } from '../common/format';
import { ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { readClassification } from '../case/classification-panel';
import { useReference } from '../reference/reference-context';
import { ClassificationForm } from './classification-form';
import { TriageReason } from './triage-reason';

export function TriageCase({ id, onDone }: { id: string; onDone: (detail: CaseDetail) => void }) {
  const resource = useResource<CaseDetail>(`triage-case:${id}`, (signal) => fetchCase(id, signal));
  const { blockName, categoryName } = useReference();
  const detail = resource.data;
  if (!detail)
    return resource.error ? (
      <ErrorState error={resource.error} onRetry={resource.reload} />
    ) : (
      <Loading label="Загрузка обращения…" />
    );
  const first = detail.messagesList[0];
  const { classifier, citizen } = readClassification(detail.classification);
  return (
    <div className="triage-case">
      <h2 className="triage-case-title">
        <a href={`#/cases/${detail.id}`}>Обращение № {detail.id}</a>
      </h2>
      <p className="muted small">
        {formatDateTime(detail.createdAt)} · {channelLabel(detail.channel)}
        {first?.author ? ` · ${first.author}` : ''}
        {detail.address ? ` · ${detail.address}` : ''}
      </p>
      <TriageReason id={detail.id} />
      <p className="message-text triage-text">{first?.text ?? detail.summary}</p>
      {detail.messages > 1 && (
        <p className="small muted">И ещё {detail.messages - 1} повторн. сообщ. — см. карточку.</p>
      )}
      <p className="small">
        Классификатор:{' '}
        {classifier
          ? `${blockName(classifier.block)} → ${categoryName(classifier.block, classifier.category)}`
          : 'не определил блок'}{' '}
        <ConfidenceMeter value={detail.confidence} />
      </p>
      {citizen && (
        <p className="small">
          Выбор гражданина: {blockName(citizen.block)} → {categoryName(citizen.block, citizen.category)}
        </p>
      )}
      {detail.flags.length > 0 && (
        <ul className="flags">
          {detail.flags.map((f) => (
            <li key={f.code}>
              <span className="badge priority-high">{f.label}</span>
              {f.triggers.length > 0 && <span className="small"> — {f.triggers.map((t) => `«${t}»`).join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
      {detail.permissions.triage ? (
        <ClassificationForm key={detail.id} item={detail} onDone={onDone} shortcuts autoFocus quiet />
      ) : (
        <p className="muted">Нет прав на разбор этого обращения.</p>
      )}
    </div>
  );
}
