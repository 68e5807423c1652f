import { sql } from 'kysely';
import { countOf, NOUNS } from '../../../shared/text/plural';
import { toMoscowRuDate as ruDate } from '../../../shared/deadlines/moscow-time';
import type { Ctx } from '../../lib/context';
import { queueCitizenNotice } from '../deliveries';
import { extensionNoticeText } from '../cases/extension-notice';
import { detectSpikes } from '../analytics/spikes';
import { notify } from './notify';
import { blockUsers, caseUsers, municipalityUsers } from './recipients';

// What makes a notification. Case history is the source of truth: a cursor over case_events turns assignments,
// returned answers, extensions and reopenings into notifications, so the case use cases stay as they are. Deadlines
// and spikes are scanned. Every producer may run again over the same ground: notify() inserts only new keys.
const EVENT_CURSOR = 'notifications.events';
const EVENT_BATCH = 500;
const RELOOK_MS = 5 * 60_000;
/** Overdue cases older than this are not announced (the first run after an upgrade would flood everyone). */
const OVERDUE_LOOKBACK_MS = 2 * 86_400_000;

async function readCursor(ctx: Ctx, key: string): Promise<Record<string, unknown> | null> {
  const row = await ctx.db.selectFrom('notification_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

async function writeCursor(ctx: Ctx, key: string, value: Record<string, unknown>): Promise<void> {
  await ctx.db
    .insertInto('notification_state')
    .values({ key, value: JSON.stringify(value), updated_at: ctx.services.clock.now() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: ctx.services.clock.now() }),
    )
    .execute();
}

function eventRows(ctx: Ctx) {
  return ctx.db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .select([
      'case_events.id',
      'case_events.type',
      'case_events.data',
      'case_events.actor_user_id',
      'cases.id as caseId',
      'cases.organisation_id',
      'cases.block_code',
      'cases.summary',
      'cases.final_answer_due_at',
    ])
    .where('case_events.type', 'in', ['routed', 'reassigned', 'review', 'status', 'extended']);
}

/** Turns case events after the cursor into notifications; returns how many new events were read. */
export async function notifyFromEvents(ctx: Ctx): Promise<number> {
  const cursor = await readCursor(ctx, EVENT_CURSOR);
  const after = typeof cursor?.lastId === 'string' ? cursor.lastId : null;
  if (after === null) {
    // First run: start from now, not from the whole history.
    const last = await ctx.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    await writeCursor(ctx, EVENT_CURSOR, { lastId: String(last?.id ?? '0') });
    return 0;
  }
  const fresh = await eventRows(ctx)
    .where(sql<boolean>`case_events.id > ${after}::bigint`)
    .orderBy('case_events.id')
    .limit(EVENT_BATCH)
    .execute();
  // On PostgreSQL ids are handed out before commit, so an event may become visible after a later one was read:
  // the last few minutes behind the cursor are read again every time (notify() makes the repeat harmless).
  const late = await eventRows(ctx)
    .where(sql<boolean>`case_events.id <= ${after}::bigint`)
    .where('case_events.at', '>=', new Date(ctx.services.clock.now().getTime() - RELOOK_MS))
    .orderBy('case_events.id')
    .limit(EVENT_BATCH)
    .execute();
  const events = [...late, ...fresh];
  const tail = await ctx.db
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where(sql<boolean>`id > ${after}::bigint`)
    .executeTakeFirst();
  for (const e of events) {
    const c = { organisation_id: e.organisation_id, block_code: e.block_code };
    const subject = `event:${e.id}`;
    const no = `№ ${e.caseId}`;
    if (e.type === 'routed' || e.type === 'reassigned') {
      const org = Number(e.type === 'routed' ? e.data.organisationId : e.data.to);
      if (!Number.isSafeInteger(org)) continue;
      await notify(ctx, {
        userIds: await caseUsers(ctx.db, { organisation_id: org, block_code: e.block_code }, e.actor_user_id),
        kind: 'new_case',
        subject: `case:${e.caseId}:organisation:${org}`,
        caseId: e.caseId,
        title: `Новое обращение ${no}`,
        body: e.summary,
      });
    } else if (e.type === 'review' && e.data.decision === 'return') {
      const answer = await ctx.db
        .selectFrom('answers')
        .select('author_user_id')
        .where('case_id', '=', e.caseId)
        .where('kind', '=', 'final')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const reason = typeof e.data.reason === 'string' ? e.data.reason : '';
      const comment = typeof e.data.comment === 'string' ? e.data.comment : '';
      await notify(ctx, {
        userIds: answer?.author_user_id ? [answer.author_user_id] : await caseUsers(ctx.db, c),
        kind: 'answer_returned',
        subject,
        caseId: e.caseId,
        title: `Ответ по обращению ${no} возвращён на доработку`,
        body: [reason, comment].filter(Boolean).join('. ') || e.summary,
      });
    } else if (e.type === 'status' && e.data.to === 'reopened') {
      await notify(ctx, {
        userIds: await caseUsers(ctx.db, c, e.actor_user_id),
        kind: 'reopened',
        subject,
        caseId: e.caseId,
        title: `Обращение ${no} возвращено в работу`,
        body: e.summary,
      });
    } else if (e.type === 'extended') {
      const to = typeof e.data.to === 'string' ? new Date(e.data.to) : e.final_answer_due_at;
      const reason = typeof e.data.reason === 'string' ? e.data.reason : null;
      await queueCitizenNotice(ctx, e.caseId, `extended:${e.id}`, extensionNoticeText(String(e.caseId), to, reason));
      await notify(ctx, {
        userIds: await caseUsers(ctx.db, c, e.actor_user_id),
        kind: 'extended',
        subject,
        caseId: e.caseId,
        title: `Срок по обращению ${no} продлён до ${to ? ruDate(to) : '—'}`,
        body: typeof e.data.reason === 'string' ? e.data.reason : e.summary,
      });
    }
  }
  if (tail?.id)
    await writeCursor(ctx, EVENT_CURSOR, { lastId: String(fresh.length === EVENT_BATCH ? fresh.at(-1)?.id : tail.id) });
  return fresh.length;
}

/** Cases waiting for a final answer whose deadline is near (less than the configured share left) or passed. */
export async function notifyDeadlines(ctx: Ctx): Promise<void> {
  const now = ctx.services.clock.now();
  const share = ctx.services.config.notifications.atRiskShare;
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['id', 'organisation_id', 'block_code', 'summary', 'final_answer_due_at'])
    .where('final_answer_at', 'is', null)
    .where('status', 'not in', ['closed', 'rejected'])
    .where('merged_into_id', 'is', null)
    .where('final_answer_due_at', '>', new Date(now.getTime() - OVERDUE_LOOKBACK_MS))
    .where(sql<boolean>`final_answer_due_at - ${now}::timestamptz < (final_answer_due_at - created_at) * ${share}`)
    .orderBy('final_answer_due_at')
    .limit(2000)
    .execute();
  for (const r of rows) {
    if (!r.final_answer_due_at) continue;
    const overdue = r.final_answer_due_at.getTime() <= now.getTime();
    await notify(ctx, {
      userIds: await caseUsers(ctx.db, r),
      kind: overdue ? 'overdue' : 'deadline_at_risk',
      subject: `case:${r.id}:due:${r.final_answer_due_at.toISOString()}`,
      caseId: r.id,
      title: overdue ? `Срок ответа по обращению № ${r.id} нарушен` : `Срок ответа по обращению № ${r.id} под угрозой`,
      body: `Срок — ${ruDate(r.final_answer_due_at)}. ${r.summary}`,
    });
  }
}

/** Today's spikes (analytics' detection, day window) to the block's centre staff and the municipality's organisations. */
export async function notifySpikes(ctx: Ctx): Promise<void> {
  const spikes = await detectSpikes(ctx, { window: 'day' });
  const ref = await ctx.services.reference.get(ctx.db);
  for (const s of spikes.items) {
    const muni = ref.municipalities.find((m) => m.code === s.municipality);
    const userIds = [...(await blockUsers(ctx.db, s.block)), ...(await municipalityUsers(ctx.db, muni?.id ?? null))];
    await notify(ctx, {
      // no case numbers: the municipality's organisations may not see each other's cases; «Всплески» lists them
      userIds,
      kind: 'spike',
      subject: `spike:${s.from}:${s.block}.${s.category}:${s.municipality}`,
      caseId: null,
      title: `Всплеск: ${s.categoryName ?? s.category ?? 'категория'} — ${s.municipalityName ?? s.municipality ?? 'муниципалитет'}`,
      body: `${countOf(s.count, NOUNS.case)} за день при обычных ${s.baseline.toFixed(1)} в день. Подробности — в разделе «Рейтинги и нагрузка» → «Всплески».`,
    });
  }
}
