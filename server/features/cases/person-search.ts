// Finding a case by its author: an e-mail, a phone number (any writing: +7 (905) 123-45-67, 89051234567) or a
// name («Иванова Мария»). Only for roles that see citizens' personal data (shared/personal-data/masking.ts); the
// search itself is written in the access journal with the query (GET /api/cases records `case_search`).
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';

const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,150}$/u;
const PHONE = /^\+?[\d\s().-]{6,30}$/u;
const NAME = /^[\p{L}][\p{L}\s.'’-]{2,99}$/u;

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Cases with a message whose author matches the query, or null when the query is neither an e-mail, a phone nor a name. */
export function authorMatch(eb: ExpressionBuilder<DB, 'cases'>, q: string): Expression<SqlBool> | null {
  const byMessage = eb.selectFrom('messages').select('messages.case_id');
  if (EMAIL.test(q)) {
    return eb(
      'cases.id',
      'in',
      byMessage
        .where('messages.author_contact', 'like', '%@%')
        .where(sql`lower(messages.author_contact)`, '=', q.toLowerCase()),
    );
  }
  const digits = q.replace(/\D/g, '');
  if (PHONE.test(q) && digits.length >= 6) {
    // the last ten digits identify a Russian number whatever its prefix (+7, 8 or none); a shorter city number
    // matches the end of the contact
    const contactDigits = sql<string>`right(regexp_replace(messages.author_contact, '[^0-9]', '', 'g'), 10)`;
    const match =
      digits.length >= 10
        ? byMessage.where('messages.author_contact', 'is not', null).where(contactDigits, '=', digits.slice(-10))
        : byMessage.where('messages.author_contact', 'is not', null).where(contactDigits, 'like', `%${digits}`);
    return eb('cases.id', 'in', match);
  }
  const words = q.trim().split(/\s+/u);
  if (NAME.test(q.trim()) && words.length <= 4 && words.every((w) => w.length >= 2)) {
    let match = byMessage;
    for (const word of words) match = match.where('messages.author_name', 'ilike', `%${likeEscape(word)}%`);
    return eb('cases.id', 'in', match);
  }
  return null;
}
