import type { CaseDetail, CaseListItem } from '../../../shared/api/cases';
import {
  applyView,
  FULL_VIEW,
  isFullView,
  maskPersonalText,
  personalDataView,
  type PersonalDataView,
} from '../../../shared/personal-data/masking';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/context';

// Masking by role applied to the case DTOs as they leave the API (the rule itself: shared/personal-data/masking.ts).

/** Users see what their role allows; integrations and the system (exports from the command line) see everything. */
export function viewOf(actor: Actor): PersonalDataView {
  return actor.kind === 'user' ? personalDataView(actor.role) : FULL_VIEW;
}

/** The case card as the view allows: citizen fields of every message, names and contacts in every text. */
export function maskCaseDetail(detail: CaseDetail, view: PersonalDataView): CaseDetail {
  if (isFullView(view)) return detail;
  const names = detail.messagesList.map((m) => m.author);
  const mask = (text: string): string => maskPersonalText(text, names);
  return {
    ...detail,
    summary: mask(detail.summary),
    address: view.address ? detail.address : null,
    messagesList: detail.messagesList.map((m) => ({ ...applyView(m, view), text: mask(m.text) })),
    answers: detail.answers.map((a) => ({
      ...a,
      body: mask(a.body),
      reviewComment: a.reviewComment === null ? null : mask(a.reviewComment),
    })),
    ...(detail.deliveries
      ? {
          deliveries: detail.deliveries.map((d) => ({
            ...d,
            lastError: d.lastError === null ? null : mask(d.lastError),
          })),
        }
      : {}),
  };
}

/** List summaries as the view allows: contacts and the authors' names of the listed cases masked. */
export async function maskCaseList(db: Db, items: CaseListItem[], view: PersonalDataView): Promise<CaseListItem[]> {
  if (isFullView(view) || !items.length) return items;
  const authors = await db
    .selectFrom('messages')
    .select(['case_id', 'author_name'])
    .where(
      'case_id',
      'in',
      items.map((i) => i.id),
    )
    .where('author_name', 'is not', null)
    .execute();
  const names = new Map<string, string[]>();
  for (const a of authors) names.set(String(a.case_id), [...(names.get(String(a.case_id)) ?? []), a.author_name ?? '']);
  return items.map((i) => ({ ...i, summary: maskPersonalText(i.summary, names.get(i.id) ?? []) }));
}
