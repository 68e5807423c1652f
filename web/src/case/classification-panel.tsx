// Block and category with the classifier's confidence and its runner-up guesses; urgency flags with the words
// that triggered them.
import type { CaseDetail } from '../../../shared/api/cases';
import { ConfidenceMeter } from '../common/badges';
import { useReference } from '../reference/reference-context';

interface ClassificationInfo { top: { label: string; score: number }[]; model: string | null }

/** `classification` is typed unknown in the contract: read only what is there. */
export function readClassification(value: unknown): ClassificationInfo {
  const v = typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
  const top = Array.isArray(v.top)
    ? v.top.filter((t): t is { label: string; score: number } => typeof t === 'object' && t !== null
      && typeof (t as { label?: unknown }).label === 'string' && typeof (t as { score?: unknown }).score === 'number')
    : [];
  return { top, model: typeof v.model === 'string' ? v.model : null };
}

export function ClassificationPanel({ detail }: { detail: CaseDetail }) {
  const { blockName, categoryName } = useReference();
  const info = readClassification(detail.classification);
  const label = (l: string) => {
    const [b, c] = l.split('.');
    return c ? `${blockName(b)} → ${categoryName(b, c)}` : blockName(b);
  };
  return (
    <section className="panel" aria-labelledby="class-title">
      <h2 id="class-title">Классификация</h2>
      <dl className="facts">
        <div><dt>Блок</dt><dd>{detail.blockName ?? <span className="muted">не определён</span>}</dd></div>
        <div><dt>Категория</dt><dd>{detail.categoryName ?? <span className="muted">не определена</span>}</dd></div>
        <div><dt>Уверенность</dt><dd><ConfidenceMeter value={detail.confidence} /></dd></div>
        {info.model && <div><dt>Модель</dt><dd className="small">{info.model}</dd></div>}
      </dl>
      {info.top.length > 1 && (
        <details>
          <summary>Другие варианты классификатора</summary>
          <ol className="plain-list small">
            {info.top.slice(0, 5).map((t) => <li key={t.label}>{label(t.label)} — {Math.round(t.score * 100)} %</li>)}
          </ol>
        </details>
      )}
      <h3>Признаки срочности</h3>
      {detail.flags.length === 0 ? <p className="muted small">Не обнаружены.</p> : (
        <ul className="flags">
          {detail.flags.map((f) => (
            <li key={f.code}>
              <span className="badge priority-high">{f.label}</span>
              {f.triggers.length > 0 && <span className="small"> — по словам: {f.triggers.map((t) => `«${t}»`).join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
