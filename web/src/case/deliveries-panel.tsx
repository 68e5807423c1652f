// Where each answer went: one line per answer × citizen message, with the channel's delivery status. Staff who
// triage cases can send failed deliveries again (after checking that the citizen did not get them).
import { useId } from 'react';
import type { CaseDetail } from '../../../shared/api/cases';
import { DELIVERY_STATUS_LABELS, deliveryRetryResultSchema, type DeliveryStatus } from '../../../shared/api/deliveries';
import { CHANNEL_LABELS, isChannel } from '../../../shared/deadlines/channels';
import { apiRequest } from '../api/client';
import { fetchCase } from '../api/cases-api';
import { FormMessage } from '../common/states';
import { formatDateTime } from '../common/format';
import { useAction } from './use-action';

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  pending: 'review-pending',
  sending: 'review-pending',
  sent: 'review-accepted',
  failed: 'review-returned',
  awaiting_export: 'badge-info',
};

export function DeliveriesPanel({ detail, onDone }: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const id = useId();
  const action = useAction(onDone);
  const deliveries = detail.deliveries ?? [];
  if (deliveries.length === 0) return null;
  const answerNo = new Map(
    detail.answers.map((a, i) => [a.id, `${i + 1}. ${a.kind === 'final' ? 'окончательный' : 'промежуточный'}`]),
  );
  const failed = deliveries.filter((d) => d.status === 'failed').length;
  const retry = () =>
    action.run(async () => {
      await apiRequest(`/cases/${encodeURIComponent(detail.id)}/deliveries/retry`, deliveryRetryResultSchema, {
        method: 'POST',
      });
      return fetchCase(detail.id);
    }, 'Ответы поставлены в очередь на повторную отправку');

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Доставка ответов гражданам</h2>
      <ul className="deliveries">
        {deliveries.map((d) => (
          <li key={`${d.answerId}-${d.messageId}`}>
            <span className="small">
              Ответ {answerNo.get(d.answerId) ?? d.answerId} →{' '}
              {isChannel(d.channel) ? CHANNEL_LABELS[d.channel] : d.channel}
            </span>{' '}
            <span className={`badge ${STATUS_CLASS[d.status]}`}>{DELIVERY_STATUS_LABELS[d.status]}</span>
            <span className="muted small">
              {d.sentAt ? ` · ${formatDateTime(d.sentAt)}` : ''}
              {d.attempts > 1 ? ` · попыток: ${d.attempts}` : ''}
            </span>
            {d.lastError && d.status !== 'sent' && <p className="small review-note">{d.lastError}</p>}
          </li>
        ))}
      </ul>
      {failed > 0 && detail.permissions.triage && (
        <>
          <FormMessage error={action.error} success={action.success} />
          <button type="button" className="btn" disabled={action.busy} onClick={() => void retry()}>
            Отправить повторно ({failed})
          </button>
        </>
      )}
    </section>
  );
}
