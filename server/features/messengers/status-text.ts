import type { Ctx } from '../../lib/context';
import { citizenStatus } from './citizen-texts';

export const NO_CASES = 'У вас пока нет обращений. Опишите проблему одним сообщением — мы зарегистрируем обращение.';

/** The chat's last cases with their status in plain words (for /status in any messenger). */
export async function statusText(ctx: Ctx, channel: string, chatId: string): Promise<string> {
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['id', 'status', 'summary', 'created_at'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('messages')
        .select('case_id')
        .where('channel', '=', channel)
        .where('author_external_id', '=', chatId),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  if (rows.length === 0) return NO_CASES;
  const date = new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const lines = rows.map((r) => {
    const summary = r.summary.length > 80 ? `${r.summary.slice(0, 80)}…` : r.summary;
    return `№ ${r.id} от ${date.format(r.created_at)} — ${citizenStatus(r.status)}\n«${summary}»`;
  });
  return `Ваши обращения${rows.length === 10 ? ' (последние 10)' : ''}:\n\n${lines.join('\n\n')}`.slice(0, 4096);
}
