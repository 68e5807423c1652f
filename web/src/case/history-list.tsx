// The case's append-only history, newest first, with the event data put into words where we know the keys.
import type { CaseDetail } from '../../../shared/api/cases';
import {
  ACTION_LABELS,
  CASE_ACTIONS,
  REJECTION_REASON_LABELS,
  RETURN_REASON_LABELS,
  type CaseAction,
} from '../../../shared/cases/case-status';
import { PLACE_SOURCE_LABELS, PLACE_SOURCES, type PlaceSource } from '../../../shared/reference/place-sources';
import { channelLabel, statusLabel } from '../common/badges';
import { formatDateTime } from '../common/format';
import { useReference } from '../reference/reference-context';
import type { Lookups } from '../reference/lookups';

const KEY_LABELS: Record<string, string> = {
  action: 'действие',
  from: 'было',
  to: 'стало',
  reason: 'причина',
  comment: 'комментарий',
  decision: 'решение',
  kind: 'вид',
  score: 'оценка',
  days: 'дней',
  channel: 'канал',
  externalId: 'внешний №',
  confidence: 'уверенность',
  block: 'блок',
  category: 'категория',
  classification: 'классификация',
  municipality: 'муниципалитет',
  municipalityMatch: 'место в тексте',
  toName: 'исполнитель',
  duplicateOf: 'основное обращение №',
  files: 'файлов',
  delivered: 'доставлено',
  result: 'результат',
  source: 'источник',
  subject: 'тема письма',
  how: 'привязано',
  previousText: 'прежний текст',
  newCaseId: 'новое обращение №',
  status: 'статус',
};
/** Keys of event data that are ids or technical details: never shown. Any key without a label is not shown either. */
const HIDDEN_KEYS = new Set(['answerId', 'ruleId', 'organisationId', 'municipalityId', 'messageId', 'updateId']);
const VALUE_LABELS: Record<string, Record<string, string>> = {
  source: { staff: 'сотрудник ЦУР со слов гражданина' },
  how: { reply: 'ответом на сообщение бота или своё', recent: 'по времени (вскоре после предыдущего)' },
};

function value(key: string, v: unknown, type: string, ref: Lookups, at: string): string {
  if (typeof v === 'string') {
    if (key === 'action' && (CASE_ACTIONS as readonly string[]).includes(v)) return ACTION_LABELS[v as CaseAction];
    if (type === 'status' && (key === 'from' || key === 'to')) return statusLabel(v);
    if (type === 'extended' && (key === 'from' || key === 'to')) return formatDateTime(v);
    if (key === 'channel') return channelLabel(v);
    if (key === 'source' && !VALUE_LABELS.source![v]) return channelLabel(v);
    const known = VALUE_LABELS[key]?.[v];
    if (known) return known;
    if (key === 'reason')
      return (
        (RETURN_REASON_LABELS as Record<string, string>)[v] ??
        (REJECTION_REASON_LABELS as Record<string, string>)[v] ??
        v
      );
    if (key === 'decision') return v === 'accept' ? 'принять' : v === 'return' ? 'вернуть' : v;
    if (key === 'kind') return v === 'final' ? 'окончательный' : v === 'interim' ? 'промежуточный' : v;
    return v;
  }
  if (key === 'confidence' && typeof v === 'number') return `${Math.round(v * 100)} %`;
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (typeof o.block === 'string') {
      return typeof o.category === 'string'
        ? `${ref.blockName(o.block)} → ${ref.categoryName(o.block, o.category, at)}`
        : ref.blockName(o.block);
    }
    return Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => `${KEY_LABELS[k] ?? k} ${String(x)}`)
      .join(', ');
  }
  return String(v);
}

/** The place found in the text is named by the reference («Тутаевский»), not by the inflected word («Тутаеве»). */
function placeData(raw: Record<string, unknown>, ref: Lookups): Record<string, unknown> {
  const { municipalityCode, municipality, ...rest } = raw;
  if (municipalityCode === undefined && municipality === undefined) return raw;
  const found = typeof municipalityCode === 'string' ? ref.municipality(municipalityCode)?.name : undefined;
  if (found) return { ...rest, municipality: found };
  return typeof municipality === 'string' && municipality ? { ...rest, municipalityMatch: `«${municipality}»` } : rest;
}

/**
 * How the municipality was decided ({municipality, source, outside, evidence, disagreements}, all codes): «муниципалитет:
 * Рыбинск (по полю муниципалитета); текст — Рыбинск, поле муниципалитета — Рыбинск; координаты вне области».
 */
export function describePlace(data: Record<string, unknown>, ref: Lookups): string {
  const name = (code: unknown): string =>
    typeof code === 'string' ? (ref.municipality(code)?.name ?? code) : 'не определён';
  const label = (source: unknown): string =>
    (PLACE_SOURCES as readonly unknown[]).includes(source)
      ? PLACE_SOURCE_LABELS[source as PlaceSource]
      : String(source);
  const parts = [`муниципалитет: ${name(data.municipality)}${data.source ? ` (по: ${label(data.source)})` : ''}`];
  const evidence = typeof data.evidence === 'object' && data.evidence !== null ? Object.entries(data.evidence) : [];
  if (evidence.length)
    parts.push(`источники: ${evidence.map(([s, code]) => `${label(s)} — ${name(code)}`).join(', ')}`);
  if (data.outside === true) parts.push('координаты вне области');
  const disagreements = Array.isArray(data.disagreements)
    ? (data.disagreements as { source?: unknown; code?: unknown }[])
    : [];
  if (disagreements.length)
    parts.push(`расходятся: ${disagreements.map((d) => `${label(d.source)} — ${name(d.code)}`).join(', ')}`);
  return parts.join('; ');
}

export function describeEvent(type: string, source: Record<string, unknown>, ref: Lookups, at: string): string {
  if (type === 'place') return describePlace(source, ref);
  // {block, category} at the top level (the "classified" event) read better as one "блок → категория".
  const raw = placeData(source, ref);
  const { block, category, ...rest } = raw;
  const data = typeof block === 'string' ? { classification: { block, category }, ...rest } : raw;
  return Object.entries(data)
    .filter(([k, v]) => !HIDDEN_KEYS.has(k) && k in KEY_LABELS && v !== null && v !== undefined && v !== '')
    .filter(([k]) => !(type === 'reassigned' && (k === 'from' || k === 'to')))
    .map(([k, v]) => `${KEY_LABELS[k] ?? k}: ${value(k, v, type, ref, at)}`)
    .join('; ');
}

export function HistoryList({ history }: { history: CaseDetail['history'] }) {
  const ref = useReference();
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">История</h2>
      {history.length === 0 ? (
        <p className="muted">Событий нет.</p>
      ) : (
        <ol className="history">
          {[...history].reverse().map((e) => {
            const details = describeEvent(e.type, e.data, ref, e.at);
            return (
              <li key={e.id}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                <span className="history-label">{e.label}</span>
                {e.actor && <span className="muted small"> — {e.actor}</span>}
                {details && <div className="small muted history-data">{details}</div>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
