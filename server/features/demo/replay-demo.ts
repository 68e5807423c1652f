// Plays generated demo messages and their planned histories through the real use cases, in one chronological
// timeline, each step with a clock set to its planned moment and the actor who would take it.
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { SYSTEM_ACTOR, type Actor, type Ctx, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { answerCase } from '../cases/answer-case';
import { changeStatus } from '../cases/change-status';
import { extendDeadline } from '../cases/extend-deadline';
import { rejectCase } from '../cases/reject-case';
import { rateCase } from '../cases/rate-case';
import { reviewAnswer } from '../cases/review-answer';
import { reassignCase } from '../cases/reassign-case';
import { reclassifyCase } from '../cases/reclassify-case';
import { receiveMessage } from '../intake/receive-message';
import { REGIONAL_FALLBACK, REGIONAL_ORGANISATIONS } from '../reference/default-organisations';
import { decideRoute } from '../reference/routing';
import { executorFor, type UserActor } from './demo-users';
import type { DemoMessage, PlannedStep } from './generate-demo';

export interface ReplayStats {
  messages: number;
  cases: number;
  joined: number;
  steps: number;
  skipped: number;
}

interface Entry {
  at: Date;
  index: number;
  step: PlannedStep | null;
}

interface Replay {
  readonly services: Services;
  /** The transaction of the current chunk of the timeline. */
  readonly db: Db;
  readonly messages: readonly DemoMessage[];
  readonly operator: UserActor;
  readonly executors: Map<number, UserActor>;
  readonly caseOf: (string | null)[];
  readonly joined: boolean[];
  readonly stats: ReplayStats;
}

function timeline(messages: readonly DemoMessage[], now: Date): Entry[] {
  const entries: Entry[] = [];
  messages.forEach((m, index) => {
    if (m.at <= now) entries.push({ at: m.at, index, step: null });
    for (const step of m.plan) if (step.at <= now) entries.push({ at: step.at, index, step });
  });
  // Stable sort: a message's intake comes before its steps at the same moment.
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function ctxAt(r: Replay, at: Date, actor: Actor): Ctx {
  return { db: r.db, actor, services: { ...r.services, clock: { now: () => at } }, inTransaction: true };
}

async function intake(r: Replay, entry: Entry, message: DemoMessage): Promise<void> {
  const outcome = await receiveMessage(ctxAt(r, entry.at, SYSTEM_ACTOR), message.input);
  r.caseOf[entry.index] = outcome.result.caseId;
  r.joined[entry.index] = outcome.result.duplicate;
  r.stats.messages += 1;
  if (outcome.result.duplicate) r.stats.joined += 1;
}

/** The executor of the case's organisation; the ЦУР operator answers a case no organisation holds yet. */
async function answerer(r: Replay, caseId: string): Promise<UserActor> {
  const row = await r.db.selectFrom('cases').select(['organisation_id']).where('id', '=', caseId).executeTakeFirst();
  if (!row?.organisation_id) return r.operator;
  return executorFor(ctxAt(r, new Date(0), SYSTEM_ACTOR), row.organisation_id, r.executors);
}

/**
 * The operator's look at a new case: one in triage, or one the classifier got wrong, gets the right block, category
 * and place (a training example for the classifier); a wrongly routed one is handed to the right organisation.
 */
async function triage(r: Replay, at: Date, caseId: string, m: DemoMessage): Promise<void> {
  if (m.offtopic) return; // the operator rejects it instead
  const row = await r.db
    .selectFrom('cases')
    .select(['status', 'block_code', 'category_code', 'organisation_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row || (row.status !== 'triage' && row.block_code === m.block && row.category_code === m.category)) return;
  const ctx = ctxAt(r, at, r.operator);
  await reclassifyCase(ctx, caseId, { block: m.block, category: m.category, municipality: m.municipality });
  if (row.status === 'triage') return;
  const ref = await r.services.reference.get(r.db);
  const municipalityId = ref.municipalityByCode.get(m.municipality)?.id ?? null;
  const decision = decideRoute(
    ref.routingRules,
    { block: m.block, category: m.category, municipalityId },
    ref.adminOfMunicipality,
  );
  if (decision && decision.organisationId !== row.organisation_id) {
    await reassignCase(ctx, caseId, {
      organisationId: decision.organisationId,
      reason: 'Классификация исправлена: вопрос в компетенции другой организации',
    });
  }
}

async function reassign(r: Replay, at: Date, caseId: string, m: DemoMessage, reason: string): Promise<void> {
  const key = REGIONAL_FALLBACK[m.block];
  const name = REGIONAL_ORGANISATIONS.find((o) => o.key === key)?.name;
  const ref = await r.services.reference.get(r.db);
  const target = name ? ref.organisationByName.get(name) : undefined;
  const current = await r.db
    .selectFrom('cases')
    .select(['organisation_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!target || current?.organisation_id === target.id) return;
  await reassignCase(ctxAt(r, at, r.operator), caseId, { organisationId: target.id, reason });
}

async function runStep(r: Replay, at: Date, caseId: string, m: DemoMessage, step: PlannedStep): Promise<void> {
  switch (step.kind) {
    case 'triage':
      return triage(r, at, caseId, m);
    case 'reassign':
      return reassign(r, at, caseId, m, step.reason);
    case 'reject':
      return rejectCase(ctxAt(r, at, r.operator), caseId, { reason: 'not_our_competence', comment: step.comment });
    case 'take':
      return changeStatus(ctxAt(r, at, await answerer(r, caseId)), caseId, { action: 'take' });
    case 'interim':
      return answerCase(ctxAt(r, at, await answerer(r, caseId)), caseId, { kind: 'interim', body: step.body });
    case 'final':
      return answerCase(ctxAt(r, at, await answerer(r, caseId)), caseId, { kind: 'final', body: step.body });
    case 'extend':
      return extendDeadline(ctxAt(r, at, await answerer(r, caseId)), caseId, { days: step.days, reason: step.reason });
    case 'review':
      return reviewAnswer(
        ctxAt(r, at, r.operator),
        caseId,
        step.decision === 'accept'
          ? { decision: 'accept' }
          : { decision: 'return', reason: step.reason, comment: step.comment },
      );
    case 'rate':
      return rateCase(ctxAt(r, at, SYSTEM_ACTOR), caseId, {
        score: step.score,
        ...(step.comment ? { comment: step.comment } : {}),
      });
    case 'close':
      return changeStatus(ctxAt(r, at, r.operator), caseId, { action: 'close' });
  }
}

async function play(r: Replay, entry: Entry): Promise<void> {
  const message = r.messages[entry.index];
  if (!message) return;
  if (!entry.step) return intake(r, entry, message);
  const caseId = r.caseOf[entry.index];
  if (!caseId || r.joined[entry.index]) return;
  // Not released on success (the chunk's commit releases them all): one statement less per step.
  await sql`savepoint demo_step`.execute(r.db);
  try {
    await runStep(r, entry.at, caseId, message, entry.step);
    r.stats.steps += 1;
  } catch (error) {
    // A plan may not fit what the system decided (a case joined elsewhere, a deadline no longer extendable): skip.
    if (!(error instanceof AppError)) throw error;
    await sql`rollback to savepoint demo_step`.execute(r.db);
    r.services.log.debug({ step: entry.step.kind, caseId, error: error.message }, 'demo step skipped');
    r.stats.skipped += 1;
  }
}

/** Entries per transaction: few commits, and few enough savepoints not to overflow PostgreSQL's subtransaction cache. */
export const REPLAY_CHUNK = 50;

/** Replays every message and every planned step up to `now`. */
export async function replayDemo(
  services: Services,
  messages: readonly DemoMessage[],
  now: Date,
  actors: ReadonlyMap<string, UserActor>,
  chunk = REPLAY_CHUNK,
): Promise<ReplayStats> {
  const operator = actors.get('operator');
  if (!operator) throw new Error('demo operator is missing');
  const executors = new Map<number, UserActor>();
  for (const a of actors.values())
    if (a.role === 'executor' && a.organisationId !== null) executors.set(a.organisationId, a);
  const base: Omit<Replay, 'db'> = {
    services,
    messages,
    operator,
    executors,
    caseOf: messages.map(() => null),
    joined: messages.map(() => false),
    stats: { messages: 0, cases: 0, joined: 0, steps: 0, skipped: 0 },
  };
  const entries = timeline(messages, now);
  for (let i = 0; i < entries.length; i += chunk) {
    await services.database.transaction(async (db) => {
      for (const entry of entries.slice(i, i + chunk)) await play({ ...base, db }, entry);
    });
  }
  base.stats.cases = new Set(base.caseOf.filter((c) => c !== null)).size;
  return base.stats;
}
