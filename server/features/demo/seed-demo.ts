// `serve --demo`: fills an empty database with a few months of realistic, fully invented work of the centre
// (messages from every channel, routing, answers, reviews, ratings) and makes sure the demo sign-ins exist.
import { sql } from 'kysely';
import { rootContext, SYSTEM_ACTOR, type Services } from '../../lib/context';
import { demoLoginLines, ensureDemoUsers } from './demo-users';
import { generateDemo } from './generate-demo';
import { plural } from './demo-text';
import { replayDemo, type ReplayStats } from './replay-demo';

export const DEFAULT_DEMO_COUNT = 600;

export interface SeedDemoOptions {
  count?: number;
  now?: Date;
  seed?: number;
}

/**
 * Ensures the demo users; when the database has no cases yet, also generates and replays the demo messages.
 * Returns the lines to print at start-up (a heading and one line per demo sign-in).
 */
export async function seedDemo(services: Services, options: SeedDemoOptions = {}): Promise<string[]> {
  const ctx = rootContext(services, SYSTEM_ACTOR);
  const actors = await ensureDemoUsers(ctx);
  const existing = await services.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) === 0) {
    const started = performance.now();
    const now = options.now ?? services.clock.now();
    const messages = generateDemo({
      count: options.count ?? DEFAULT_DEMO_COUNT,
      now,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    const stats = await replayDemo(services, messages, now, actors);
    await tidyUp(services);
    services.log.info({ ...stats, ms: Math.round(performance.now() - started) }, 'demo data seeded');
    return [...demoLoginLines(), summaryLine(stats)];
  }
  return demoLoginLines();
}

function summaryLine(stats: ReplayStats): string {
  const messages = plural(stats.messages, 'сообщение', 'сообщения', 'сообщений');
  const cases = plural(stats.cases, 'обращение', 'обращения', 'обращений');
  return `Демо-данные: ${messages} граждан, ${cases} за последние четыре месяца.`;
}

/**
 * Bookkeeping the replay cannot do through the use cases: `updated_at` follows the last event of the case (the use
 * cases stamp the database time), and the answers were "delivered" at the time they were given — the demo must not
 * send hundreds of old answers to the channels when the server starts.
 */
async function tidyUp(services: Services): Promise<void> {
  await services.database.transaction(async (trx) => {
    await sql`update cases c set updated_at = coalesce((select max(e.at) from case_events e where e.case_id = c.id), c.created_at)`.execute(
      trx,
    );
    await trx
      .updateTable('outbox')
      .set({ status: 'done', done_at: sql`created_at`, last_error: null })
      .where('kind', '=', 'channel.deliver_answer')
      .where('status', '=', 'pending')
      .execute();
  });
}
