// «Почему на разборе» above the classification form: the recorded reason, who sent the case and when, and the
// organisation the routing rules would pick for the suggested category.
import { formatDateTime } from '../common/format';
import { useResource } from '../common/use-resource';
import { useReference } from '../reference/reference-context';
import { fetchTriageExplanation } from '../workspace/workspace-api';

export function TriageReason({ id }: { id: string }) {
  const { blockName, categoryName } = useReference();
  const res = useResource(`triage-reason:${id}`, (signal) => fetchTriageExplanation(id, signal));
  const e = res.data;
  if (!e) return null;
  return (
    <dl className="facts facts-inline triage-reason">
      <div>
        <dt>Почему на разборе</dt>
        <dd>
          {e.reason ?? 'причина не записана'}
          {e.by ? ` (${e.by}` : ''}
          {e.by && e.since ? `, ${formatDateTime(e.since)})` : e.by ? ')' : ''}
        </dd>
      </div>
      <div>
        <dt>Правила маршрутизации</dt>
        <dd>
          {e.proposal ? (
            <>
              для «{blockName(e.proposal.block)} → {categoryName(e.proposal.block, e.proposal.category)}» —{' '}
              <strong>{e.proposal.organisation}</strong> ({e.proposal.rule})
            </>
          ) : (
            'подходящего правила нет: исполнителя нужно выбрать'
          )}
        </dd>
      </div>
    </dl>
  );
}
