// Block and category with the classifier's confidence and its runner-up guesses, the category the citizen chose
// (when the channel carried one) next to the classifier's; urgency flags with the words that triggered them; flags
// about the place (coordinates outside the region, evidence naming different municipalities).
import type { CaseDetail } from '../../../shared/api/cases';
import { ConfidenceMeter } from '../common/badges';
import { useReference } from '../reference/reference-context';

interface CategoryPair {
  block: string;
  category: string;
}
interface ClassificationInfo {
  top: { label: string; score: number }[];
  model: string | null;
  /** What the classifier said, and what the citizen chose in the channel (null: nothing chosen). */
  classifier: CategoryPair | null;
  citizen: CategoryPair | null;
}

/** Flags about the place rather than urgency (set at intake from coordinates, address, field and text). */
export const PLACE_FLAGS: ReadonlySet<string> = new Set(['outside_region', 'place_conflict']);

function readPair(value: unknown): CategoryPair | null {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return typeof v.block === 'string' && typeof v.category === 'string'
    ? { block: v.block, category: v.category }
    : null;
}

/** `classification` is typed unknown in the contract: read only what is there. */
export function readClassification(value: unknown): ClassificationInfo {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const top = Array.isArray(v.top)
    ? v.top.filter(
        (t): t is { label: string; score: number } =>
          typeof t === 'object' &&
          t !== null &&
          typeof (t as { label?: unknown }).label === 'string' &&
          typeof (t as { score?: unknown }).score === 'number',
      )
    : [];
  return {
    top,
    model: typeof v.model === 'string' ? v.model : null,
    classifier: readPair(v),
    citizen: readPair(v.citizen),
  };
}

export function ClassificationPanel({ detail }: { detail: CaseDetail }) {
  const { blockName, categoryName } = useReference();
  const info = readClassification(detail.classification);
  const label = (l: string) => {
    const [b, c] = l.split('.');
    return c ? `${blockName(b)} → ${categoryName(b, c)}` : blockName(b);
  };
  const pair = (p: CategoryPair | null) => (p ? label(`${p.block}.${p.category}`) : 'не определена');
  const urgency = detail.flags.filter((f) => !PLACE_FLAGS.has(f.code));
  const place = detail.flags.filter((f) => PLACE_FLAGS.has(f.code));
  return (
    <section className="panel" aria-labelledby="class-title">
      <h2 id="class-title">Классификация</h2>
      <dl className="facts">
        <div>
          <dt>Блок</dt>
          <dd>{detail.blockName ?? <span className="muted">не определён</span>}</dd>
        </div>
        <div>
          <dt>Категория</dt>
          <dd>{detail.categoryName ?? <span className="muted">не определена</span>}</dd>
        </div>
        <div>
          <dt>Уверенность</dt>
          <dd>
            <ConfidenceMeter value={detail.confidence} />
          </dd>
        </div>
        {info.citizen && (
          <div>
            <dt>Выбор гражданина</dt>
            <dd>{pair(info.citizen)}</dd>
          </div>
        )}
        {info.citizen && (
          <div>
            <dt>Классификатор</dt>
            <dd>{pair(info.classifier)}</dd>
          </div>
        )}
        {info.model && (
          <div>
            <dt>Версия модели классификатора</dt>
            <dd className="small">{info.model.startsWith('default') ? `встроенная (${info.model})` : info.model}</dd>
          </div>
        )}
      </dl>
      {info.top.length > 1 && (
        <details>
          <summary>Другие варианты классификатора</summary>
          <ol className="plain-list small">
            {info.top.slice(0, 5).map((t) => (
              <li key={t.label}>
                {label(t.label)} — {Math.round(t.score * 100)} %
              </li>
            ))}
          </ol>
        </details>
      )}
      <h3>Признаки срочности</h3>
      {urgency.length === 0 ? (
        <p className="muted small">Не обнаружены.</p>
      ) : (
        <ul className="flags">
          {urgency.map((f) => (
            <li key={f.code}>
              <span className="badge priority-high">{f.label}</span>
              {f.triggers.length > 0 && (
                <span className="small"> — по словам: {f.triggers.map((t) => `«${t}»`).join(', ')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {place.length > 0 && (
        <>
          <h3>Место</h3>
          <ul className="flags">
            {place.map((f) => (
              <li key={f.code}>
                <span className="badge priority-high">{f.label}</span>
                {f.triggers.length > 0 && <span className="small"> — {f.triggers.join('; ')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
