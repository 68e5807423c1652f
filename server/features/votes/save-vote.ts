import { IMPLEMENTATION_LABELS, VOTE_KIND_LABELS, type VoteDetail, type VoteInput } from '../../../shared/api/votes';
import { type Ctx, withTransaction } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { loadHistory, recordChange } from '../comms/comms-history';
import { loadVotes, voteColumns } from './votes.repository';

export function describeVote(input: VoteInput): string {
  return [
    VOTE_KIND_LABELS[input.kind],
    input.title,
    `${input.startsOn} – ${input.endsOn}`,
    input.turnout !== null ? `явка ${input.turnout}` : '',
    input.decision ? `решение: ${input.decision}` : '',
    `реализация: ${IMPLEMENTATION_LABELS[input.implementation]}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Checks a vote's dates, municipality and category; the columns to store. */
export async function checkedColumns(ctx: Ctx, input: VoteInput) {
  if (input.endsOn < input.startsOn) throw new AppError('validation_failed', 'Окончание раньше начала');
  if (input.decisionOn && input.decisionOn < input.startsOn)
    throw new AppError('validation_failed', 'Решение раньше начала события');
  const { municipalityFound, columns } = await voteColumns(ctx.db, input);
  if (!municipalityFound)
    throw new AppError('validation_failed', `Муниципалитета «${input.municipalityCode ?? ''}» нет в справочнике`);
  if (
    input.categoryCode &&
    !(await ctx.services.reference.get(ctx.db)).categories.some((c) => c.code === input.categoryCode)
  ) {
    throw new AppError('validation_failed', `Категории «${input.categoryCode}» нет в справочнике`);
  }
  return columns;
}

export async function getVote(ctx: Ctx, id: number): Promise<VoteDetail> {
  requirePermission(ctx.actor, 'analytics.read');
  const [vote] = await loadVotes(ctx.db, { id });
  if (!vote) throw notFound('Событие', 'n');
  return { ...vote, history: await loadHistory(ctx.db, 'vote', id) };
}

export async function createVote(ctx: Ctx, input: VoteInput): Promise<VoteDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  const id = await withTransaction(ctx, async (tx) => {
    const columns = await checkedColumns(tx, input);
    if (
      input.externalId &&
      (await tx.db
        .selectFrom('participation_events')
        .select('id')
        .where('external_id', '=', input.externalId)
        .executeTakeFirst())
    ) {
      throw new AppError('conflict', `Событие с номером ${input.externalId} уже есть`);
    }
    const row = await tx.db
      .insertInto('participation_events')
      .values(columns)
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(tx, 'vote', row.id, 'created', describeVote(input));
    return row.id;
  });
  return getVote(ctx, id);
}

export async function changeVote(ctx: Ctx, id: number, input: VoteInput): Promise<VoteDetail> {
  requirePermission(ctx.actor, 'comms.manage');
  await withTransaction(ctx, async (tx) => {
    const columns = await checkedColumns(tx, input);
    const clash = input.externalId
      ? await tx.db
          .selectFrom('participation_events')
          .select('id')
          .where('external_id', '=', input.externalId)
          .where('id', '<>', id)
          .executeTakeFirst()
      : null;
    if (clash) throw new AppError('conflict', `Событие с номером ${input.externalId ?? ''} уже есть`);
    const row = await tx.db
      .updateTable('participation_events')
      .set({ ...columns, updated_at: ctx.services.clock.now() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('Событие', 'n');
    await recordChange(tx, 'vote', id, 'changed', describeVote(input));
  });
  return getVote(ctx, id);
}
