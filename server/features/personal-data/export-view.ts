import {
  isFullView,
  maskLabels,
  maskPersonalText,
  MASKED_VIEW,
  type PersonalDataView,
} from '../../../shared/personal-data/masking';
import type { Actor } from '../../lib/context';
import type { toInterchange } from '../import-export/export-rows';
import { viewOf } from './case-view';

// Masking applied to exported records: the same rule as the API (shared/personal-data/masking.ts).
type Record = ReturnType<typeof toInterchange>;

/** The view of an export: the actor's (a user's role), or masked on demand (`--masked`) for anyone. */
export function exportView(actor: Actor, masked: boolean | undefined): PersonalDataView {
  return masked ? MASKED_VIEW : viewOf(actor);
}

export function maskRecord(r: Record, view: PersonalDataView): Record {
  if (isFullView(view)) return r;
  const names = [r.author?.name];
  const mask = (t: string): string => maskPersonalText(t, names);
  return {
    ...r,
    text: mask(r.text),
    author: null,
    location: { ...r.location, address: null },
    labels: maskLabels(r.labels, names),
    attachments: Array.isArray(r.attachments)
      ? r.attachments.map((a) =>
          a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string'
            ? { ...a, name: mask((a as { name: string }).name) }
            : a,
        )
      : r.attachments,
    history: r.history.map((h) =>
      h.type === 'answer' && typeof h.body === 'string' ? { ...h, body: mask(h.body) } : h,
    ),
  };
}
