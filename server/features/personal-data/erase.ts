import { sql } from 'kysely';
import type { Erasure, ErasureInput } from '../../../shared/api/personal-data';
import { maskLabels, maskPersonalText, MASKS } from '../../../shared/personal-data/masking';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { redactCaseEvent } from '../documents/chain';
import { eraseMessageAttachments } from './erase-attachments';

// Erasure of a citizen's personal data (152-ФЗ, ст. 21): on request by case or by contact, and by the retention
// job. A message keeps its text with the phones, e-mails and the author's name masked (the case and its
// statistics stay), loses its author, contact, external author id and address; the case's summary, the answers,
// rating comments, training texts, history events quoting the citizen and sent-letter recipients of the touched
// cases are masked the same way; the
// messages' stored files are erased with their bytes (erase-attachments.ts).
// The erasure journal records who, why, which cases and how many values of each kind — never the values.

export type ErasureBasis = 'request' | 'retention';
type Counts = Record<string, number>;

/** Contact as compared: a phone by its last ten digits, anything else lower-cased without spaces. */
function contactKey(contact: string): string {
  const phone = contact.replace(/[\s()\-–—.]/g, '');
  if (/^\+?\d{10,11}$/.test(phone)) return phone.replace(/\D/g, '').slice(-10);
  return contact.toLowerCase().replace(/\s/g, '');
}

