// «Доклады»: the monthly reports to the Governor. Generate a draft for a month, edit the analysts' conclusions,
// agree (head) and approve (curator) — the buttons shown are the actions the server allows this user — and
// download PDF, DOCX or XLSX; every approved version is listed with its SHA-256.
import { useState } from 'react';
import { monthLabel, REPORT_FORMATS, type ReportSummary } from '../../../shared/api/reports';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { moscowIsoDate } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { fetchReports, reportAction } from './reports-api';
import { ReportCard } from './report-card';

/** The previous calendar month (Moscow) as YYYY-MM: the month a new report is usually about. */
function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The current month and the 35 before it, newest first (a month is chosen by its Russian name, not the browser's picker). */
function recentMonths(today: string): string[] {
  const months = [today.slice(0, 7)];
  while (months.length < 36) months.push(previousMonth(`${months[months.length - 1]!}-01`));
  return months;
}

export function ReportsPage() {
  usePageTitle('Доклады');
  const me = useMe();
  const [month, setMonth] = useState(() => previousMonth(moscowIsoDate(new Date())));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = useResource('reports', (signal) => fetchReports(signal));
  const replace = (r: ReportSummary) =>
    list.setData(
      [r, ...(list.data ?? []).filter((x) => x.month !== r.month)].sort((a, b) => b.month.localeCompare(a.month)),
    );

  const generate = () => {
    setBusy(true);
    setError(null);
    reportAction(month, 'generate')
      .then(replace)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <section className="page page-wide" aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">Доклады Губернатору</h1>
        <p className="muted">
          Ежемесячный доклад: черновик → согласован руководителем ЦУР → утверждён куратором. Черновик за прошедший месяц
          формируется автоматически в первый рабочий день.
        </p>
      </div>
      {hasPermission(me, 'reports.edit') && (
        <div className="list-toolbar">
          <label className="inline-field">
            Месяц
            <select value={month} onChange={(e) => setMonth(e.target.value)}>
              {recentMonths(moscowIsoDate(new Date())).map((m) => (
                <option key={m} value={m}>
                  {monthLabel(m)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={generate}>
            {busy ? 'Формируется…' : `Сформировать за ${monthLabel(month)}`}
          </button>
          <FormMessage error={error} />
        </div>
      )}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 && <Empty>Докладов пока нет.</Empty>}
      {list.data?.map((r) => (
        <ReportCard key={r.month} report={r} onChange={replace} formats={REPORT_FORMATS} />
      ))}
    </section>
  );
}
