import {
  monthLabel,
  REPORT_STATUS_LABELS,
  type CountRow,
  type RatingRow,
  type ReportData,
  type ReportStatus,
} from '../../../shared/api/reports';
import { countOf, NOUNS, type PluralForms } from '../../../shared/text/plural';
import { REGION_NAME } from '../../../shared/reference/municipalities';

// The report as a format-neutral document: sections of paragraphs, tables and bar charts. The PDF, DOCX and XLSX
// renderers only lay this out, so the three formats always say the same thing.
export interface TableBlock {
  kind: 'table';
  columns: { title: string; width: number; numeric?: boolean }[];
  rows: string[][];
}
export interface ChartBlock {
  kind: 'chart';
  title: string;
  bars: { label: string; value: number; previous: number }[];
}
export type Block = { kind: 'paragraph'; text: string } | TableBlock | ChartBlock;
export interface Section {
  title: string;
  sheet: string;
  blocks: Block[];
}
export interface ReportDocument {
  title: string;
  subtitle: string;
  month: string;
  sections: Section[];
}

export interface DocumentMeta {
  status: ReportStatus;
  conclusions: string;
  generatedAt: Date;
  version?: number | undefined;
}

const fmt = (n: number | null, digits = 1): string =>
  n === null ? '—' : n.toLocaleString('ru-RU', { maximumFractionDigits: digits });
