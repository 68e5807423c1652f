import fs from 'node:fs';
import { AppError } from '../../lib/errors';

/**
 * Maps a source column to a field of the interchange format (dotted paths allowed: labels.theme, location.municipality)
 * or to one of the history fields (HISTORY_FIELDS): the source's status, final answer and rating with their dates.
 */
export type ColumnMapping = Record<string, string>;

export const MAPPING_PRESETS: Record<string, ColumnMapping> = {
  // Exports of «Инцидент Менеджмент»
  'incident-management': {
    'Номер инцидента': 'externalId',
    'Дата создания': 'createdAt',
    Тема: 'labels.theme',
    Муниципалитет: 'location.municipality',
    Исполнитель: 'organisation',
    'Текст инцидента': 'text',
    Источник: 'labels.source',
    Ссылка: 'labels.url',
    Статус: 'history.status',
    'Дата статуса': 'history.status.at',
    Категория: 'labels.category',
    Адрес: 'location.address',
    Ответ: 'history.answer',
    'Дата ответа': 'history.answer.at',
    'Автор ответа': 'history.answer.by',
    Оценка: 'history.rating',
  },
  // Exports of ПОС (платформа обратной связи)
  pos: {
    Номер: 'externalId',
    'Дата подачи': 'createdAt',
    'Текст сообщения': 'text',
    Категория: 'labels.category',
    Подкатегория: 'labels.topic',
    'Муниципальное образование': 'location.municipality',
    Адрес: 'location.address',
    Ответственный: 'organisation',
    Статус: 'history.status',
    'Дата статуса': 'history.status.at',
    Ответ: 'history.answer',
    'Дата ответа': 'history.answer.at',
    Оценка: 'history.rating',
    'Дата оценки': 'history.rating.at',
  },
};

export function loadMapping(spec: string | undefined, headers: string[]): ColumnMapping | null {
  if (!spec) return guessPreset(headers);
  const preset = MAPPING_PRESETS[spec];
  if (preset) return preset;
  if (!fs.existsSync(spec))
    throw new AppError(
      'validation_failed',
      `Нет пресета или файла соответствия колонок «${spec}» (пресеты: ${Object.keys(MAPPING_PRESETS).join(', ')})`,
    );
  try {
    return JSON.parse(fs.readFileSync(spec, 'utf8')) as ColumnMapping;
  } catch (e) {
    throw new AppError('validation_failed', `Файл соответствия колонок не читается как JSON: ${(e as Error).message}`);
  }
}

function guessPreset(headers: string[]): ColumnMapping | null {
  for (const preset of Object.values(MAPPING_PRESETS)) {
    const known = headers.filter((h) => h in preset).length;
    if (known >= 3) return preset;
  }
  return null;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? dotted] = value;
}

/** Russian dates as exported by desktop tools: DD.MM.YYYY[ HH:mm[:ss]] (Moscow time). */
export function normaliseDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = value.trim().match(/^(\d\d)\.(\d\d)\.(\d{4})(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/);
  if (!m) return value.trim();
  return `${m[3]}-${m[2]}-${m[1]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}+03:00`;
}

/** Columns that become the history of a table row: one status, one final answer, one rating, each with its date. */
export const HISTORY_FIELDS = [
  'history.status',
  'history.status.at',
  'history.answer',
  'history.answer.at',
  'history.answer.by',
  'history.rating',
  'history.rating.at',
] as const;
type HistoryField = (typeof HISTORY_FIELDS)[number];
const isHistoryField = (field: string): field is HistoryField => (HISTORY_FIELDS as readonly string[]).includes(field);

export function applyMapping(
  row: Record<string, unknown>,
  mapping: ColumnMapping | null,
  defaultChannel: string,
): Record<string, unknown> {
  if (!mapping) return { channel: defaultChannel, ...row };
  const out: Record<string, unknown> = { channel: defaultChannel };
  const history: Partial<Record<HistoryField, unknown>> = {};
  for (const [column, field] of Object.entries(mapping)) {
    const raw = row[column];
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (v === undefined || v === null || v === '') continue;
    if (isHistoryField(field)) history[field] = field.endsWith('.at') ? normaliseDate(v) : v;
    else setPath(out, field, field === 'createdAt' ? normaliseDate(v) : v);
  }
  const items = historyItems(history, out);
  if (items.length) out.history = items;
  return out;
}

/**
 * The history of a row from its columns. An answer is a final answer at its date (by the answer's author, else the
 * row's organisation); an answer without a date is kept as the label `answer` (its time is unknown, so it counts for
 * no deadline). A status or a rating without its own date takes the answer's date, else the row's creation.
 */
function historyItems(
  h: Partial<Record<HistoryField, unknown>>,
  row: Record<string, unknown>,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const fallback = h['history.answer.at'] ?? row.createdAt;
  if (h['history.status'] !== undefined)
    items.push({ type: 'status', at: h['history.status.at'] ?? fallback, status: String(h['history.status']) });
  if (h['history.answer'] !== undefined) {
    if (h['history.answer.at'] !== undefined) {
      items.push({
        type: 'answer',
        kind: 'final',
        at: h['history.answer.at'],
        by: h['history.answer.by'] ?? row.organisation ?? null,
        body: String(h['history.answer']),
      });
    } else {
      setPath(row, 'labels.answer', String(h['history.answer']));
    }
  }
  if (h['history.rating'] !== undefined)
    items.push({ type: 'rating', at: h['history.rating.at'] ?? fallback, score: Number(h['history.rating']) });
  return items;
}
