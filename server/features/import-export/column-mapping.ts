import fs from 'node:fs';
import { AppError } from '../../lib/errors';

/** Maps a source column to a field of the interchange format (dotted paths allowed: labels.theme, location.municipality). */
export type ColumnMapping = Record<string, string>;

export const MAPPING_PRESETS: Record<string, ColumnMapping> = {
  // Exports of «Инцидент Менеджмент»
  'incident-management': {
    'Номер инцидента': 'externalId', 'Дата создания': 'createdAt', 'Тема': 'labels.theme', 'Муниципалитет': 'location.municipality',
    'Исполнитель': 'organisation', 'Текст инцидента': 'text', 'Источник': 'labels.source', 'Ссылка': 'labels.url',
    'Статус': 'labels.status', 'Категория': 'labels.category', 'Адрес': 'location.address',
  },
  // Exports of ПОС (платформа обратной связи)
  pos: {
    'Номер': 'externalId', 'Дата подачи': 'createdAt', 'Текст сообщения': 'text', 'Категория': 'labels.category',
    'Подкатегория': 'labels.topic', 'Муниципальное образование': 'location.municipality', 'Адрес': 'location.address',
    'Ответственный': 'organisation', 'Статус': 'labels.status',
  },
};

export function loadMapping(spec: string | undefined, headers: string[]): ColumnMapping | null {
  if (!spec) return guessPreset(headers);
  const preset = MAPPING_PRESETS[spec];
  if (preset) return preset;
  if (!fs.existsSync(spec)) throw new AppError('validation_failed', `Нет пресета или файла соответствия колонок «${spec}» (пресеты: ${Object.keys(MAPPING_PRESETS).join(', ')})`);
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

export function applyMapping(row: Record<string, unknown>, mapping: ColumnMapping | null, defaultChannel: string): Record<string, unknown> {
  if (!mapping) return { channel: defaultChannel, ...row };
  const out: Record<string, unknown> = { channel: defaultChannel };
  for (const [column, field] of Object.entries(mapping)) {
    const v = row[column];
    if (v === undefined || v === null || v === '') continue;
    setPath(out, field, field === 'createdAt' ? normaliseDate(v) : typeof v === 'string' ? v.trim() : v);
  }
  return out;
}
