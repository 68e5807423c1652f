import type { FileUpload, ImportResult, PageWeekInput } from '../../../shared/api/public-pages';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { requireScope } from '../auth/tokens';
import { recordChange } from '../comms/comms-history';
import { cell, countCell, dateCell, readUploadedTable } from '../comms/uploaded-table';
import { normaliseUrl, pageIdsByUrl } from './pages.repository';

// Weekly activity figures of official pages: from a CSV/XLSX file (the media officer's upload) or pushed by a
// monitoring provider with an integration token of scope `monitoring`. One row per page and week (the week's Monday);
// a repeated week replaces the figures it had. A bad row is reported with its line and the others are kept.
export const WEEK_COLUMNS = {
  url: ['Страница', 'Адрес', 'URL', 'Ссылка'],
  weekStart: ['Неделя', 'Начало недели', 'Неделя с'],
  posts: ['Публикации', 'Посты', 'Публикаций'],
  views: ['Просмотры', 'Просмотров'],
  comments: ['Комментарии', 'Комментариев'],
  subscribers: ['Подписчики', 'Подписчиков'],
  answeredComments: ['Отвечено', 'Комментарии с ответом', 'Отвечено комментариев'],
  answerHours: ['Время ответа, ч', 'Время ответа', 'Среднее время ответа, ч'],
} as const;

type Source = 'file' | 'provider';
interface Row {
  line: number;
  week: PageWeekInput;
}

export async function importWeeksFile(ctx: Ctx, upload: FileUpload): Promise<ImportResult> {
  requirePermission(ctx.actor, 'comms.manage');
  const failed: ImportResult['failed'] = [];
  const rows: Row[] = [];
  for (const raw of await readUploadedTable(upload)) {
    if ('error' in raw) {
      failed.push({ line: raw.line, message: raw.error });
      continue;
    }
    try {
      rows.push({ line: raw.line, week: weekFromRow(raw.value) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ line: raw.line, message: error.message });
    }
  }
  if (!rows.length && !failed.length) throw new AppError('validation_failed', 'В файле нет строк с показателями');
  return saveWeeks(ctx, rows, 'file', failed, `из файла ${upload.fileName}`);
}

export async function pushWeeks(ctx: Ctx, weeks: PageWeekInput[]): Promise<ImportResult> {
  if (ctx.actor.kind !== 'integration')
    throw new AppError('forbidden', 'Показатели страниц от поставщика принимаются только по токену интеграции');
  requireScope(ctx.actor, (scopes) => scopes.includes('monitoring'), 'передавать показатели страниц');
  return saveWeeks(
    ctx,
    weeks.map((week, i) => ({ line: i + 1, week })),
    'provider',
    [],
    `от ${ctx.actor.label}`,
  );
}

function weekFromRow(row: Record<string, unknown>): PageWeekInput {
  const need = (key: Exclude<keyof typeof WEEK_COLUMNS, 'url' | 'weekStart' | 'answerHours'>): number => {
    const v = countCell(cell(row, WEEK_COLUMNS[key]), WEEK_COLUMNS[key][0]);
    if (v === null) throw new AppError('validation_failed', `нет значения «${WEEK_COLUMNS[key][0]}»`);
    return Math.round(v);
  };
  const url = String(cell(row, WEEK_COLUMNS.url) ?? '').trim();
  if (!url) throw new AppError('validation_failed', 'нет адреса страницы');
  const weekStart = dateCell(cell(row, WEEK_COLUMNS.weekStart));
  if (!weekStart) throw new AppError('validation_failed', 'нет даты начала недели');
  return {
    url,
    weekStart,
    posts: need('posts'),
    views: need('views'),
    comments: need('comments'),
    subscribers: need('subscribers'),
    answeredComments: need('answeredComments'),
    answerHours: countCell(cell(row, WEEK_COLUMNS.answerHours), WEEK_COLUMNS.answerHours[0]),
  };
}

async function saveWeeks(
  ctx: Ctx,
  rows: Row[],
  source: Source,
  failed: ImportResult['failed'],
  origin: string,
): Promise<ImportResult> {
  const pages = await pageIdsByUrl(ctx.db);
  const valid: { line: number; pageId: number; week: PageWeekInput }[] = [];
  for (const { line, week } of rows) {
    const pageId = pages.get(normaliseUrl(week.url));
    const problem =
      pageId === undefined
        ? `страницы ${week.url} нет в реестре`
        : new Date(`${week.weekStart}T00:00:00Z`).getUTCDay() !== 1
          ? `неделя должна начинаться с понедельника: ${week.weekStart}`
          : week.answeredComments > week.comments
            ? 'отвечено больше комментариев, чем было'
            : null;
    if (problem || pageId === undefined) failed.push({ line, message: problem ?? '' });
    else valid.push({ line, pageId, week });
  }
  let imported = 0;
  let updated = 0;
  await withTransaction(ctx, async (tx) => {
    const perPage = new Map<number, number>();
    for (const { pageId, week } of valid) {
      const existing = await tx.db
        .selectFrom('page_weeks')
        .select('page_id')
        .where('page_id', '=', pageId)
        .where('week_start', '=', week.weekStart)
        .executeTakeFirst();
      const values = {
        posts: week.posts,
        views: week.views,
        comments: week.comments,
        subscribers: week.subscribers,
        answered_comments: week.answeredComments,
        answer_hours: week.answerHours,
        source,
        updated_at: ctx.services.clock.now(),
      };
      await tx.db
        .insertInto('page_weeks')
        .values({ page_id: pageId, week_start: week.weekStart, ...values })
        .onConflict((oc) => oc.columns(['page_id', 'week_start']).doUpdateSet(values))
        .execute();
      if (existing) updated++;
      else imported++;
      perPage.set(pageId, (perPage.get(pageId) ?? 0) + 1);
    }
    for (const [pageId, n] of perPage)
      await recordChange(tx, 'page', pageId, 'figures', `Недельные показатели ${origin}: недель — ${n}`);
  });
  failed.sort((a, b) => a.line - b.line);
  return { imported, updated, failed };
}
