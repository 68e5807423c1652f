import { type IntakeMessage, type IntakeResult, parseMoscowTimestamp } from '../../../shared/api/messages';
import { computeDeadlines } from '../../../shared/deadlines/deadlines';
import { resolvePolicy } from '../../../shared/deadlines/deadline-policy';
import { type Insertable, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { retryTransient } from '../../db/transient';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { insertAttachmentRows, prepareAttachments } from '../attachments/message-attachments';
import { appendEvents, eventRows, type NewEvent } from '../cases/case-events';
import { decideRoute } from '../reference/routing';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import type { Analysis } from '../understanding/message-analyzer';
import { analyzeForIntake } from '../understanding/analysis-threads';
import { applyUrgencyEffects } from '../urgency/effects';
import { checkChosenCategory, decideCategory } from './citizen-category';
import { findDuplicateCase } from './find-duplicate';
import { groupCommitOf } from './group-commit';
import { type IntakeCaseFields, intakeResultOf, presentIntake } from './intake.presenter';
import { placeEventData, placeFlags, placeOfMessage } from './place-flags';
import type { PlaceDecision } from './resolve-municipality';

/** Clocks of channels drift; a message dated more than a day ahead is a client's error, not a message from the future. */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

export interface ReceiveOutcome {
  created: boolean;
  result: IntakeResult;
}

/**
 * The one intake path for every channel: store the message, understand it, join it to an open case about the same
 * problem or open a new case, route it and set both deadline clocks. Idempotent on (channel, externalId).
 */
export interface ReceiveOptions {
  /** 'strict' (the API): a file over the limits or of a refused type refuses the message; channels keep the message. */
  attachments?: 'strict' | 'lenient';
  /**
   * Write a new case together with the concurrent intakes (group-commit.ts): one statement per batch instead of one
   * per message. Only outside a transaction and for messages without files; the answer is the same.
   */
  groupCommit?: boolean;
}

export async function receiveMessage(
  ctx: Ctx,
  input: IntakeMessage,
  options: ReceiveOptions = {},
): Promise<ReceiveOutcome> {
  // Repeats are rare: a message without files is not looked up first, the unique key of its row refuses a repeat
  // (the statement writes nothing) and the stored one answers. Files are looked up first, so that their bytes are
  // not read again.
  if (input.attachments?.length) {
    const existing = await presentExisting(ctx, input.channel, input.externalId);
    if (existing) return { created: false, result: existing };
  }
  try {
    return await receiveNew(ctx, input, options);
  } catch (error) {
    // A repeat is answered with the stored message whatever its write ran into: the unique key (the usual case),
    // fields that no longer pass (a 400), or values the database refuses before it reaches the key. Only when
    // nothing is stored does the error stand (a lookup that fails too, as in an aborted transaction, changes nothing).
    const existing = await presentExisting(ctx, input.channel, input.externalId).catch((lookup: unknown) => {
      if (lookup instanceof AppError) throw lookup;
      return null;
    });
    if (!existing) throw error;
    return { created: false, result: existing };
  }
}

async function receiveNew(ctx: Ctx, input: IntakeMessage, options: ReceiveOptions): Promise<ReceiveOutcome> {
  const now = ctx.services.clock.now();
  const createdAt = input.createdAt ? parseMoscowTimestamp(input.createdAt) : now;
  if (createdAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('validation_failed', 'Дата сообщения в будущем: проверьте createdAt', {
      createdAt: input.createdAt,
    });
  }
  const analysis = await analyzeForIntake(ctx.services, input.text, createdAt);
  const ref = await ctx.services.reference.get(ctx.db);
  const chosen = checkChosenCategory(ref, input.citizenCategory);
  // The duplicate search compares the category the case will carry: the citizen's choice, when there is one (a
  // case opened from a choice carries it as certain, so the classifier's other guess would veto every repeat).
  const probeAnalysis = chosen
    ? { ...analysis, block: chosen.block, category: chosen.category, confidence: 1 }
    : analysis;
  const place = placeOfMessage(ctx, ref, input, analysis);
  const municipality = place.municipality;
  // Files are checked and their bytes written before the transaction (content-addressed, so a rollback leaves
  // nothing that matters); the rows are written with the message.
  const files = await prepareAttachments(
    ctx.services,
    input.attachments,
    input.channel,
    options.attachments ?? 'lenient',
  );
  const stored: IntakeMessage = { ...input, attachments: files.metadata };
  const withFiles = files.files.length > 0 || files.pending.length > 0;
  const grouped = options.groupCommit === true && !withFiles && !ctx.inTransaction;
  // One statement writes the case, its history and the message (atomic without a transaction of its own; the
  // duplicate search before it reads committed cases as a READ COMMITTED transaction would). Files add rows that
  // need the message's id: then both statements share a transaction.
  const write = async (tx: Ctx): Promise<ReceiveOutcome> => {
    const duplicateOf = await findDuplicateCase(tx, {
      text: input.text,
      createdAt,
      municipality,
      analysis: probeAnalysis,
      address: input.location?.address ?? null,
      point: pointOf(input.location),
    });
    const flags = [...analysis.flags, ...placeFlags(ref, place, input.location)];
    if (duplicateOf) {
      const messageId = await joinMessage(tx, stored, duplicateOf, createdAt);
      await insertAttachmentRows(tx, { messageId }, files);
      return {
        created: true,
        result: await presentIntake(tx, ref, messageId, duplicateOf, true, { ...analysis, flags }),
      };
    }
    const draft = draftCase(tx, ref, input, analysis, place, createdAt);
    const message = messageRow(tx, stored, createdAt, false);
    const ids = grouped ? await writeGrouped(tx, draft, stored, message) : await writeNewCase(tx, draft, message);
    if (!ids) return repeatOf(tx, input);
    await insertAttachmentRows(tx, { messageId: ids.messageId }, files);
    return {
      created: true,
      result: intakeResultOf(ref, ids.messageId, { ...draft.fields, id: ids.caseId }, false, { ...analysis, flags }),
    };
  };
  const run = () => (withFiles ? withTransaction(ctx, write) : write(ctx));
  // a deadlock or a serialization failure ends the whole unit of work: run it again (within an enclosing
  // transaction the caller's transaction is aborted, so only the caller can)
  return ctx.inTransaction ? await run() : await retryTransient(run);
}

/** The new case written with the concurrent intakes: its ids, or null when the message's key is already stored. */
function writeGrouped(
  ctx: Ctx,
  draft: CaseDraft,
  stored: IntakeMessage,
  message: Omit<Insertable<DB['messages']>, 'case_id'>,
): Promise<{ caseId: string; messageId: string } | null> {
  const events = eventRows(
    ctx,
    draft.events.map((e) => ({ ...e, caseId: '' })),
  ).map(({ case_id: _, ...row }, k) => ({ ...row, data: draft.events[k]!.data ?? {} }));
  return groupCommitOf(ctx.db).write({
    // jsonb columns as objects (the batch is one JSON document), the rest as Kysely would write them.
    case: { ...draft.values, classification: draft.fields.classification, urgency: draft.fields.urgency },
    events,
    message: {
      ...message,
      channel: stored.channel,
      external_id: stored.externalId,
      labels: stored.labels ?? null,
      attachments: stored.attachments ?? null,
    },
  });
}

/** A message whose key was stored meanwhile (or earlier in the same batch): the stored one answers. */
async function repeatOf(ctx: Ctx, input: IntakeMessage): Promise<ReceiveOutcome> {
  const existing = await presentExisting(ctx, input.channel, input.externalId);
  if (!existing) throw new Error(`intake: message ${input.channel}/${input.externalId} neither written nor stored`);
  return { created: false, result: existing };
}

/**
 * The stored message with this key, as intake answers it; null when none. Found through its key (message_keys) and
 * then in its own month; a key whose month was sent to the archive (features/partitions) is a clear conflict.
 */
async function presentExisting(ctx: Ctx, channel: string, externalId: string): Promise<IntakeResult | null> {
  const key = await ctx.db
    .selectFrom('message_keys')
    // as text: microseconds survive (a Date keeps milliseconds), so the month's partition is found by equality
    .select(['message_id', sql<string>`created_at::text`.as('created_at')])
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (!key) return null;
  const row = await ctx.db
    .selectFrom('messages')
    .select(['id', 'case_id', 'is_duplicate'])
    .where('id', '=', key.message_id)
    .where('created_at', '=', sql<Date>`${key.created_at}::timestamptz`)
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'conflict',
      `Сообщение ${channel}/${externalId} уже получено (№ ${key.message_id}), но месяц его получения отправлен в архив`,
    );
  const ref = await ctx.services.reference.get(ctx.db);
  return presentIntake(ctx, ref, row.id, row.case_id, row.is_duplicate, null);
}

