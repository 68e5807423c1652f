import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FileUpload, ImportResult } from '../../../shared/api/public-pages';
import {
  IMPLEMENTATION_LABELS,
  IMPLEMENTATION_STATUSES,
  VOTE_KIND_LABELS,
  VOTE_KINDS,
  voteInputSchema,
  type VoteInput,
} from '../../../shared/api/votes';
import type { Ctx } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { recordChange } from '../comms/comms-history';
import { categoryCell, municipalityCell, pickLabelled } from '../comms/reference-cells';
import { cell, countCell, dateCell, importRowByRow } from '../comms/uploaded-table';
import type { ReferenceSnapshot } from '../reference/reference.repository';
import { checkedColumns, describeVote } from './save-vote';

// Votes and discussions from a CSV/XLSX file (results exported from the ПОС cabinet or a regional platform, or a
// table the centre keeps). A row is matched to an earlier import by «Номер» (or, without it, by kind, title,
// municipality and start date), so importing the same file again changes nothing; a bad row is reported with its line.
export const VOTE_COLUMNS = {
  externalId: ['Номер', 'Идентификатор', 'ID'],
  kind: ['Вид', 'Тип'],
  title: ['Название', 'Событие', 'Тема'],
  municipality: ['Муниципалитет', 'Муниципальное образование', 'МО'],
  category: ['Категория'],
  question: ['Вопрос'],
  startsOn: ['Начало', 'Дата начала'],
  endsOn: ['Окончание', 'Дата окончания'],
  turnout: ['Явка', 'Участников', 'Проголосовало'],
  result: ['Результат', 'Итоги'],
  decision: ['Решение'],
  decisionOn: ['Дата решения'],
  implementation: ['Реализация', 'Статус реализации'],
} as const;

function voteFromRow(ref: ReferenceSnapshot, row: Record<string, unknown>): VoteInput {
  const str = (key: keyof typeof VOTE_COLUMNS): string => String(cell(row, VOTE_COLUMNS[key]) ?? '').trim();
  const kind = pickLabelled(str('kind'), VOTE_KINDS, VOTE_KIND_LABELS, 'Вид');
  const municipality = municipalityCell(ref, str('municipality'));
  const startsOn = dateCell(cell(row, VOTE_COLUMNS.startsOn));
  if (!startsOn) throw new AppError('validation_failed', 'нет даты начала');
  const externalId =
    str('externalId') ||
    `file:${createHash('sha256')
      .update(JSON.stringify([kind, str('title'), municipality, startsOn]))
      .digest('hex')
      .slice(0, 24)}`;
  const parsed = voteInputSchema.safeParse({
    externalId,
    kind,
    title: str('title'),
    municipalityCode: municipality,
    categoryCode: categoryCell(ref, str('category')),
    question: str('question'),
    startsOn,
    endsOn: dateCell(cell(row, VOTE_COLUMNS.endsOn)) ?? startsOn,
    turnout: countCell(cell(row, VOTE_COLUMNS.turnout), 'Явка'),
    result: str('result'),
    decision: str('decision'),
    decisionOn: dateCell(cell(row, VOTE_COLUMNS.decisionOn)),
    implementation: str('implementation')
      ? pickLabelled(str('implementation'), IMPLEMENTATION_STATUSES, IMPLEMENTATION_LABELS, 'Реализация')
      : 'not_started',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'validation_failed',
      `${issue?.path.join('.') === 'title' ? 'Название' : (issue?.path.join('.') ?? '')}: ${issue?.message ?? 'неверное значение'}`,
    );
  }
  return parsed.data;
}

export async function importVotesFile(ctx: Ctx, upload: FileUpload): Promise<ImportResult> {
  requirePermission(ctx.actor, 'comms.manage');
  const ref = await ctx.services.reference.get(ctx.db);
  return importRowByRow(ctx, upload, async (tx, row) => {
    const input = voteFromRow(ref, row);
    const columns = await checkedColumns(tx, input);
    const existing = await tx.db
      .selectFrom('participation_events')
      .select('id')
      .where('external_id', '=', input.externalId)
      .executeTakeFirst();
    if (!existing) {
      const created = await tx.db
        .insertInto('participation_events')
        .values(columns)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(tx, 'vote', created.id, 'imported', `${describeVote(input)} (файл ${upload.fileName})`);
      return 'imported';
    }
    const changed = await tx.db
      .updateTable('participation_events')
      .set({ ...columns, updated_at: ctx.services.clock.now() })
      .where('id', '=', existing.id)
      .where((eb) => eb.or(Object.entries(columns).map(([k, v]) => eb(sql.ref(k), 'is distinct from', v))))
      .returning('id')
      .executeTakeFirst();
    if (!changed) return 'unchanged';
    await recordChange(tx, 'vote', existing.id, 'imported', `${describeVote(input)} (файл ${upload.fileName})`);
    return 'updated';
  });
}
