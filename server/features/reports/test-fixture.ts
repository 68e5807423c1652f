import type { Db } from '../../db/database';
import type { Services } from '../../lib/context';
import { newSecret, sha256 } from '../auth/passwords';

// A small hand-made month of cases for the KPI and report tests: every timestamp is given, so the expected
// shares and medians can be worked out on paper.
export interface FixtureCase {
  org: string;
  createdAt: string;
  channel?: string;
  block?: string;
  category?: string;
  firstResponseAt?: string;
  finalAnswerAt?: string;
  finalDueAt?: string;
  rating?: { score: number; at: string };
  review?: { status: 'accepted' | 'returned'; at: string };
  status?: string;
}

export async function insertFixture(db: Db, cases: FixtureCase[]): Promise<string[]> {
  const ids: string[] = [];
  let n = 0;
  for (const c of cases) {
    n++;
    const org =
      (await db.selectFrom('organisations').select('id').where('name', '=', c.org).executeTakeFirst()) ??
      (await db
        .insertInto('organisations')
        .values({ name: c.org, kind: 'other' })
        .returning('id')
        .executeTakeFirstOrThrow());
    const row = await db
      .insertInto('cases')
      .values({
        status: c.status ?? (c.finalAnswerAt ? 'answered' : 'assigned'),
        channel: c.channel ?? 'portal',
        organisation_id: org.id,
        block_code: c.block ?? 'zhkh',
        category_code: c.category ?? 'heating',
        created_at: c.createdAt,
        first_response_at: c.firstResponseAt ?? c.finalAnswerAt ?? null,
        final_answer_at: c.finalAnswerAt ?? null,
        final_answer_due_at: c.finalDueAt ?? null,
        summary: `Фикстура ${n}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    await db
      .insertInto('messages')
      .values({
        channel: c.channel ?? 'portal',
        external_id: `fx-${row.id}`,
        case_id: row.id,
        text: `Фикстура ${n}`,
        created_at: c.createdAt,
      })
      .execute();
    if (c.finalAnswerAt) {
      await db
        .insertInto('answers')
        .values({
          case_id: row.id,
          kind: 'final',
          body: 'Ответ',
          created_at: c.finalAnswerAt,
          organisation_id: org.id,
          ...(c.review ? { review_status: c.review.status, reviewed_at: c.review.at } : {}),
        })
        .execute();
    }
    if (c.rating)
      await db
        .insertInto('ratings')
        .values({ case_id: row.id, score: c.rating.score, created_at: c.rating.at })
        .execute();
  }
  return ids;
}

/** A session cookie for a user made with makeUser (sessions are stored as hashes). */
export async function sessionCookie(services: Services, userId: number): Promise<string> {
  const secret = newSecret('ses');
  await services.database.db
    .insertInto('sessions')
    .values({ id: sha256(secret), user_id: userId, expires_at: new Date(services.clock.now().getTime() + 3_600_000) })
    .execute();
  return `otklik_session=${secret}`;
}
