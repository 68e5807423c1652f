import { startSingletonPoller } from '../../lib/node-lease';
import { recordChannelRun } from '../channels/channel-health';
import { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../../config';
import { type Actor, type Ctx, rootContext, type Services } from '../../lib/context';
import { parseLetter, type ParsedLetter } from './parse-letter';
import { type StoreOutcome, storeLetter } from './store-letter';

// One pass over the mailbox with imapflow: every unseen letter is fetched (BODY.PEEK, so fetching does not mark it),
// parsed, stored, and only then marked \Seen or moved to the processed folder. A letter whose storing fails (the
// database is down, the transaction aborted) stays unseen and is taken again on the next pass; storing is
// idempotent, so a letter stored just before a lost connection is recognised and only marked then.

export const EMAIL_ACTOR: Actor = { kind: 'system', label: 'Электронная почта' };

export interface PollReport {
  unseen: number;
  stored: number;
  followUps: number;
  known: number;
  /** Bounces and auto-replies: marked as taken, left in the mailbox, not stored. */
  automatic: number;
  failed: number;
}

export type LetterStore = (ctx: Ctx, letter: ParsedLetter, receivedAt: Date) => Promise<StoreOutcome>;

export interface PollOptions {
  /** Replaces the storing step (tests use it to play a database outage). */
  store?: LetterStore;
  /** Most letters taken in one pass (the rest wait for the next). */
  limit?: number;
}

export function connectImap(settings: ImapSettings, services: Pick<Services, 'log'>): ImapFlow {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  // A socket error is also reported by the pending command; without a listener it would crash the process.
  client.on('error', (error: Error) => services.log.warn({ error: error.message }, 'IMAP: ошибка соединения'));
  return client;
}

export async function pollMailbox(
  services: Services,
  settings: ImapSettings,
  options: PollOptions = {},
): Promise<PollReport> {
  const report: PollReport = { unseen: 0, stored: 0, followUps: 0, known: 0, automatic: 0, failed: 0 };
  const client = connectImap(settings, services);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      if (settings.processedMailbox) await ensureMailbox(client, settings.processedMailbox);
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      report.unseen = uids.length;
      for (const uid of uids.slice(0, options.limit ?? 200)) {
        await takeLetter(client, services, settings, uid, options.store ?? storeLetter, report);
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return report;
}

async function takeLetter(
  client: ImapFlow,
  services: Services,
  settings: ImapSettings,
  uid: number,
  store: LetterStore,
  report: PollReport,
): Promise<void> {
  const fetched = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
  if (!fetched || !fetched.source) return;
  const letter = await parseLetter(fetched.source);
  if (letter.automatic) {
    report.automatic++;
    services.log.info(
      { uid, externalId: letter.externalId, reason: letter.automatic, subject: letter.subject },
      'IMAP: письмо-автоответ не стало обращением',
    );
    await markTaken(client, settings, uid);
    return;
  }
  let outcome: StoreOutcome;
  try {
    outcome = await store(
      rootContext(services, EMAIL_ACTOR),
      letter,
      arrivalTime(fetched.internalDate, services.clock.now()),
    );
  } catch (error) {
    report.failed++;
    services.log.warn(
      { uid, externalId: letter.externalId, error: error instanceof Error ? error.message : String(error) },
      'письмо не сохранено: остаётся непрочитанным и будет взято при следующем опросе',
    );
    return;
  }
  if (outcome.kind === 'new') report.stored++;
  else if (outcome.kind === 'follow_up') report.followUps++;
  else report.known++;
  if (letter.problems.length)
    services.log.warn(
      { uid, externalId: letter.externalId, problems: letter.problems },
      'письмо прочитано не полностью',
    );
  await markTaken(client, settings, uid);
}

async function markTaken(client: ImapFlow, settings: ImapSettings, uid: number): Promise<void> {
  if (settings.processedMailbox) await client.messageMove(String(uid), settings.processedMailbox, { uid: true });
  else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
}

/** When the letter reached the mailbox (INTERNALDATE), never later than now: deadlines count from it. */
function arrivalTime(internalDate: Date | string | undefined, now: Date): Date {
  const at = internalDate ? new Date(internalDate) : now;
  return Number.isNaN(at.getTime()) || at > now ? now : at;
}

async function ensureMailbox(client: ImapFlow, path: string): Promise<void> {
  const exists = (await client.list()).some((box) => box.path === path);
  if (!exists) await client.mailboxCreate(path);
}

/**
 * Polls every `pollSeconds` until stopped, on one app node at a time (a lease per mailbox); a failed pass (server
 * unreachable) is logged and retried on the next tick.
 */
export function startMailboxPolling(
  services: Services,
  settings: ImapSettings,
  options: PollOptions = {},
): () => Promise<void> {
  return startSingletonPoller(services.database.db, services.clock, {
    name: `imap:${settings.user}@${settings.host}/${settings.mailbox}`,
    intervalMs: settings.pollSeconds * 1000,
    async run() {
      const r = await pollMailbox(services, settings, options);
      if (r.stored || r.followUps || r.failed) services.log.info({ ...r }, 'IMAP: ящик опрошен');
      await recordChannelRun(services.database.db, 'email', services.clock.now());
    },
    onError: (error) => {
      services.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'IMAP: опрос не удался');
      recordChannelRun(services.database.db, 'email', services.clock.now(), error).catch(() => undefined);
    },
  });
}