const count = (n: number, forms: PluralForms): string => countOf(n, forms, (x) => fmt(x, 0));
const ruDate = (iso: string): string => {
  const d = new Date(new Date(iso).getTime() + 3 * 3_600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
};

/** '+12 (+8,5 %)', '−3 (−20 %)', 'новое' when the previous month had none. */
export function change(count: number, previous: number): string {
  const diff = count - previous;
  if (previous === 0) return count === 0 ? '0' : 'новое';
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
  return `${sign}${fmt(Math.abs(diff), 0)} (${sign}${fmt(Math.abs((100 * diff) / previous))} %)`;
}

function volumeTable(rows: CountRow[], what: string, previousMonth: string): TableBlock {
  return {
    kind: 'table',
    columns: [
      { title: what, width: 5 },
      { title: 'Сообщений', width: 1.4, numeric: true },
      { title: `За ${monthLabel(previousMonth).replace(' года', '')}`, width: 1.6, numeric: true },
      { title: 'Изменение', width: 1.8, numeric: true },
    ],
    rows: rows.map((r) => [r.label, fmt(r.count, 0), fmt(r.previous, 0), change(r.count, r.previous)]),
  };
}

const chart = (title: string, rows: CountRow[], limit = 10): ChartBlock => ({
  kind: 'chart',
  title,
  bars: rows.slice(0, limit).map((r) => ({ label: r.label, value: r.count, previous: r.previous })),
});

function ratingTable(rows: RatingRow[]): TableBlock {
  return {
    kind: 'table',
    columns: [
      { title: 'Место', width: 0.8, numeric: true },
      { title: 'Организация', width: 4.6 },
      { title: 'Сообщений', width: 1.2, numeric: true },
      { title: 'В срок, %', width: 1.1, numeric: true },
      { title: 'Медиана до ответа, ч', width: 1.5, numeric: true },
      { title: 'Балл', width: 0.9, numeric: true },
    ],
    rows: rows.map((r) => [
      fmt(r.rank, 0),
      r.name,
      fmt(r.messages, 0),
      fmt(r.onTimeShare === null ? null : r.onTimeShare * (r.onTimeShare <= 1 ? 100 : 1)),
      fmt(r.firstResponseMedianHours),
      fmt(r.score, 2),
    ]),
  };
}

export function reportTitle(month: string): string {
  return `Ежемесячный доклад Губернатору о работе с обращениями граждан за ${monthLabel(month)}`;
}

/** The two ways satisfaction is measured, named where each is shown (the same words as the ratings screen). */
const RATING_SATISFACTION_NOTE =
  'Оценка в рейтинге — средняя оценка граждан по сообщениям, поступившим в месяце (когда бы её ни поставили).';
const MONTH_SATISFACTION_NOTE =
  'Здесь считаются оценки, поставленные в месяце (по дате оценки), по любым обращениям; в рейтинге (раздел 7) — оценки сообщений, поступивших в месяце.';

export function buildReportDocument(data: ReportData, meta: DocumentMeta): ReportDocument {
  const s = data.summary;
  const p = data.previousMonth;
  const sections: Section[] = [
    {
      title: '1. Общие итоги',
      sheet: 'Итоги',
      blocks: [
        {
          kind: 'paragraph',
          text:
            `За ${monthLabel(data.month)} поступило ${count(s.messages, NOUNS.message)} граждан (${change(s.messages, s.previousMessages)} к предыдущему месяцу), ` +
            `заведено ${count(s.cases, NOUNS.case)}, дано ${count(s.finalAnswers, NOUNS.finalAnswer)}. Нарушен срок ответа: ${fmt(s.overdue, 0)}. ` +
            `Получено оценок граждан за месяц (по дате оценки): ${fmt(s.ratings, 0)}, средняя оценка ${fmt(s.averageRating)}.`,
        },
      ],
    },
    {
      title: '2. Сообщения по каналам',
      sheet: 'Каналы',
      blocks: [chart('Сообщения по каналам', data.byChannel), volumeTable(data.byChannel, 'Канал', p)],
    },
    {
      title: '3. Сообщения по отраслевым блокам',
      sheet: 'Блоки',
      blocks: [chart('Сообщения по блокам', data.byBlock), volumeTable(data.byBlock, 'Блок', p)],
    },
    {
      title: '4. Сообщения по муниципальным образованиям',
      sheet: 'Муниципалитеты',
      blocks: [
        chart('Муниципалитеты с наибольшим числом сообщений', data.byMunicipality),
        volumeTable(data.byMunicipality, 'Муниципальное образование', p),
      ],
    },
    {
      title: '5. Исполнители с наибольшим числом сообщений',
      sheet: 'Исполнители',
      blocks: [volumeTable(data.byOrganisation, 'Организация', p)],
    },
    {
      title: '6. Основные проблемы и всплески',
      sheet: 'Проблемы',
      blocks: [
        volumeTable(data.topProblems, 'Блок — категория', p),
        data.spikes.length
          ? {
              kind: 'table',
              columns: [
                { title: 'Всплеск: категория — муниципалитет, неделя', width: 6 },
                { title: 'Сообщений', width: 1.4, numeric: true },
                { title: 'Обычный уровень', width: 1.6, numeric: true },
              ],
              rows: data.spikes.map((x) => [x.label, fmt(x.count, 0), fmt(x.baseline)]),
            }
          : {
              kind: 'paragraph',
              text: 'Всплесков обращений (категория × муниципалитет выше своей базы за неделю) не выявлено.',
            },
      ],
    },
    {
      title: '7. Рейтинг органов власти',
      sheet: 'Рейтинг',
      blocks:
        data.ratings.ranked === 0
          ? [
              {
                kind: 'paragraph',
                text: `Ни одна организация не набрала ${fmt(data.ratings.minVolume, 0)} сообщений за месяц: рейтинг не составлялся.`,
              },
            ]
          : [
              {
                kind: 'paragraph',
                text: `Место присваивается при ${fmt(data.ratings.minVolume, 0)} и более сообщениях за месяц; в рейтинге ${count(data.ratings.ranked, NOUNS.organisation)}. ${RATING_SATISFACTION_NOTE} Лучшие:`,
              },
              ratingTable(data.ratings.best),
              ...(data.ratings.worst.length
                ? [
                    { kind: 'paragraph' as const, text: 'Организации с наихудшими показателями:' },
                    ratingTable(data.ratings.worst),
                  ]
                : []),
            ],
    },
    {
      title: '8. Нарушения сроков',
      sheet: 'Просрочки',
      blocks: [
        {
          kind: 'paragraph',
          text: `Срок окончательного ответа наступил в месяце и был нарушен по ${fmt(data.overdue.total, 0)} обращениям.`,
        },
        {
          kind: 'table',
          columns: [
            { title: 'Организация', width: 6 },
            { title: 'Нарушений', width: 1.4, numeric: true },
          ],
          rows: data.overdue.byOrganisation.map((r) => [r.name, fmt(r.count, 0)]),
        },
        {
          kind: 'table',
          columns: [
            { title: '№', width: 1.1 },
            { title: 'Организация', width: 3.6 },
            { title: 'Категория', width: 2.4 },
            { title: 'Срок', width: 1.1 },
            { title: 'Ответ', width: 1.1 },
          ],
          rows: data.overdue.cases.map((c) => [
            c.id,
            c.organisation,
            c.category,
            ruDate(c.dueAt),
            c.answeredAt ? ruDate(c.answeredAt) : 'нет',
          ]),
        },
      ],
    },
    {
      title: '9. Показатели',
      sheet: 'Показатели',
      blocks: [
        {
          kind: 'table',
          columns: [
            { title: 'Показатель', width: 5 },
            { title: 'Цель', width: 1, numeric: true },
            { title: 'Значение', width: 1.2, numeric: true },
            { title: 'Статус', width: 1.5 },
          ],
          rows: data.kpis.map((k) => [
            k.title,
            k.target === null ? '—' : `${fmt(k.target)} ${k.unit}`.trim(),
            k.value === null ? '—' : `${fmt(k.value)} ${k.unit}`.trim(),
            k.statusLabel,
          ]),
        },
      ],
    },
    {
      title: '10. Удовлетворённость граждан',
      sheet: 'Оценки',
      blocks: [
        {
          kind: 'paragraph',
          text: `${MONTH_SATISFACTION_NOTE} Оценок за месяц: ${fmt(data.satisfaction.count, 0)}; средняя ${fmt(data.satisfaction.average)}; доля оценок 4–5: ${data.satisfaction.satisfiedShare === null ? '—' : `${fmt(data.satisfaction.satisfiedShare)} %`}.`,
        },
        ...(data.satisfaction.count
          ? [
              {
                kind: 'chart' as const,
                title: 'Распределение оценок',
                bars: data.satisfaction.distribution.map((n, i) => ({
                  label: `${i + 1} балл${i === 0 ? '' : i < 4 ? 'а' : 'ов'}`,
                  value: n,
                  previous: 0,
                })),
              },
            ]
          : []),
      ],
    },
    {
      title: '11. Выводы аналитиков',
      sheet: 'Выводы',
      blocks: (meta.conclusions.trim() ? meta.conclusions.trim().split(/\n\s*\n/) : ['Выводы не внесены.']).map(
        (text) => ({ kind: 'paragraph' as const, text }),
      ),
    },
  ];
  const version = meta.version ? `, версия ${meta.version}` : '';
  return {
    title: reportTitle(data.month),
    subtitle: `${REGION_NAME}. ${REPORT_STATUS_LABELS[meta.status]}${version}. Данные на ${ruDate(meta.generatedAt.toISOString())}.`,
    month: data.month,
    sections,
  };
}
