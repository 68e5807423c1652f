// Who answers the case, how it got there (routing rule or a person's reassignment, with the reason), and a form
// to hand it to another organisation.
import { useId, useState, type FormEvent } from 'react';
import { reassignInputSchema, type CaseDetail } from '../../../shared/api/cases';
import { caseActions } from '../api/cases-api';
import { formatDateTime } from '../common/format';
import { FormMessage } from '../common/states';
import { useDraft } from '../common/use-draft';
import { useReference } from '../reference/reference-context';
import { canReassign } from './case-access';
import { firstIssue, useAction } from './use-action';

const ROUTING_EVENTS = new Set(['routed', 'reassigned', 'triage']);

/** Routing steps: rule-based routing, triage, reassignment, and routing after a corrected classification. */
function routingSteps(history: CaseDetail['history']): CaseDetail['history'] {
  const reassignedAt = new Set(history.filter((e) => e.type === 'reassigned').map((e) => e.at));
  return history.filter(
    (e) => ROUTING_EVENTS.has(e.type) || (e.type === 'status' && e.data.action === 'route' && !reassignedAt.has(e.at)),
  );
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null;
}

export function RoutingPanel({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const { ref, organisationName } = useReference();
  const [orgId, setOrgId] = useState('');
  const [reason, setReason, clearReason] = useDraft(`reassign.${detail.id}`);
  const action = useAction(onDone);
  const steps = routingSteps(detail.history);
  const orgs = [...ref.organisations].sort((a, b) => a.name.localeCompare(b.name, 'ru'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = reassignInputSchema.safeParse({ organisationId: Number(orgId), reason });
    if (!orgId) return action.fail('Выберите организацию');
    if (!parsed.success) return action.fail(firstIssue(parsed.error));
    if (
      await action.run(
        () => caseActions.reassign(detail.id, parsed.data),
        `Передано: ${organisationName(parsed.data.organisationId)}`,
      )
    ) {
      clearReason();
      setOrgId('');
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Маршрутизация</h2>
      <p>
        Исполнитель: <strong>{detail.organisation ?? 'не назначен'}</strong>
      </p>
      {steps.length > 0 && (
        <ol className="plain-list small">
          {steps.map((e) => {
            const to =
              text(e.data.toName) ??
              (typeof e.data.organisationId === 'number' ? organisationName(e.data.organisationId) : null);
            return (
              <li key={e.id}>
                {formatDateTime(e.at)} — {e.type === 'status' ? 'Назначен исполнитель' : e.label}
                {to ? `: ${to}` : ''}
                {text(e.data.reason) && <> (причина: {text(e.data.reason)})</>}
                {e.actor && <span className="muted"> · {e.actor}</span>}
              </li>
            );
          })}
        </ol>
      )}
      {canReassign(detail) && (
        <details>
          <summary>Переназначить организацию</summary>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={`${id}-org`}>Новый исполнитель</label>
              <select id={`${id}-org`} value={orgId} onChange={(e) => setOrgId(e.target.value)}>
                <option value="">— выберите организацию —</option>
                {orgs.map((o) => (
                  <option key={o.id} value={o.id} disabled={o.id === detail.organisationId}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-reason`}>Причина переназначения</label>
              <textarea
                id={`${id}-reason`}
                rows={2}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <FormMessage error={action.error} />
            <button type="submit" className="btn" disabled={action.busy}>
              Переназначить
            </button>
          </form>
        </details>
      )}
      <FormMessage success={action.success} />
    </section>
  );
}
