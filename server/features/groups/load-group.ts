import { groupContentSchema, type GroupContent } from '../../../shared/api/po-documents';
import type { Ctx } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { approvedContent, loadDocument, type DocumentRow } from '../projects/po-documents';

export interface GroupRow {
  doc: DocumentRow;
  content: GroupContent;
  approved: boolean;
}

/** A group is its composition document: the approved content when there is one, else the draft. */
export async function loadGroup(ctx: Ctx, id: number, forUpdate = false): Promise<GroupRow> {
  const doc = await loadDocument(ctx, id, forUpdate).catch(() => {
    throw notFound('Группа', 'f');
  });
  if (doc.type !== 'group') throw notFound('Группа', 'f');
  const approved = await approvedContent(ctx, doc);
  return { doc, content: groupContentSchema.parse(approved ?? doc.content), approved: approved !== null };
}

/** Meetings are held by a group whose composition the curator has approved. */
export async function loadApprovedGroup(ctx: Ctx, id: number): Promise<GroupRow> {
  const group = await loadGroup(ctx, id);
  if (!group.approved)
    throw new AppError('conflict', 'Состав группы ещё не утверждён куратором: заседания проводит утверждённая группа');
  return group;
}

export interface MeetingRow {
  id: number;
  group_document_id: number;
  held_on: string;
  agenda: string;
  place: string;
  attendance: unknown;
  protocol_document_id: number | null;
}

export async function loadMeeting(ctx: Ctx, id: number): Promise<MeetingRow> {
  const row = await ctx.db
    .selectFrom('group_meetings')
    .select(['id', 'group_document_id', 'agenda', 'place', 'attendance', 'protocol_document_id'])
    .select((eb) => eb.cast<string>('held_on', 'text').as('held_on'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Заседание', 'n');
  return row;
}
