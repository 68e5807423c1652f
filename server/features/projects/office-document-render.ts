import { toMoscowRuDate } from '../../../shared/deadlines/moscow-time';
import type { Block, ReportDocument } from '../reports/report-document';

// An approved project-office document (passport, group composition, additional indicator) as a format-neutral
// document for the official register: each field of the approved content becomes a section with its Russian name;
// lists become paragraphs, lists of records become tables. The content is the approved JSON exactly as stored.

const LABELS: Record<string, string> = {
  name: 'Наименование',
  goals: 'Цели',
  socialResults: 'Общественно значимые результаты',
  indicators: 'Показатели',
  results: 'Результаты по годам',
  controlPoints: 'Контрольные точки',
  curator: 'Куратор',
  head: 'Руководитель',
  administrator: 'Администратор',
  team: 'Команда',
  risks: 'Риски',
  successCriteria: 'Критерии успешности',
  kind: 'Вид',
  purpose: 'Назначение',
  projectId: 'Проект (номер)',
  members: 'Состав',
  title: 'Наименование',
  code: 'Код',
  unit: 'Единица',
  direction: 'Направление',
  method: 'Методика расчёта',
  source: 'Источник факта',
  plan: 'План',
  year: 'Год',
  month: 'Месяц',
  value: 'Значение',
  date: 'Дата',
  role: 'Роль',
  share: 'Доля рабочего времени, %',
  organisation: 'Организация',
  federalResult: 'Федеральный результат',
  formula: 'Формула',
  qualitative: 'Качественное описание',
  quantitative: 'Количественное описание',
  responsible: 'Ответственный',
  deadline: 'Срок',
  targets: 'Целевые значения',
  target: 'Цель',
  projectResult: 'Результат проекта, которому служит показатель',
  // protocols of groups' meetings and the roadmap
  group: 'Группа',
  place: 'Место',
  agenda: 'Повестка',
  attendance: 'Присутствие',
  present: 'Присутствовал',
  decisions: 'Решения',
  text: 'Решение',
  owner: 'Ответственный',
  dueDate: 'Срок',
  status: 'Состояние',
  dialogAgreement: 'Согласование с АНО «Диалог Регионы»',
  reference: 'Реквизиты',
  items: 'Мероприятия и контрольные точки',
  key: 'Номер',
  measure: 'Мероприятие',
  block: 'Блок',
  basedOn: 'Сравнение с редакцией',
  changes: 'Изменения',
  change: 'Изменение',
  fields: 'Изменённые поля',
  field: 'Поле',
  before: 'Было',
  after: 'Стало',
  // progress reports, change requests, consolidated plans
  projectTitle: 'Проект',
  passportVersion: 'Редакция паспорта',
  period: 'Период',
  periodLabel: 'Отчётный период',
  periodKey: 'Код периода',
  from: 'С',
  to: 'По',
  summary: 'Итоги периода',
  fact: 'Факт',
  deviation: 'Отклонение (плюс — лучше плана)',
  factMonth: 'Месяц факта',
  months: 'По месяцам',
  computed: 'По данным платформы',
  doneDate: 'Выполнена',
  atRisk: 'Под угрозой',
  comment: 'Комментарий',
  deviations: 'Отклонения, причины и меры',
  subject: 'Отклонение',
  explanation: 'Причина',
  measures: 'Меры',
  reason: 'Обоснование изменения',
  baseVersion: 'Изменяемая редакция паспорта',
  passport: 'Паспорт в новой редакции',
  item: 'Что',
  topic: 'Тема',
  number: 'Номер',
};
const VALUES: Record<string, string> = {
  working: 'рабочая группа',
  expert: 'экспертная группа',
  up: 'больше — лучше',
  down: 'меньше — лучше',
  added: 'добавлено',
  removed: 'исключено',
  changed: 'изменено',
  planned: 'запланировано',
  in_progress: 'выполняется',
  done: 'выполнено',
  cancelled: 'отменено',
  late: 'просрочено',
  at_risk: 'под угрозой',
  control_point: 'контрольная точка',
  measure: 'мероприятие',
  month: 'месяц',
  quarter: 'квартал',
  year: 'год',
};
const label = (key: string): string => LABELS[key] ?? key;

function text(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\d$/.test(v) ? v.split('-').reverse().join('.') : (VALUES[v] ?? v);
  if (typeof v === 'number') return v.toLocaleString('ru-RU', { maximumFractionDigits: 4 });
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (Array.isArray(v)) return v.map(text).join('; ');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${label(k)}: ${text(x)}`)
    .join(', ');
}

function blocksOf(value: unknown): Block[] {
  if (Array.isArray(value) && value.length && value.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
    const keys = [...new Set(value.flatMap((x) => Object.keys(x as object)))];
    return [
      {
        kind: 'table',
        columns: keys.map((k) => ({
          title: label(k),
          width: k === 'title' || k === 'name' || k === 'method' ? 3 : 1.4,
        })),
        rows: value.map((x) => keys.map((k) => text((x as Record<string, unknown>)[k]))),
      },
    ];
  }
  if (Array.isArray(value))
    return value.length
      ? value.map((x, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${text(x)}` }))
      : [{ kind: 'paragraph', text: '—' }];
  return [{ kind: 'paragraph', text: text(value) }];
}

export function officeDocument(
  title: string,
  version: number,
  approvedAt: Date,
  approvedBy: string,
  content: unknown,
): ReportDocument {
  const fields =
    content && typeof content === 'object' && !Array.isArray(content)
      ? Object.entries(content as Record<string, unknown>)
      : [['content', content] as const];
  return {
    title,
    subtitle: `Редакция ${version}, утверждена ${toMoscowRuDate(approvedAt)}: ${approvedBy}`,
    month: toMoscowRuDate(approvedAt),
    sections: fields.map(([key, value], i) => ({ title: label(key), sheet: `${i + 1}`, blocks: blocksOf(value) })),
  };
}
