import type { ControlPointStatus, PassportChange, Period } from '../api/po-plans';
import type { Passport } from '../api/projects';

// Pure rules of progress reports, consolidated plans and change requests: a period's bounds and Russian name, the
// status of a control point or a measure on a date, and what changed between two passports.

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The months of a period (1–12) in order. */
export function periodMonths(p: Period): number[] {
  if (p.kind === 'year') return Array.from({ length: 12 }, (_, i) => i + 1);
  if (p.kind === 'quarter') return [1, 2, 3].map((i) => (p.number - 1) * 3 + i);
  return [p.number];
}

/** First and last day of the period as ГГГГ-ММ-ДД. */
export function periodBounds(p: Period): { from: string; to: string } {
  const months = periodMonths(p);
  const first = months[0] ?? 1;
  const last = months[months.length - 1] ?? 12;
  return { from: `${p.year}-${pad(first)}-01`, to: `${p.year}-${pad(last)}-${pad(lastDay(p.year, last))}` };
}

export function periodLabel(p: Period): string {
  if (p.kind === 'year') return `${p.year} год`;
  if (p.kind === 'quarter') return `${p.number} квартал ${p.year} года`;
  return `${MONTHS[p.number - 1] ?? ''} ${p.year} года`;
}

/** A stable key of the period: one progress report per project and period. */
export const periodKey = (p: Period): string =>
  p.kind === 'year' ? `${p.year}` : `${p.year}-${p.kind === 'quarter' ? 'Q' : 'M'}${p.number}`;

/** Days a not-yet-due point is «под угрозой» by itself when it falls due within this many days after the date looked at. */
export const AT_RISK_DAYS = 14;

/**
 * A control point or measure on a date: done once it has a date of completion; late when its date has passed
 * undone; at risk when marked so, or due within AT_RISK_DAYS; otherwise planned.
 */
export function pointStatus(
  date: string,
  doneDate: string | null,
  asOf: string,
  markedAtRisk = false,
): ControlPointStatus {
  if (doneDate) return 'done';
  if (date < asOf) return 'late';
  const days = (Date.parse(date) - Date.parse(asOf)) / 86_400_000;
  return markedAtRisk || days <= AT_RISK_DAYS ? 'at_risk' : 'planned';
}

export const POINT_STATUS_LABELS: Record<ControlPointStatus, string> = {
  done: 'Выполнена',
  late: 'Просрочена',
  at_risk: 'Под угрозой',
  planned: 'В плане',
};

const ruDate = (iso: string): string => iso.split('-').reverse().join('.');
const num = (v: number | null): string => (v === null ? '—' : v.toLocaleString('ru-RU'));

interface Keyed<T> {
  field: string;
  key: (x: T) => string;
  show: (x: T) => string;
}

function keyedChanges<T>(spec: Keyed<T>, before: readonly T[], after: readonly T[]): PassportChange[] {
  const was = new Map(before.map((x) => [spec.key(x), x]));
  const now = new Map(after.map((x) => [spec.key(x), x]));
  const out: PassportChange[] = [];
  for (const [k, x] of was)
    if (!now.has(k)) out.push({ field: spec.field, change: 'removed', item: k, before: spec.show(x), after: null });
  for (const [k, x] of now) {
    const old = was.get(k);
    if (old === undefined) out.push({ field: spec.field, change: 'added', item: k, before: null, after: spec.show(x) });
    else if (JSON.stringify(old) !== JSON.stringify(x))
      out.push({ field: spec.field, change: 'changed', item: k, before: spec.show(old), after: spec.show(x) });
  }
  return out;
}

const TEXT_FIELDS = [
  ['name', 'Наименование'],
  ['curator', 'Куратор'],
  ['head', 'Руководитель'],
  ['administrator', 'Администратор'],
] as const;
const LIST_FIELDS = [
  ['goals', 'Цели'],
  ['socialResults', 'Общественно значимые результаты'],
  ['risks', 'Риски'],
  ['successCriteria', 'Критерии успешности'],
] as const;

const planText = (plan: Passport['indicators'][number]['plan']): string =>
  plan.map((v) => `${v.month === null ? v.year : `${pad(v.month)}.${v.year}`}: ${num(v.value)}`).join('; ');

/** What changed from one passport to the next, field by field; list items are matched by code, title or name. */
export function passportChanges(before: Passport | null, after: Passport): PassportChange[] {
  const prev: Passport = before ?? {
    ...after,
    name: '',
    goals: [],
    socialResults: [],
    indicators: [],
    results: [],
    controlPoints: [],
    curator: '',
    head: '',
    administrator: '',
    team: [],
    risks: [],
    successCriteria: [],
  };
  const out: PassportChange[] = [];
  for (const [f, label] of TEXT_FIELDS) {
    if (prev[f] === after[f]) continue;
    const change = !prev[f] ? 'added' : !after[f] ? 'removed' : 'changed';
    out.push({ field: label, change, item: label, before: prev[f] || null, after: after[f] || null });
  }
  for (const [f, label] of LIST_FIELDS)
    out.push(...keyedChanges({ field: label, key: (x: string) => x, show: (x) => x }, prev[f], after[f]));
  out.push(
    ...keyedChanges(
      {
        field: 'Показатели',
        key: (i) => i.code,
        show: (i) => `${i.title}, ${i.unit || 'без единицы'}; план ${planText(i.plan) || '—'}; ${i.method}`,
      },
      prev.indicators,
      after.indicators,
    ),
  );
  out.push(
    ...keyedChanges(
      { field: 'Результаты', key: (r) => `${r.title} (${r.year})`, show: (r) => `${num(r.value)} ${r.unit}`.trim() },
      prev.results,
      after.results,
    ),
  );
  out.push(
    ...keyedChanges(
      { field: 'Контрольные точки', key: (c) => c.title, show: (c) => ruDate(c.date) },
      prev.controlPoints,
      after.controlPoints,
    ),
  );
  out.push(
    ...keyedChanges(
      { field: 'Команда', key: (t) => t.name, show: (t) => `${t.role || 'без роли'}, ${t.share}% рабочего времени` },
      prev.team,
      after.team,
    ),
  );
  return out;
}
