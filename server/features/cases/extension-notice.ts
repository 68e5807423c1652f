import { toMoscowRuDate } from '../../../shared/deadlines/moscow-time';
import { maskPersonalText } from '../../../shared/personal-data/masking';
import type { Ctx } from '../../lib/context';

// The citizen is told of an extended term (59-ФЗ, ч. 2 ст. 12). The `extended` case event is the source: the
// notice job sends this text where a channel can carry it (e-mail, Telegram, VK), and the channels the citizen reads
// by looking — Open311 (a public update of the request) and the widget's status page — show it from the same events.

/** The notice's text: the new term and the reason given by the staff member who extended it. */
export function extensionNoticeText(caseId: string, dueAt: Date | null, reason: string | null): string {
  return (
    `Срок рассмотрения вашего обращения № ${caseId} продлён до ${dueAt ? toMoscowRuDate(dueAt) : '—'} ` +
    `(ч. 2 ст. 12 Федерального закона № 59-ФЗ).${reason ? ` Причина: ${reason}` : ''}`
  );
}

export interface ExtensionNotice {
  caseId: string;
  eventId: string;
  at: Date;
  text: string;
}

/**
 * The extension notices of the given cases, oldest first, as the public sees them: the reason with phones, e-mails
 * and the authors' names masked. `window` keeps only those made within it.
 */
export async function extensionNotices(
  ctx: Ctx,
  caseIds: readonly string[],
  window?: { start: Date; end: Date },
): Promise<ExtensionNotice[]> {
  if (!caseIds.length) return [];
  let events = ctx.db
    .selectFrom('case_events')
    .select(['id', 'case_id', 'at', 'data'])
    .where('case_id', 'in', [...caseIds])
    .where('type', '=', 'extended');
  if (window) events = events.where('at', '>=', window.start).where('at', '<=', window.end);
  const [rows, authors] = await Promise.all([
    events.orderBy('at').orderBy('id').execute(),
    ctx.db
      .selectFrom('messages')
      .select(['case_id', 'author_name'])
      .where('case_id', 'in', [...caseIds])
      .where('author_name', 'is not', null)
      .execute(),
  ]);
  return rows.map((e) => {
    const caseId = String(e.case_id);
    const names = authors.filter((m) => String(m.case_id) === caseId).map((m) => m.author_name);
    const to = typeof e.data.to === 'string' ? new Date(e.data.to) : null;
    const reason =
      typeof e.data.reason === 'string' && e.data.reason.trim() ? maskPersonalText(e.data.reason.trim(), names) : null;
    return { caseId, eventId: String(e.id), at: e.at, text: extensionNoticeText(caseId, to, reason) };
  });
}
