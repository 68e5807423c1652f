// The last success and failure of a channel adapter's background work (mailbox polling, the monitoring search), for
// the administration's «Каналы» screen. One row per adapter, overwritten by each run; a failure keeps its text.
import type { Db } from '../../db/database';

export async function recordChannelRun(db: Db, adapter: string, at: Date, error?: unknown): Promise<void> {
  const update =
    error === undefined
      ? { last_success_at: at }
      : { last_error_at: at, last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  await db
    .insertInto('channel_health')
    .values({ adapter, ...update })
    .onConflict((oc) => oc.column('adapter').doUpdateSet(update))
    .execute();
}
