import type { CaseDetail, CaseListItem } from '../../../shared/api/cases';
import { parseMoscowTimestamp } from '../../../shared/api/messages';
import { isCaseStatus, type CaseStatus } from '../../../shared/cases/case-status';
import { deadlineState } from '../../../shared/deadlines/deadlines';
import { messageAttachments } from '../attachments/attachments.repository';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { eventLabel } from './case-events';
import type { CaseListRow, CaseRow, getCaseChildren } from './cases.repository';
import { allowedActionsFor, caseFacts, type CasePermissions } from './cases.policy';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
type CommonRow = Pick<
  CaseRow,
  | 'id'
  | 'status'
  | 'priority'
  | 'channel'
  | 'summary'
  | 'block_code'
  | 'category_code'
  | 'municipality_id'
  | 'organisation_id'
  | 'created_at'
  | 'first_response_due_at'
  | 'final_answer_due_at'
  | 'first_response_at'
  | 'final_answer_at'
  | 'classification'
  | 'closed_at'
  | 'citizen_replied_at'
>;

function statusOf(row: { status: string }): CaseStatus {
  return isCaseStatus(row.status) ? row.status : 'new';
}

export function presentListItem(
  row: CommonRow & { message_count?: string | number | null },
  ref: ReferenceSnapshot,
  now: Date,
): CaseListItem {
  const category = ref.categories.find((c) => c.blockCode === row.block_code && c.code === row.category_code);
  const stopped = row.final_answer_at ?? (row.status === 'rejected' ? row.closed_at : null);
  return {
    id: String(row.id),
    status: statusOf(row),
    priority: row.priority,
    channel: row.channel,
    summary: row.summary.length > 300 ? `${row.summary.slice(0, 300)}…` : row.summary,
    block: row.block_code,
    blockName: ref.blocks.find((b) => b.code === row.block_code)?.name ?? null,
    category: row.category_code,
    categoryName: category?.name ?? null,
    municipality:
      row.municipality_id !== null ? (ref.municipalityById.get(row.municipality_id)?.shortName ?? null) : null,
    organisationId: row.organisation_id,
    organisation: row.organisation_id !== null ? (ref.organisationById.get(row.organisation_id)?.name ?? null) : null,
    createdAt: row.created_at.toISOString(),
    firstResponseDueAt: iso(row.first_response_due_at),
    finalAnswerDueAt: iso(row.final_answer_due_at),
    firstResponseAt: iso(row.first_response_at),
    finalAnswerAt: iso(row.final_answer_at),
    deadlineState: row.final_answer_due_at
      ? deadlineState(now, row.created_at, row.final_answer_due_at, stopped)
      : null,
    confidence: row.classification?.confidence ?? null,
    messages: Number(row.message_count ?? 1),
    citizenRepliedAt: iso(row.citizen_replied_at),
  };
}

export function presentList(rows: CaseListRow[], ref: ReferenceSnapshot, now: Date): CaseListItem[] {
  return rows.map((r) => presentListItem(r, ref, now));
}

type Children = Awaited<ReturnType<typeof getCaseChildren>>;

export function presentDetail(
  row: CaseRow,
  children: Children,
  ref: ReferenceSnapshot,
  now: Date,
  permissions: CasePermissions,
): CaseDetail {
  return {
    ...presentListItem({ ...row, message_count: children.messages.length }, ref, now),
    summary: row.summary,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    classification: row.classification,
    flags: row.urgency?.flags ?? [],
    extensionsUsed: row.extensions_used,
    rejectionReason: row.rejection_reason,
    rating: row.rating,
    mergedIntoId: row.merged_into_id,
    messagesList: children.messages.map((m) => ({
      id: String(m.id),
      channel: m.channel,
      externalId: m.external_id,
      text: m.text,
      createdAt: m.created_at.toISOString(),
      author: m.author_name,
      contact: permissions.seeContacts ? m.author_contact : null,
      address: m.address,
      labels: m.labels,
      duplicate: m.is_duplicate,
      attachments: messageAttachments(m, children.attachments.byMessage.get(String(m.id)) ?? []),
    })),
    answers: children.answers.map((a) => ({
      id: String(a.id),
      kind: a.kind === 'final' ? 'final' : 'interim',
      body: a.body,
      author: a.author_label,
      createdAt: a.created_at.toISOString(),
      reviewStatus: a.review_status,
      reviewReason: a.review_reason,
      reviewComment: a.review_comment,
      attachments: children.attachments.byAnswer.get(String(a.id)) ?? [],
      publishedAt: iso(a.published_at),
    })),
    history: children.events
      .flatMap((e) =>
        e.type === 'imported_history'
          ? expandSourceHistory(e)
          : [
              {
                id: String(e.id),
                at: e.at.toISOString(),
                type: e.type,
                label: eventLabel(e.type),
                actor: e.actor_label,
                data: e.data,
              },
            ],
      )
      .sort((a, b) => a.at.localeCompare(b.at)),
    allowedActions: allowedActionsFor(
      caseFacts(row, {
        finalAnswerAwaitingReview: children.answers.some(
          (a) => a.kind === 'final' && a.published_at === null && a.review_status === 'pending',
        ),
        now,
      }),
      permissions,
    ),
    permissions: { ...permissions },
  };
}

const SOURCE_LABELS: Record<string, string> = {
  status: 'Статус в исходной системе',
  answer: 'Ответ (исходная система)',
  rating: 'Оценка (исходная система)',
  reassign: 'Переназначение (исходная система)',
  reopen: 'Повторное открытие (исходная система)',
};

/** One imported event holds the source system's whole history; the card shows it item by item. */
function expandSourceHistory(e: Children['events'][number]): CaseDetail['history'] {
  const items = Array.isArray(e.data.items) ? (e.data.items as { type: string; at: string }[]) : [];
  return items.map((item, i) => ({
    id: `${e.id}.${i}`,
    at: parseMoscowTimestamp(item.at).toISOString(),
    type: `source_${item.type}`,
    label: SOURCE_LABELS[item.type] ?? item.type,
    actor: e.actor_label,
    data: item,
  }));
}
