import { meetingInputSchema } from '../../../shared/api/groups';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { createDocument, editDocument, loadDocument, stepDocument, type StepAction } from '../projects/po-documents';
import { recordGroupEvent, requireRunner } from './group-access';
import { loadGroup, loadMeeting } from './load-group';

// A meeting's protocol is a project-office document of type 'protocol' (shared/projects/approval-chains.ts): drafted
// from the meeting as recorded — date, place, agenda, attendance, decisions — and approved by the head of the centre;
// approval registers it as an official document (number, PDF, DOCX, hash chain). Drafting again after a change to
// the meeting replaces the draft (or starts a new edition of an approved protocol).
const ru = (iso: string): string => iso.split('-').reverse().join('.');

async function protocolContent(
  ctx: Ctx,
  meetingId: number,
): Promise<{ title: string; blockCode: string; groupId: number; content: Record<string, unknown> }> {
  const meeting = await loadMeeting(ctx, meetingId);
  const group = await loadGroup(ctx, meeting.group_document_id);
  const decisions = await ctx.db
    .selectFrom('group_decisions')
    .select(['text', 'owner', 'status'])
    .select((eb) => eb.cast<string>('due_date', 'text').as('due_date'))
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
  const attendance = meetingInputSchema.shape.attendance.parse(meeting.attendance);
  return {
    title: `Протокол заседания: ${group.content.name}, ${ru(meeting.held_on)}`,
    blockCode: group.doc.block_code,
    groupId: group.doc.id,
    content: {
      group: group.content.name,
      kind: group.content.kind,
      date: meeting.held_on,
      place: meeting.place,
      agenda: meeting.agenda,
      attendance: attendance.map((a) => ({ name: a.name, present: a.present })),
      decisions: decisions.map((d) => ({ text: d.text, owner: d.owner, dueDate: d.due_date })),
    },
  };
}

export async function draftProtocol(ctx: Ctx, meetingId: number, comment: string): Promise<number> {
  requirePermission(ctx.actor, 'projects.read');
  return withTransaction(ctx, async (tx) => {
    const meeting = await loadMeeting(tx, meetingId);
    const { title, blockCode, groupId, content } = await protocolContent(tx, meetingId);
    requireRunner(tx.actor, blockCode);
    if (meeting.protocol_document_id === null) {
      const id = await createDocument(tx, { type: 'protocol', projectId: null, blockCode, title, content });
      await tx.db.updateTable('group_meetings').set({ protocol_document_id: id }).where('id', '=', meetingId).execute();
      await recordGroupEvent(tx, groupId, 'protocol', `Подготовлен проект протокола заседания ${ru(meeting.held_on)}`, {
        meetingId,
      });
      return id;
    }
    const doc = await loadDocument(tx, meeting.protocol_document_id, true);
    await editDocument(tx, doc, title, content, comment);
    await recordGroupEvent(
      tx,
      groupId,
      'protocol',
      `Протокол заседания ${ru(meeting.held_on)} подготовлен заново${comment ? `: ${comment}` : ''}`,
      { meetingId },
    );
    return doc.id;
  });
}

/** Moves a protocol through its chain (submit, approve, return); returns the group's id. */
export async function stepProtocol(ctx: Ctx, protocolId: number, action: StepAction, comment: string): Promise<number> {
  requirePermission(ctx.actor, 'projects.read');
  return withTransaction(ctx, async (tx) => {
    const doc = await loadDocument(tx, protocolId, true).catch(() => {
      throw notFound('Протокол');
    });
    if (doc.type !== 'protocol') throw notFound('Протокол');
    const meeting = await tx.db
      .selectFrom('group_meetings')
      .select(['id', 'group_document_id'])
      .where('protocol_document_id', '=', protocolId)
      .executeTakeFirst();
    if (!meeting) throw new AppError('conflict', 'Протокол не связан с заседанием');
    await stepDocument(tx, doc, action, comment);
    const labels: Record<StepAction, string> = {
      submit: 'направлен на утверждение',
      agree: 'согласован',
      approve: 'утверждён',
      return: 'возвращён на доработку',
    };
    await recordGroupEvent(
      tx,
      meeting.group_document_id,
      `protocol_${action}`,
      `Протокол «${doc.title}» ${labels[action]}${comment ? `: ${comment}` : ''}`,
      { meetingId: meeting.id },
    );
    return meeting.group_document_id;
  });
}
