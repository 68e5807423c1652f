// The approval chain on screen for any project-office document: the steps the signed-in user may take now (the
// server's `allowed`), a comment (required to return), and the history of every step with the approved versions.
import { useState } from 'react';
import type { PoDocument } from '../../../shared/api/projects';
import { PO_ACTION_LABELS, PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { formatDateTime } from '../common/format';
import { FormMessage } from '../common/states';
import type { StepAction } from './projects-api';

const STEP_BUTTONS: { action: StepAction; label: string }[] = [
  { action: 'submit', label: 'Направить на согласование' },
  { action: 'agree', label: 'Согласовать' },
  { action: 'approve', label: 'Утвердить' },
  { action: 'return', label: 'Вернуть на доработку' },
];

export function ApprovalActions({
  document,
  label,
  onStep,
  onEdit,
}: {
  document: PoDocument;
  label: string;
  onStep: (action: StepAction, comment: string) => Promise<void>;
  onEdit?: (() => void) | undefined;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const buttons = STEP_BUTTONS.filter((b) => document.allowed.includes(b.action));
  if (buttons.length === 0 && !onEdit) return null;
  async function act(action: StepAction): Promise<void> {
    setError(null);
    if (action === 'return' && !comment.trim()) {
      setError(new Error('Укажите в комментарии, что доработать'));
      return;
    }
    setBusy(true);
    try {
      await onStep(action, comment);
      setComment('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="panel" role="group" aria-label={label}>
      {buttons.length > 0 && (
        <label className="field">
          Комментарий <input value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      )}
      <div className="form-actions">
        {onEdit && (
          <button type="button" className="btn" onClick={onEdit}>
            Изменить
          </button>
        )}
        {buttons.map((b) => (
          <button
            key={b.action}
            type="button"
            className={b.action === 'return' ? 'btn' : 'btn btn-primary'}
            disabled={busy}
            onClick={() => void act(b.action)}
          >
            {b.label}
          </button>
        ))}
      </div>
      <FormMessage error={error} />
    </div>
  );
}

export function ApprovalHistory({ document }: { document: PoDocument }) {
  return (
    <section className="panel" aria-label="История согласования">
      <h2>История согласования</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Когда</th>
              <th scope="col">Шаг</th>
              <th scope="col">Кто</th>
              <th scope="col">Комментарий</th>
              <th scope="col">Статус после</th>
            </tr>
          </thead>
          <tbody>
            {document.steps.map((s, i) => (
              <tr key={i}>
                <td>{formatDateTime(s.at)}</td>
                <td>{PO_ACTION_LABELS[s.action]}</td>
                <td>{s.actor}</td>
                <td>{s.comment}</td>
                <td>{PO_STATUS_LABELS[s.toStatus]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {document.versions.map((v) => (
        <p key={v.version} className="muted small">
          Редакция {v.version}: утвердил {v.approvedBy} {formatDateTime(v.approvedAt)}, SHA-256 {v.sha256}
        </p>
      ))}
    </section>
  );
}
