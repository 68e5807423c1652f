// UI wording for values that shared/ defines without labels.
import type { DEADLINE_STATES } from '../../../shared/api/cases';

export type DeadlineFilter = (typeof DEADLINE_STATES)[number];
export type DeadlineState = DeadlineFilter | 'met' | 'missed';

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  on_time: 'В срок',
  at_risk: 'Под угрозой',
  overdue: 'Просрочено',
  met: 'Ответ в срок',
  missed: 'Ответ с опозданием',
};

export const DEADLINE_FILTER_LABELS: Record<DeadlineFilter, string> = {
  on_time: 'В срок (идёт отсчёт)',
  at_risk: 'Под угрозой срыва',
  overdue: 'Просрочено',
};

export const PRIORITIES = ['critical', 'high', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = {
  critical: 'Критический',
  high: 'Высокий',
  normal: 'Обычный',
};

export function priorityLabel(p: string): string {
  return (PRIORITY_LABELS as Record<string, string>)[p] ?? p;
}

export const SORT_LABELS = {
  created_desc: 'Сначала новые',
  created_asc: 'Сначала старые',
  due_asc: 'По сроку ответа',
  priority: 'По приоритету',
} as const;
