// «Повторить все»: shown on the inbox filtered by «доставка не удалась» to centre staff who may triage. Sends every
// failed delivery again (after a channel outage is over) and reloads the list.
import { useState } from 'react';
import { deliveryRetryAllResultSchema } from '../../../shared/api/deliveries';
import { apiRequest, errorMessage } from '../api/client';
import { hasPermission, isScoped } from '../auth/access';
import { useMe } from '../auth/auth-context';
import { formatNumber } from '../common/format';
import { FormMessage } from '../common/states';

export function RetryAllDeliveries({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ error?: string; success?: string }>({});
  if (isScoped(me) || !hasPermission(me, 'cases.triage')) return null;
  const run = async () => {
    setBusy(true);
    try {
      const r = await apiRequest('/deliveries/retry-failed', deliveryRetryAllResultSchema, { method: 'POST' });
      setResult({
        success: r.queued
          ? `Поставлено в очередь: ${formatNumber(r.queued)} (обращений: ${formatNumber(r.cases)})`
          : 'Недоставленных ответов нет',
      });
      onDone();
    } catch (error) {
      setResult({ error: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field inline-field">
      <button type="button" className="btn" disabled={busy} onClick={() => void run()}>
        Повторить все
      </button>
      <FormMessage error={result.error ?? null} success={result.success ?? null} />
    </div>
  );
}
