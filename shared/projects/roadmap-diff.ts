import type { RoadmapChange, RoadmapItem } from '../api/roadmap';
import { ROADMAP_ITEM_STATUS_LABELS } from '../api/roadmap';

// The diff of a roadmap version against the previous approved one, by item key: items added, removed, and changed
// with each changed field as «было → стало» (dates ДД.ММ.ГГГГ, statuses in Russian). A pure function: the server
// stores its result with the version and renders it into the registered document; the screen shows the same list.
const FIELDS = [
  ['measure', 'Мероприятие'],
  ['block', 'Блок'],
  ['owner', 'Ответственный'],
  ['dueDate', 'Срок'],
  ['status', 'Статус'],
] as const;
export const ROADMAP_CHANGE_LABELS: Record<RoadmapChange['change'], string> = {
  added: 'Добавлено',
  removed: 'Исключено',
  changed: 'Изменено',
};

function shown(field: (typeof FIELDS)[number][0], item: RoadmapItem): string {
  if (field === 'dueDate') return item.dueDate.split('-').reverse().join('.');
  if (field === 'status') return ROADMAP_ITEM_STATUS_LABELS[item.status];
  return item[field] || '—';
}

export function roadmapDiff(before: readonly RoadmapItem[], after: readonly RoadmapItem[]): RoadmapChange[] {
  const old = new Map(before.map((i) => [i.key, i]));
  const now = new Set(after.map((i) => i.key));
  const changes: RoadmapChange[] = [];
  for (const item of after) {
    const prev = old.get(item.key);
    if (!prev) {
      changes.push({ change: 'added', key: item.key, measure: item.measure, fields: [] });
      continue;
    }
    const fields = FIELDS.filter(([f]) => prev[f] !== item[f]).map(([f, label]) => ({
      field: label,
      before: shown(f, prev),
      after: shown(f, item),
    }));
    if (fields.length) changes.push({ change: 'changed', key: item.key, measure: item.measure, fields });
  }
  for (const item of before)
    if (!now.has(item.key)) changes.push({ change: 'removed', key: item.key, measure: item.measure, fields: [] });
  return changes;
}

/** Gives every item without a key a new one (r1, r2 … after the largest used), so the next version can be compared. */
export function keyItems(items: readonly RoadmapItem[], used: readonly string[]): RoadmapItem[] {
  let next =
    Math.max(0, ...[...used, ...items.map((i) => i.key)].map((k) => (/^r(\d+)$/.exec(k) ? Number(k.slice(1)) : 0))) + 1;
  const seen = new Set<string>();
  return items.map((item) => {
    const key = item.key && !seen.has(item.key) ? item.key : `r${next++}`;
    seen.add(key);
    return { ...item, key };
  });
}