async function messageIdsByContact(ctx: Ctx, contact: string): Promise<string[]> {
  const key = contactKey(contact);
  // Narrowed in SQL (digits or lower-cased text contain the key), then every part compared exactly.
  const compact = (column: 'author_contact' | 'author_external_id') =>
    /^\d{10}$/.test(key)
      ? sql<string>`regexp_replace(coalesce(${sql.ref(column)}, ''), '[^0-9]', '', 'g')`
      : sql<string>`lower(coalesce(${sql.ref(column)}, ''))`;
  const pattern = `%${key.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await ctx.db
    .selectFrom('messages')
    .select(['id', 'author_contact', 'author_external_id'])
    .where('personal_data_erased_at', 'is', null)
    .where((eb) =>
      eb.or([eb(compact('author_contact'), 'like', pattern), eb(compact('author_external_id'), 'like', pattern)]),
    )
    .execute();
  // Contacts are free text («8 905 …, a@b.ru»): every part is compared by its key.
  const matches = (v: string | null): boolean =>
    (v ?? '').split(/[,;]/).some((part) => part.trim() && contactKey(part) === key);
  return rows.filter((r) => matches(r.author_contact) || matches(r.author_external_id)).map((r) => String(r.id));
}

/** Erases the personal data of the given messages in one transaction and journals it. */
export async function eraseMessages(
  ctx: Ctx,
  messageIds: readonly string[],
  basis: ErasureBasis,
  reason: string,
): Promise<Erasure> {
  return withTransaction(ctx, async (tx) => {
    const counts: Counts = {};
    const add = (k: string, n: number): void => {
      if (n) counts[k] = (counts[k] ?? 0) + n;
    };
    const now = tx.services.clock.now();
    const messages = messageIds.length
      ? await tx.db
          .selectFrom('messages')
          .selectAll()
          .where('id', 'in', [...messageIds])
          .forUpdate()
          .execute()
      : [];
    const namesByCase = new Map<string, string[]>();
    for (const m of messages) {
      const names = [m.author_name].filter((n): n is string => Boolean(n));
      namesByCase.set(String(m.case_id), [...(namesByCase.get(String(m.case_id)) ?? []), ...names]);
      const text = maskPersonalText(m.text, names);
      add('author_name', m.author_name ? 1 : 0);
      add('author_contact', m.author_contact ? 1 : 0);
      add('author_external_id', m.author_external_id ? 1 : 0);
      add('address', m.address ? 1 : 0);
      add('text', text !== m.text ? 1 : 0);
      const labels = maskLabels(m.labels, names);
      add('labels', JSON.stringify(labels) !== JSON.stringify(m.labels) ? 1 : 0);
      // Attachments keep their file and type; the original file name («паспорт Иванова.jpg») goes, and so does the
      // address of a link the citizen sent (a personal cloud folder, a profile's photo).
      const erasedAttachments = (key: 'name' | 'url', list: unknown) =>
        Array.isArray(list)
          ? list.map((a: unknown) =>
              a && typeof a === 'object' && key in a && (a as Record<string, unknown>)[key] ? { ...a, [key]: null } : a,
            )
          : list;
      const unnamed = erasedAttachments('name', m.attachments);
      const attachments = erasedAttachments('url', unnamed) as typeof m.attachments;
      add('attachment_name', JSON.stringify(unnamed) !== JSON.stringify(m.attachments) ? 1 : 0);
      add('attachment_url', JSON.stringify(attachments) !== JSON.stringify(unnamed) ? 1 : 0);
      await tx.db
        .updateTable('messages')
        .set({
          text,
          author_name: null,
          author_contact: null,
          author_external_id: null,
          address: null,
          labels: labels ? JSON.stringify(labels) : null,
          attachments: attachments ? JSON.stringify(attachments) : null,
          personal_data_erased_at: now,
        })
        .where('id', '=', m.id)
        .execute();
    }
    add(
      'attachment_file',
      await eraseMessageAttachments(
        tx,
        messages.map((m) => String(m.id)),
      ),
    );
    const caseIds = [...namesByCase.keys()];
    for (const caseId of caseIds) await maskCase(tx, caseId, namesByCase.get(caseId) ?? [], add);
    const actor = tx.actor;
    const row = await tx.db
      .insertInto('personal_data_erasures')
      .values({
        at: now,
        user_id: actor.kind === 'user' ? actor.userId : null,
        actor_label: actor.kind === 'user' ? `${actor.label} (${actor.login})` : actor.label,
        basis,
        reason,
        case_ids: JSON.stringify(caseIds),
        message_count: messages.length,
        fields: JSON.stringify(counts),
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return {
      id: String(row.id),
      at: now.toISOString(),
      actor: actor.label,
      basis,
      reason,
      caseIds,
      messageCount: messages.length,
      fields: counts,
    };
  });
}

/** History events that may quote the citizen: letters' subjects, the source system's history. */
const CITIZEN_TEXT_EVENTS = ['follow_up', 'imported_history'] as const;

/** The case-level copies: summary, answers, rating comments, training texts, history quotes, letter recipients. */
async function maskCase(tx: Ctx, caseId: string, names: string[], add: (k: string, n: number) => void): Promise<void> {
  const c = await tx.db
    .selectFrom('cases')
    .select(['summary', 'address'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const summary = maskPersonalText(c.summary, names);
  add('case_summary', summary !== c.summary ? 1 : 0);
  add('case_address', c.address ? 1 : 0);
  await tx.db.updateTable('cases').set({ summary, address: null }).where('id', '=', caseId).execute();
  for (const a of await tx.db.selectFrom('answers').select(['id', 'body']).where('case_id', '=', caseId).execute()) {
    const body = maskPersonalText(a.body, names);
    if (body !== a.body) {
      add('answer_text', 1);
      await tx.db.updateTable('answers').set({ body }).where('id', '=', a.id).execute();
    }
  }
  for (const r of await tx.db
    .selectFrom('ratings')
    .select(['id', 'comment'])
    .where('case_id', '=', caseId)
    .where('comment', 'is not', null)
    .execute()) {
    const comment = maskPersonalText(r.comment ?? '', names);
    if (comment !== r.comment) {
      add('rating_comment', 1);
      await tx.db.updateTable('ratings').set({ comment }).where('id', '=', r.id).execute();
    }
  }
  for (const t of await tx.db
    .selectFrom('training_examples')
    .select(['id', 'text'])
    .where('case_id', '=', caseId)
    .execute()) {
    const text = maskPersonalText(t.text, names);
    if (text !== t.text) {
      add('training_text', 1);
      await tx.db.updateTable('training_examples').set({ text }).where('id', '=', t.id).execute();
    }
  }
  for (const e of await tx.db
    .selectFrom('case_events')
    .select(['id', 'data'])
    .where('case_id', '=', caseId)
    .where('type', 'in', [...CITIZEN_TEXT_EVENTS])
    .execute()) {
    const data = maskLabels(e.data, names) ?? {};
    // The history is chained: the one permitted rewrite, recorded as a chained redaction (documents/chain.ts).
    if (JSON.stringify(data) !== JSON.stringify(e.data)) {
      add('history_text', 1);
      await redactCaseEvent(tx, String(e.id), data, 'уничтожение персональных данных');
    }
  }
  const letters = await tx.db
    .updateTable('email_outgoing')
    .set({ recipient: MASKS.email })
    .where('case_id', '=', caseId)
    .where('recipient', '!=', MASKS.email)
    .returning('message_id')
    .execute();
  add('letter_recipient', letters.length);
}

/** Erasure on a citizen's request: every message of a case, or every message from a contact. */
export async function erasePersonalData(ctx: Ctx, input: ErasureInput): Promise<Erasure> {
  let ids: string[];
  if (input.caseId) {
    const exists = await ctx.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst();
    if (!exists) throw new AppError('not_found', 'Обращение не найдено');
    // A merged case's messages were moved to the case it joined; the case id the citizen names is enough.
    ids = (await ctx.db.selectFrom('messages').select('id').where('case_id', '=', input.caseId).execute()).map((r) =>
      String(r.id),
    );
  } else {
    ids = await messageIdsByContact(ctx, input.contact ?? '');
    if (!ids.length)
      throw new AppError('not_found', 'Сообщений с таким контактом не найдено (или их данные уже удалены)');
  }
  return eraseMessages(ctx, ids, 'request', input.reason);
}

/** The erasure journal, newest first. */
export async function listErasures(
  ctx: Ctx,
  page: number,
  pageSize: number,
): Promise<{ items: Erasure[]; total: number; page: number; pageSize: number }> {
  const [rows, count] = await Promise.all([
    ctx.db
      .selectFrom('personal_data_erasures')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    ctx.db
      .selectFrom('personal_data_erasures')
      .select(sql<string>`count(*)`.as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actor: r.actor_label,
      basis: r.basis === 'retention' ? 'retention' : 'request',
      reason: r.reason,
      caseIds: r.case_ids.map(String),
      messageCount: r.message_count,
      fields: r.fields,
    })),
    total: Number(count.total),
    page,
    pageSize,
  };
}

/** The command line's account of an erasure (counts only). */
export function describeErasure(e: Erasure): string[] {
  const fields = Object.entries(e.fields)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  return [
    `Персональные данные уничтожены: сообщений ${e.messageCount}, обращения ${e.caseIds.join(', ') || '—'}; запись журнала № ${e.id}.`,
    `Уничтожено значений: ${fields || 'нет'}`,
  ];
}