export async function openCase(
  ctx: Ctx,
  ref: ReferenceSnapshot,
  input: IntakeMessage,
  analysis: Analysis,
  place: PlaceDecision,
  createdAt: Date,
): Promise<string> {
  const draft = draftCase(ctx, ref, input, analysis, place, createdAt);
  const row = await ctx.db.insertInto('cases').values(draft.values).returning('id').executeTakeFirstOrThrow();
  await appendEvents(
    ctx,
    draft.events.map((e) => ({ ...e, caseId: row.id })),
  );
  return row.id;
}

/** A new case as intake decides it: the row, its first events (without the case's id) and what the answer shows. */
interface CaseDraft {
  values: Insertable<DB['cases']>;
  events: Omit<NewEvent, 'caseId'>[];
  fields: Omit<IntakeCaseFields, 'id'>;
}

function draftCase(
  ctx: Ctx,
  ref: ReferenceSnapshot,
  input: IntakeMessage,
  analysis: Analysis,
  place: PlaceDecision,
  createdAt: Date,
): CaseDraft {
  const municipalityId = place.municipality?.id ?? null;
  const flags = [...analysis.flags, ...placeFlags(ref, place, input.location)];
  const chosen = checkChosenCategory(ref, input.citizenCategory);
  const nameOf = (b: string, c: string): string =>
    ref.categories.find((x) => x.blockCode === b && x.code === c)?.name ?? `${b}.${c}`;
  const choice = decideCategory(analysis, chosen, ctx.services.config.triageThreshold, nameOf);
  const decision = choice.route
    ? decideRoute(
        ref.routingRules,
        { block: choice.block, category: choice.category, municipalityId },
        ref.adminOfMunicipality,
      )
    : null;
  const policy = resolvePolicy(ref.policies, {
    channel: input.channel,
    block: choice.block,
    category: choice.category,
  });
  const urgency = applyUrgencyEffects(
    {
      priority: analysis.priority,
      deadlines: computeDeadlines(createdAt, policy.policy, ctx.services.calendar),
      createdAt,
      flags,
    },
    ctx.services.config.urgencyEffects,
    ctx.services.calendar,
  );
  const due = urgency.deadlines;
  const classification = {
    block: analysis.block,
    category: analysis.category,
    confidence: analysis.confidence,
    top: analysis.top,
    model: analysis.model,
    ...(chosen ? { citizen: chosen, source: choice.source } : {}),
  };
  const urgencyData = {
    priority: urgency.priority,
    flags,
    ...(urgency.applied.length ? { effects: urgency.applied } : {}),
  };
  const fields = {
    status: decision ? ('assigned' as const) : ('triage' as const),
    priority: urgency.priority,
    block_code: choice.block,
    category_code: choice.category,
    municipality_id: municipalityId,
    organisation_id: decision?.organisationId ?? null,
    first_response_due_at: due.firstResponseDueAt,
    final_answer_due_at: due.finalAnswerDueAt,
    classification,
    urgency: urgencyData,
  };
  const values: Insertable<DB['cases']> = {
    ...fields,
    channel: input.channel,
    summary: input.text.slice(0, 20_000),
    classification: JSON.stringify(classification),
    urgency: JSON.stringify(urgencyData),
    address: input.location?.address ?? analysis.addresses[0]?.raw ?? null,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    created_at: createdAt,
  };
  const placeData = placeEventData(place);
  const events: Omit<NewEvent, 'caseId'>[] = [
    { type: 'received', data: { channel: input.channel, externalId: input.externalId } },
    ...(urgency.applied.length ? [{ type: 'urgency_effects' as const, data: { effects: urgency.applied } }] : []),
    ...(placeData ? [{ type: 'place' as const, data: placeData }] : []),
    {
      type: 'classified',
      data: {
        block: analysis.block,
        category: analysis.category,
        confidence: analysis.confidence,
        municipalityCode: analysis.municipalityCode,
        municipality: analysis.municipalityMatch,
        ...(chosen ? { citizen: chosen, chosen: { block: choice.block, category: choice.category } } : {}),
      },
    },
    decision
      ? {
          type: 'routed',
          data: { organisationId: decision.organisationId, ruleId: decision.ruleId, reason: decision.reason },
        }
      : { type: 'triage', data: { reason: choice.triageReason ?? 'нет правила маршрутизации' } },
  ];
  return { values, events, fields };
}

