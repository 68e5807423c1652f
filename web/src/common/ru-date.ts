// Dates typed by people as ДД.ММ.ГГГГ (Russian order whatever the browser's locale) ↔ the API's ГГГГ-ММ-ДД.

/** "01.03.2025" (also "1.3.2025", "01/03/2025", "01-03-2025") → "2025-03-01"; null when not a real date. */
const RU_DATE = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/;

export function parseRuDate(text: string): string | null {
  const m = RU_DATE.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const RU_DATE_HINT = 'ДД.ММ.ГГГГ';
export const RU_DATE_ERROR = 'Дата должна быть в виде ДД.ММ.ГГГГ, например 01.03.2025';

/** Written as ДД.ММ.ГГГГ, whether or not such a day exists. */
export const looksLikeRuDate = (text: string): boolean => RU_DATE.test(text);

/** Why a typed date was refused: written as ДД.ММ.ГГГГ but not in the calendar (31.02.2026), or not in that form. */
export function ruDateError(text: string): string {
  return looksLikeRuDate(text) ? `Такой даты нет в календаре: ${text.trim()}` : RU_DATE_ERROR;
}
