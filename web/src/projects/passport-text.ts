// The passport form edits lists as text, one item a line; these functions turn the lines into passport fields and
// back, and say which line is wrong. Dates are ДД.ММ.ГГГГ on screen and ГГГГ-ММ-ДД in the API.
import type { Passport, PassportIndicator } from '../../../shared/api/projects';
import { isoToRuDate } from '../common/format';
import { looksLikeRuDate, parseRuDate, ruDateError } from '../common/ru-date';

export class LineError extends Error {}

export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function num(s: string | undefined, line: string): number {
  const n = Number((s ?? '').replace(',', '.').replace(/\s/g, ''));
  if (!s?.trim() || !Number.isFinite(n)) throw new LineError(`Строка «${line}»: ожидается число`);
  return n;
}

/** «ДД.ММ.ГГГГ Название» per line. */
export function parseControlPoints(text: string): Passport['controlPoints'] {
  return lines(text).map((line) => {
    const [date = '', ...rest] = line.split(/\s+/);
    const iso = parseRuDate(date);
    if (!iso && looksLikeRuDate(date)) throw new LineError(`Строка «${line}»: ${ruDateError(date)}`);
    if (!iso || rest.length === 0) throw new LineError(`Строка «${line}»: ожидается «ДД.ММ.ГГГГ Название»`);
    return { date: iso, title: rest.join(' ') };
  });
}
export const controlPointsText = (p: Passport['controlPoints']): string =>
  p.map((c) => `${isoToRuDate(c.date)} ${c.title}`).join('\n');

/** «Имя; роль; доля времени, %» per line. */
export function parseTeam(text: string): Passport['team'] {
  return lines(text).map((line) => {
    const [name = '', role = '', share] = line.split(';').map((s) => s.trim());
    if (!name) throw new LineError(`Строка «${line}»: нет имени`);
    return { name, role, share: num(share, line) };
  });
}
export const teamText = (t: Passport['team']): string => t.map((m) => `${m.name}; ${m.role}; ${m.share}`).join('\n');

/** «Год; значение; единица; результат» per line (the value may be empty). */
export function parseResults(text: string): Passport['results'] {
  return lines(text).map((line) => {
    const [year, value = '', unit = '', ...title] = line.split(';').map((s) => s.trim());
    const t = title.join('; ');
    if (!t) throw new LineError(`Строка «${line}»: ожидается «год; значение; единица; результат»`);
    return { year: num(year, line), value: value ? num(value, line) : null, unit, title: t };
  });
}
export const resultsText = (r: Passport['results']): string =>
  r.map((x) => `${x.year}; ${x.value ?? ''}; ${x.unit}; ${x.title}`).join('\n');

/** «ГГГГ: значение» (the year's plan) or «ГГГГ-ММ: значение» (a month's plan) per line. */
export function parsePlan(text: string): PassportIndicator['plan'] {
  return lines(text).map((line) => {
    const m = /^(\d{4})(?:-(\d{1,2}))?\s*:\s*(.+)$/.exec(line);
    if (!m) throw new LineError(`Строка «${line}»: ожидается «ГГГГ: значение» или «ГГГГ-ММ: значение»`);
    const month = m[2] ? Number(m[2]) : null;
    if (month !== null && (month < 1 || month > 12)) throw new LineError(`Строка «${line}»: месяц от 1 до 12`);
    return { year: Number(m[1]), month, value: num(m[3], line) };
  });
}
export const planText = (p: PassportIndicator['plan']): string =>
  p.map((v) => `${v.year}${v.month === null ? '' : `-${String(v.month).padStart(2, '0')}`}: ${v.value}`).join('\n');