/**
 * The case, its events and the message in one statement (data-modifying CTEs; the foreign keys are checked at its
 * end): one round trip instead of three, and nothing is left half written if it fails.
 */
async function writeNewCase(
  ctx: Ctx,
  draft: CaseDraft,
  message: Omit<Insertable<DB['messages']>, 'case_id'>,
): Promise<{ caseId: string; messageId: string }> {
  const caseId = sql<string>`(select id from new_case)`;
  const row = await ctx.db
    .with('new_case', (db) => db.insertInto('cases').values(draft.values).returning('id'))
    .with('new_events', (db) =>
      db
        .insertInto('case_events')
        .values(
          eventRows(
            ctx,
            draft.events.map((e) => ({ ...e, caseId: '' })),
          ).map((e) => ({ ...e, case_id: caseId })),
        )
        .returning('id'),
    )
    .insertInto('messages')
    .values({ ...message, case_id: caseId })
    .returning(['id', caseId.as('case_id')])
    .executeTakeFirstOrThrow();
  return { caseId: row.case_id, messageId: row.id };
}

/** A repeated message joins its open case: the message and the `duplicate_joined` event in one statement. */
async function joinMessage(ctx: Ctx, input: IntakeMessage, caseId: string, createdAt: Date): Promise<string> {
  const [event] = eventRows(ctx, [{ caseId, type: 'duplicate_joined' }]);
  const row = await ctx.db
    .with('new_message', (db) =>
      db
        .insertInto('messages')
        .values({ ...messageRow(ctx, input, createdAt, true), case_id: caseId })
        .returning('id'),
    )
    .with('joined', (db) =>
      db
        .insertInto('case_events')
        .values({
          ...event!,
          data: sql`jsonb_build_object('messageId', (select id::text from new_message), 'channel', ${input.channel}::text)`,
        })
        .returning('id'),
    )
    .selectFrom('new_message')
    .select('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function pointOf(location: IntakeMessage['location']): { lat: number; lon: number } | null {
  return location?.lat != null && location.lon != null ? { lat: location.lat, lon: location.lon } : null;
}

export async function insertMessage(
  ctx: Ctx,
  input: IntakeMessage,
  caseId: string,
  createdAt: Date,
  duplicate: boolean,
): Promise<string> {
  const row = await ctx.db
    .insertInto('messages')
    .values({ ...messageRow(ctx, input, createdAt, duplicate), case_id: caseId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function messageRow(
  ctx: Ctx,
  input: IntakeMessage,
  createdAt: Date,
  duplicate: boolean,
): Omit<Insertable<DB['messages']>, 'case_id'> {
  return {
    channel: input.channel,
    external_id: input.externalId,
    text: input.text,
    created_at: createdAt,
    received_at: ctx.services.clock.now(),
    author_name: input.author?.name ?? null,
    author_contact: input.author?.contact ?? null,
    author_external_id: input.author?.externalId ?? null,
    address: input.location?.address ?? null,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    municipality_raw: input.location?.municipality ?? null,
    labels: input.labels ? JSON.stringify(input.labels) : null,
    attachments: input.attachments ? JSON.stringify(input.attachments) : null,
    is_duplicate: duplicate,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
