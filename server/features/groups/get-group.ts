import { sql } from 'kysely';
import {
  meetingInputSchema,
  type Decision,
  type DecisionStatus,
  type GroupDetail,
  type Meeting,
} from '../../../shared/api/groups';
import { groupContentSchema } from '../../../shared/api/po-documents';
import { ROLE_LABELS, type Role } from '../../../shared/auth/roles';
import { toMoscowIsoDate } from '../../../shared/deadlines/moscow-time';
import type { Ctx } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { loadDocument, presentDocument, type DocumentRow } from '../projects/po-documents';
import { actorUserId, canRunMeetings } from './group-access';
import { loadGroup } from './load-group';

const today = (ctx: Ctx): string => toMoscowIsoDate(ctx.services.clock.now());

export async function listGroups(ctx: Ctx): Promise<{
  items: {
    id: number;
    name: string;
    kind: 'working' | 'expert';
    blockCode: string;
    status: string;
    approved: boolean;
    meetings: number;
    openDecisions: number;
    overdueDecisions: number;
  }[];
}> {
  requirePermission(ctx.actor, 'projects.read');
  const docs = (await ctx.db
    .selectFrom('po_documents')
    .selectAll()
    .where('type', '=', 'group')
    .orderBy('id')
    .execute()) as DocumentRow[];
  const on = today(ctx);
  const counts = await ctx.db
    .selectFrom('group_meetings as m')
    .leftJoin('group_decisions as d', 'd.meeting_id', 'm.id')
    .select(['m.group_document_id as id'])
    .select(sql<string>`count(distinct m.id)`.as('meetings'))
    .select(sql<string>`count(d.id) filter (where d.status = 'open')`.as('open'))
    .select(sql<string>`count(d.id) filter (where d.status = 'open' and d.due_date < ${on}::date)`.as('overdue'))
    .groupBy('m.group_document_id')
    .execute();
  return {
    items: docs.map((d) => {
      const c = counts.find((x) => x.id === d.id);
      const content = groupContentSchema.safeParse(d.content);
      return {
        id: d.id,
        name: content.success ? content.data.name : d.title,
        kind: content.success ? content.data.kind : 'working',
        blockCode: d.block_code,
        status: d.status,
        approved: d.approved_version !== null,
        meetings: Number(c?.meetings ?? 0),
        openDecisions: Number(c?.open ?? 0),
        overdueDecisions: Number(c?.overdue ?? 0),
      };
    }),
  };
}

async function protocolNumber(ctx: Ctx, doc: DocumentRow): Promise<string | null> {
  if (doc.approved_version === null) return null;
  const row = await ctx.db
    .selectFrom('official_documents')
    .select('number')
    .where('kind', '=', 'group_protocol')
    .where('entity_id', '=', `${doc.id}/${doc.approved_version}`)
    .executeTakeFirst();
  return row?.number ?? null;
}

async function presentMeetings(ctx: Ctx, groupId: number, blockCode: string, on: string): Promise<Meeting[]> {
  const meetings = await ctx.db
    .selectFrom('group_meetings')
    .select(['id', 'agenda', 'place', 'attendance', 'created_by', 'protocol_document_id'])
    .select((eb) => eb.cast<string>('held_on', 'text').as('held_on'))
    .where('group_document_id', '=', groupId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const ids = meetings.map((m) => m.id);
  const decisions = ids.length
    ? await ctx.db
        .selectFrom('group_decisions')
        .select(['id', 'meeting_id', 'text', 'owner', 'owner_user_id', 'status', 'status_comment', 'closed_at'])
        .select((eb) => eb.cast<string>('due_date', 'text').as('due_date'))
        .where('meeting_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const runner = canRunMeetings(ctx.actor, blockCode);
  const me = actorUserId(ctx.actor);
  const out: Meeting[] = [];
  for (const m of meetings) {
    const protocolDoc = m.protocol_document_id === null ? null : await loadDocument(ctx, m.protocol_document_id);
    out.push({
      id: m.id,
      heldOn: m.held_on,
      agenda: m.agenda,
      place: m.place,
      createdBy: m.created_by,
      attendance: meetingInputSchema.shape.attendance.parse(m.attendance),
      decisions: decisions
        .filter((d) => d.meeting_id === m.id)
        .map((d): Decision => ({
          id: d.id,
          meetingId: d.meeting_id,
          text: d.text,
          owner: d.owner,
          ownerUserId: d.owner_user_id,
          dueDate: d.due_date,
          status: d.status as DecisionStatus,
          statusComment: d.status_comment,
          closedAt: d.closed_at?.toISOString() ?? null,
          overdue: d.status === 'open' && d.due_date < on,
          canChangeStatus: runner || (me !== null && d.owner_user_id === me),
        })),
      protocol: protocolDoc ? await presentDocument(ctx, protocolDoc) : null,
      protocolNumber: protocolDoc ? await protocolNumber(ctx, protocolDoc) : null,
    });
  }
  return out;
}

export async function getGroup(ctx: Ctx, id: number): Promise<GroupDetail> {
  requirePermission(ctx.actor, 'projects.read');
  const group = await loadGroup(ctx, id);
  const on = today(ctx);
  const centre = await ctx.db
    .selectFrom('centre_assignments')
    .select(['person', 'role', 'user_id'])
    .where(sql<boolean>`from_date <= ${on}::date and (to_date is null or to_date >= ${on}::date)`)
    .execute();
  const events = await ctx.db
    .selectFrom('group_events')
    .select(['action', 'detail', 'actor_label', 'at'])
    .where('group_document_id', '=', id)
    .orderBy('id', 'desc')
    .execute();
  return {
    id,
    name: group.content.name,
    kind: group.content.kind,
    purpose: group.content.purpose,
    blockCode: group.doc.block_code,
    composition: await presentDocument(ctx, group.doc),
    content: group.content,
    members: group.content.members.map((m) => {
      const inCentre = centre.find((c) => c.person.trim().toLowerCase() === m.name.trim().toLowerCase());
      return {
        ...m,
        centreRole: inCentre ? (ROLE_LABELS[inCentre.role as Role] ?? inCentre.role) : null,
        userId: inCentre?.user_id ?? null,
      };
    }),
    meetings: await presentMeetings(ctx, id, group.doc.block_code, on),
    history: events.map((e) => ({ action: e.action, detail: e.detail, actor: e.actor_label, at: e.at.toISOString() })),
    canRunMeetings: group.approved && canRunMeetings(ctx.actor, group.doc.block_code),
    today: on,
  };
}
