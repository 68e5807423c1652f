// Actions on the chosen rows: assign to an organisation, send to triage, merge into one of them. The server
// applies each case's own action with its own permission check and answers per case; the failures are listed.
import { useState, type FormEvent } from 'react';
import type { BulkActionInput, BulkActionResult } from '../../../shared/api/workspace';
import { errorMessage } from '../api/client';
import { announce } from '../common/announcer';
import { countOf, NOUNS } from '../common/format';
import { useReference } from '../reference/reference-context';
import { runBulkAction } from '../workspace/workspace-api';

type Mode = 'assign' | 'merge' | null;

interface Props {
  ids: readonly string[];
  onClear: () => void;
  /** After an action: the list reloads; the ids that failed stay chosen. */
  onDone: (failed: string[]) => void;
}

export function BulkBar({ ids, onClear, onDone }: Props) {
  const { ref } = useReference();
  const [mode, setMode] = useState<Mode>(null);
  const [organisationId, setOrganisationId] = useState('');
  const [reason, setReason] = useState('');
  const [targetId, setTargetId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState<BulkActionResult['results']>([]);
  const organisations = [...ref.organisations].sort((a, b) => a.name.localeCompare(b.name, 'ru'));

  const run = async (input: BulkActionInput) => {
    setBusy(true);
    setError(null);
    setFailures([]);
    try {
      const { results } = await runBulkAction(input);
      const failed = results.filter((r) => !r.ok);
      const done = results.length - failed.length;
      announce(`Выполнено: ${countOf(done, NOUNS.case)}${failed.length ? `, не выполнено: ${failed.length}` : ''}`);
      setFailures(failed);
      if (!failed.length) setMode(null);
      onDone(failed.map((r) => r.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'assign')
      void run({ action: 'assign', ids: [...ids], organisationId: Number(organisationId), reason });
    if (mode === 'merge')
      void run({
        action: 'merge',
        ids: ids.filter((id) => id !== (targetId || ids[0])),
        targetId: targetId || ids[0] || '',
      });
  };

  return (
    <div className="bulk-bar-wrap">
      <form className="bulk-bar" aria-label="Действия с выбранными обращениями" onSubmit={submit}>
        <strong role="status">Выбрано: {countOf(ids.length, NOUNS.case)}</strong>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={mode === 'assign'}
          onClick={() => setMode(mode === 'assign' ? null : 'assign')}
        >
          Назначить…
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => void run({ action: 'send_to_triage', ids: [...ids] })}
        >
          На разбор
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={mode === 'merge'}
          disabled={ids.length < 2}
          onClick={() => setMode(mode === 'merge' ? null : 'merge')}
        >
          Объединить…
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => {
            setMode(null);
            setFailures([]);
            onClear();
          }}
        >
          Снять выбор
        </button>
        {mode === 'assign' && (
          <>
            <div className="field">
              <label htmlFor="bulk-org">Организация</label>
              <select id="bulk-org" required value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
                <option value="">— выберите —</option>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="bulk-reason">Причина</label>
              <input
                id="bulk-reason"
                required
                minLength={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
              Назначить выбранные
            </button>
          </>
        )}
        {mode === 'merge' && (
          <>
            <div className="field">
              <label htmlFor="bulk-target">Объединить в обращение</label>
              <select id="bulk-target" value={targetId || ids[0]} onChange={(e) => setTargetId(e.target.value)}>
                {ids.map((id) => (
                  <option key={id} value={id}>
                    № {id}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
              Объединить
            </button>
          </>
        )}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </form>
      {failures.length > 0 && (
        <ul className="bulk-results" role="alert" aria-label="Не выполнено">
          {failures.map((f) => (
            <li key={f.id}>
              № {f.id}: {f.error?.message ?? 'не выполнено'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
