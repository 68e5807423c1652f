import { useState } from 'react';
import type { ReportFormat, ReportSummary } from '../../../shared/api/reports';
import { formatDateTime } from '../common/format';
import { FormMessage } from '../common/states';
import { fileHref, reportAction, saveConclusions, type ReportAction } from './reports-api';

const STATUS_CLASS: Record<ReportSummary['status'], string> = {
  draft: 'badge',
  agreed: 'badge badge-info',
  approved: 'badge deadline-on_time',
};
const ACTION_LABELS: Record<ReportAction, string> = {
  generate: 'Обновить данные (новый черновик)',
  agree: 'Согласовать',
  approve: 'Утвердить',
};

export function ReportCard({
  report,
  formats,
  onChange,
}: {
  report: ReportSummary;
  formats: readonly ReportFormat[];
  onChange: (r: ReportSummary) => void;
}) {
  const [text, setText] = useState(report.conclusions);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<ReportSummary>, message: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    work()
      .then((r) => {
        onChange(r);
        setText(r.conclusions);
        setDone(message);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const can = (a: ReportSummary['allowedActions'][number]) => report.allowedActions.includes(a);
  const versions = [...new Set(report.versions.map((v) => v.version))];

  return (
    <article className="panel" aria-labelledby={`report-${report.month}`}>
      <h2 id={`report-${report.month}`}>
        {report.title} <span className={STATUS_CLASS[report.status]}>{report.statusLabel}</span>
      </h2>
      <p className="muted small">
        Сформирован {formatDateTime(report.generatedAt)} ({report.generatedBy})
        {report.agreedAt && (
          <>
            {' '}
            · согласован {formatDateTime(report.agreedAt)} ({report.agreedBy})
          </>
        )}
        {report.approvedAt && (
          <>
            {' '}
            · утверждён {formatDateTime(report.approvedAt)} ({report.approvedBy})
          </>
        )}
      </p>
      {report.approvedVersion !== null && (
        <p>
          Действующая утверждённая версия {report.approvedVersion}:{' '}
          {formats.map((f) => (
            <a
              key={f}
              className="btn btn-small"
              href={fileHref(report.month, f, report.approvedVersion ?? 'draft')}
              download
            >
              {f.toUpperCase()}
            </a>
          ))}
        </p>
      )}
      {report.status !== 'approved' && (
        <p>
          Текущая редакция ({report.statusLabel.toLowerCase()}
          {report.approvedVersion !== null ? ', не заменяет утверждённую до утверждения' : ''}):{' '}
          {formats.map((f) => (
            <a key={f} className="btn btn-small" href={fileHref(report.month, f, 'draft')} download>
              {f.toUpperCase()}
            </a>
          ))}
        </p>
      )}
      <label className="field">
        Выводы аналитиков
        <textarea
          rows={5}
          value={text}
          readOnly={!can('edit')}
          onChange={(e) => setText(e.target.value)}
          maxLength={20_000}
        />
      </label>
      <div className="button-row">
        {can('edit') && (
          <button
            type="button"
            className="btn"
            disabled={busy || text === report.conclusions}
            onClick={() => run(() => saveConclusions(report.month, text), 'Выводы сохранены')}
          >
            Сохранить выводы
          </button>
        )}
        {(['agree', 'approve'] as const).filter(can).map((a) => (
          <button
            key={a}
            type="button"
            className="btn btn-primary"
            disabled={busy || text !== report.conclusions}
            onClick={() =>
              run(() => reportAction(report.month, a), a === 'agree' ? 'Доклад согласован' : 'Доклад утверждён')
            }
          >
            {ACTION_LABELS[a]}
          </button>
        ))}
        {can('regenerate') && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => run(() => reportAction(report.month, 'generate'), 'Данные обновлены')}
          >
            {ACTION_LABELS.generate}
          </button>
        )}
      </div>
      <FormMessage error={error} success={done} />
      {versions.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Утверждённые версии</caption>
            <thead>
              <tr>
                <th scope="col">Версия</th>
                <th scope="col">Файл</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Утверждена</th>
              </tr>
            </thead>
            <tbody>
              {report.versions.map((v) => (
                <tr key={`${v.version}-${v.format}`}>
                  <td>{v.version}</td>
                  <td>
                    <a href={fileHref(report.month, v.format, v.version)} download>
                      {v.format.toUpperCase()}
                    </a>{' '}
                    <span className="muted small">{Math.round(v.size / 1024)} КБ</span>
                  </td>
                  <td>
                    <code className="small">{v.sha256}</code>
                  </td>
                  <td className="nowrap">
                    {formatDateTime(v.approvedAt)} ({v.approvedBy})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
