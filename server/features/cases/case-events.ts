import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx } from '../../lib/context';

/**
 * Every type of event the case history holds, with its Russian label for the case card. The list is the one place
 * event types are declared: appendEvents, eventRows and the case_events table's insert type (server/db/schema.ts)
 * accept only these, so a new event type cannot be written without a label.
 */
export const EVENT_LABELS = {
  received: 'Сообщение получено',
  duplicate_joined: 'Присоединено повторное сообщение',
  place: 'Определено место (поле, координаты, адрес, текст)',
  classified: 'Классифицировано',
  routed: 'Назначен исполнитель',
  triage: 'Отправлено на разбор оператору',
  status: 'Смена статуса',
  reassigned: 'Переназначено',
  reclassified: 'Классификация исправлена',
  answer: 'Ответ',
  review: 'Контроль качества',
  rating: 'Оценка гражданина',
  extended: 'Срок продлён',
  rejected: 'Отклонено',
  imported_history: 'История в исходной системе',
  merged: 'Объединено',
  split: 'Разделено',
  delivery: 'Доставка ответа',
  follow_up: 'Дополнение от гражданина (ответ в переписке)',
  delivery_failed: 'Ответ не доставлен',
  delivery_retry: 'Повторная отправка ответа',
  citizen_notice: 'Сообщение гражданину',
  urgency_effects: 'Признаки срочности повысили приоритет или сократили сроки',
  published: 'Ответ опубликован (доступен гражданину)',
} as const satisfies Record<string, string>;

export type CaseEventType = keyof typeof EVENT_LABELS;
export const CASE_EVENT_TYPES = Object.keys(EVENT_LABELS) as CaseEventType[];
/** A row of case_events as written directly (the import writes its rows with COPY): its type is one of the above. */
export type CaseEventRow = Insertable<DB['case_events']> & { type: CaseEventType };

/** The label of a stored event (a type no longer written is shown by its code). */
export const eventLabel = (type: string): string => (EVENT_LABELS as Record<string, string>)[type] ?? type;

export interface NewEvent {
  caseId: string;
  type: CaseEventType;
  at?: Date;
  data?: Record<string, unknown>;
}

/** Appends events to the case's history (append-only), attributed to ctx.actor, in ctx's transaction. */
export async function appendEvents(ctx: Ctx, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await ctx.db.insertInto('case_events').values(eventRows(ctx, events)).execute();
}

/** The rows appendEvents writes (who and when from ctx), for a caller that writes them in a statement of its own. */
export function eventRows(ctx: Ctx, events: readonly NewEvent[]) {
  const actor = ctx.actor;
  const now = ctx.services.clock.now();
  return events.map((e) => ({
    case_id: e.caseId,
    type: e.type,
    at: e.at ?? now,
    actor_user_id: actor.kind === 'user' ? actor.userId : null,
    actor_label: actor.label,
    data: JSON.stringify(e.data ?? {}),
  }));
}
