import { AppError } from '../../lib/errors';
import type { ReferenceSnapshot } from '../reference/reference.repository';

// Reference values as people write them in spreadsheets: a municipality by code, full or short name (or the region as
// a whole), a category by code or name. Unknown values are errors with the value quoted.
export const lowerKey = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').trim();

/** The municipality's code; null for an empty cell or the region as a whole. */
export function municipalityCell(ref: ReferenceSnapshot, value: string): string | null {
  if (!value || /^(регион|область|ярославская область)$/i.test(value)) return null;
  const v = lowerKey(value);
  const m = ref.municipalities.find(
    (x) => x.code === v || lowerKey(x.name) === v || lowerKey(x.shortName) === v || lowerKey(x.name).startsWith(v),
  );
  if (!m) throw new AppError('validation_failed', `муниципалитета «${value}» нет в справочнике`);
  return m.code;
}

export function categoryCell(ref: ReferenceSnapshot, value: string): string | null {
  if (!value) return null;
  const c = ref.categories.find((x) => x.code === value || lowerKey(x.name) === lowerKey(value));
  if (!c) throw new AppError('validation_failed', `категории «${value}» нет в справочнике`);
  return c.code;
}

/** A code from a closed list by its code or (the start of) its Russian label. */
export function pickLabelled<T extends string>(
  value: string,
  codes: readonly T[],
  labels: Record<T, string>,
  what: string,
): T {
  const v = lowerKey(value);
  const found = v
    ? codes.find((c) => c === v || lowerKey(labels[c]) === v || lowerKey(labels[c]).startsWith(v))
    : undefined;
  if (!found) throw new AppError('validation_failed', `${what}: неизвестное значение «${value}»`);
  return found;
}

export function municipalityIdOf(ref: ReferenceSnapshot, code: string | null): number | null {
  if (code === null) return null;
  const m = ref.municipalityByCode.get(code);
  if (!m) throw new AppError('validation_failed', `Муниципалитета «${code}» нет в справочнике`);
  return m.id;
}
