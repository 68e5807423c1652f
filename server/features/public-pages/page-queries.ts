import { sql } from 'kysely';
import type { PageDetail } from '../../../shared/api/public-pages';
import type { Ctx } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { loadHistory } from '../comms/comms-history';
import { loadChecks, loadPages } from './pages.repository';

export async function listPages(ctx: Ctx): Promise<{ items: Awaited<ReturnType<typeof loadPages>> }> {
  requirePermission(ctx.actor, 'analytics.read');
  return { items: await loadPages(ctx.db) };
}

export async function getPage(ctx: Ctx, id: number): Promise<PageDetail> {
  requirePermission(ctx.actor, 'analytics.read');
  const [page] = await loadPages(ctx.db, { id });
  if (!page) throw notFound('Страница', 'f');
  const weeks = await ctx.db
    .selectFrom('page_weeks')
    .select(['posts', 'views', 'comments', 'subscribers', 'answered_comments', 'answer_hours', 'source'])
    .select(sql<string>`week_start::text`.as('week_start'))
    .where('page_id', '=', id)
    .orderBy('week_start', 'desc')
    .limit(104)
    .execute();
  return {
    ...page,
    allChecks: (await loadChecks(ctx.db, [id])).map(({ pageId: _p, ...c }) => c),
    weeks: weeks.map((w) => ({
      weekStart: w.week_start,
      posts: w.posts,
      views: w.views,
      comments: w.comments,
      subscribers: w.subscribers,
      answeredComments: w.answered_comments,
      answerHours: w.answer_hours === null ? null : Number(w.answer_hours),
      source: w.source,
    })),
    history: await loadHistory(ctx.db, 'page', id),
  };
}
