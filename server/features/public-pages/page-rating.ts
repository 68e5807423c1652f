import { sql } from 'kysely';
import {
  SCORE_SETS,
  TARGETED_METRICS,
  type Criterion,
  type PageRating,
  type ScoreSet,
} from '../../../shared/api/public-pages';
import { WIDGET_CHANNEL } from '../widget/widget-submission';
import type { Db } from '../../db/database';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { scorePage, type WeekFacts } from './page-score';
import { loadPages } from './pages.repository';

// Ratings of official pages over a period: every page's score (page-score.ts) from its weekly figures, its checks and
// the platform's own answers to the messages that came through it (VK wall comments of its community, widget messages
// with its source=), then the average by municipality and by organisation. The 'heads' set scores only heads' pages
// (the quarterly 100-point score).
const REGIONAL = 'Региональный уровень';
const HOUR_MS = 3_600_000;
const MAX_PERIOD_DAYS = 731;

export async function loadCriteria(db: Db, set: ScoreSet): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('page_score_criteria')
    .select(['metric', 'title', 'points', 'target'])
    .where('criteria_set', '=', set)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    metric: r.metric as Criterion['metric'],
    title: r.title,
    points: Number(r.points),
    target: r.target === null ? null : Number(r.target),
  }));
}

export async function saveCriteria(ctx: Ctx, set: ScoreSet, items: Criterion[]): Promise<Criterion[]> {
  requirePermission(ctx.actor, 'comms.manage');
  const total = items.reduce((s, c) => s + c.points, 0);
  if (Math.abs(total - 100) > 1e-6)
    throw new AppError('validation_failed', `Сумма баллов критериев должна быть 100, сейчас ${total}`);
  if (new Set(items.map((c) => c.metric)).size !== items.length)
    throw new AppError('validation_failed', 'Показатель указан в критериях дважды');
  const missing = items.find((c) => TARGETED_METRICS.includes(c.metric) && c.target === null);
  if (missing) throw new AppError('validation_failed', `Для критерия «${missing.title}» нужна цель`);
  await withTransaction(ctx, async (tx) => {
    await tx.db.deleteFrom('page_score_criteria').where('criteria_set', '=', set).execute();
    await tx.db
      .insertInto('page_score_criteria')
      .values(
        items.map((c, i) => ({
          criteria_set: set,
          metric: c.metric,
          title: c.title,
          points: c.points,
          target: TARGETED_METRICS.includes(c.metric) ? c.target : null,
          position: i + 1,
        })),
      )
      .execute();
    await recordChange(
      tx,
      'criteria',
      SCORE_SETS.indexOf(set),
      'changed',
      items.map((c) => `${c.title}: ${c.points}${c.target !== null ? ` (цель ${c.target})` : ''}`).join('; '),
    );
  });
  return loadCriteria(ctx.db, set);
}

/** Mondays from `from` to `to` inclusive: the weeks a period holds. */
export function weeksIn(from: string, to: string): number {
  let n = 0;
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    if (d.getUTCDay() === 1) n++;
  return n;
}

const moscowStart = (date: string): Date => new Date(`${date}T00:00:00+03:00`);
const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface PlatformMessage {
  page_id: number;
  created_at: Date;
  first_response_at: Date | null;
}

/** Messages that came through a page in the period, with their case's first answer. */
async function platformMessages(db: Db, from: string, to: string): Promise<PlatformMessage[]> {
  const { rows } = await sql<PlatformMessage>`
    select p.id as page_id, m.created_at, c.first_response_at
    from messages m
    join cases c on c.id = m.case_id
    join official_pages p on p.active and (
      (m.channel = 'social_vk' and p.vk_owner_id is not null and m.labels->'vk'->>'kind' = 'comment'
        and m.labels->'vk'->>'ownerId' = p.vk_owner_id::text)
      or (m.channel = ${WIDGET_CHANNEL} and p.widget_source is not null and m.labels->'widget'->>'source' = p.widget_source))
    where m.created_at >= ${moscowStart(from)} and m.created_at < ${moscowStart(nextDay(to))}`.execute(db);
  return rows.map((r) => ({
    ...r,
    created_at: new Date(r.created_at),
    first_response_at: r.first_response_at ? new Date(r.first_response_at) : null,
  }));
}

export async function pageRating(ctx: Ctx, from: string, to: string, set: ScoreSet): Promise<PageRating> {
  requirePermission(ctx.actor, 'analytics.read');
  if (to < from) throw new AppError('validation_failed', 'Конец периода раньше начала');
  if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * 86_400_000)
    throw new AppError('validation_failed', `Период — не больше ${MAX_PERIOD_DAYS} дней`);
  const criteria = await loadCriteria(ctx.db, set);
  const target = criteria.find((c) => c.metric === 'answer_speed')?.target ?? 24;
  const pages = (await loadPages(ctx.db, { checksUpTo: to })).filter((p) => set === 'rating' || p.isHeadPage);
  const weeks = await ctx.db
    .selectFrom('page_weeks')
    .select(['page_id', 'posts', 'views', 'comments', 'subscribers', 'answered_comments', 'answer_hours'])
    .where('week_start', '>=', from)
    .where('week_start', '<=', to)
    .orderBy('week_start')
    .execute();
  const messages = await platformMessages(ctx.db, from, to);
  const now = ctx.services.clock.now().getTime();
  const weeksInPeriod = weeksIn(from, to);

  const scored = pages
    .map((page) => {
      const own = messages.filter((m) => m.page_id === page.id);
      const platformHours: number[] = [];
      let platformPending = 0;
      for (const m of own) {
        const hours = ((m.first_response_at?.getTime() ?? now) - m.created_at.getTime()) / HOUR_MS;
        if (!m.first_response_at && hours <= target) platformPending++;
        else platformHours.push(Math.max(0, hours));
      }
      const result = scorePage(
        {
          postingNorm: page.postingNorm,
          weeksInPeriod,
          platformHours,
          platformPending,
          weeks: weeks
            .filter((w) => w.page_id === page.id)
            .map((w): WeekFacts => ({
              posts: w.posts,
              views: w.views,
              comments: w.comments,
              subscribers: w.subscribers,
              answeredComments: w.answered_comments,
              answerHours: w.answer_hours === null ? null : Number(w.answer_hours),
            })),
          passed: new Set(page.checks.filter((c) => c.passed).map((c) => c.element)),
        },
        criteria,
      );
      return {
        pageId: page.id,
        title: page.title,
        url: page.url,
        network: page.network,
        organisation: page.organisation,
        municipality: page.municipality,
        ...result,
      };
    })
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'ru'));

  return {
    from,
    to,
    set,
    weeks: weeksInPeriod,
    pages: scored,
    municipalities: groupAverage(scored.map((p) => [p.municipality ?? REGIONAL, p.score])),
    organisations: groupAverage(scored.map((p) => [p.organisation, p.score])),
  };
}

function groupAverage(items: [string, number][]): PageRating['municipalities'] {
  const groups = new Map<string, number[]>();
  for (const [name, score] of items) groups.set(name, [...(groups.get(name) ?? []), score]);
  return [...groups]
    .map(([name, scores]) => ({
      name,
      pages: scores.length,
      score: Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10,
    }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'ru'));
}
