// Stored classifier models: versions with their evaluation, status and the model bytes.
import { sql } from 'kysely';
import type { Ctx } from '../../../lib/context';
import { deserializeHierarchical } from '../bundle';
import type { HierarchicalModels } from '../hierarchy';

export const MODEL_STATUSES = ['candidate', 'active', 'rejected'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export interface StoredModelInfo {
  version: number;
  createdAt: Date;
  status: ModelStatus;
  trainingSize: number;
  corrections: number;
  evaluation: Record<string, unknown>;
  decision: string;
  modelBytes: number;
  activatedAt: Date | null;
}

const INFO_COLUMNS = [
  'version',
  'created_at',
  'status',
  'training_size',
  'corrections',
  'evaluation',
  'decision',
  'model_bytes',
  'activated_at',
] as const;

type InfoRow = {
  version: number;
  created_at: Date;
  status: string;
  training_size: number;
  corrections: number;
  evaluation: Record<string, unknown>;
  decision: string;
  model_bytes: number;
  activated_at: Date | null;
};

const toInfo = (r: InfoRow): StoredModelInfo => ({
  version: r.version,
  createdAt: r.created_at,
  status: r.status as ModelStatus,
  trainingSize: r.training_size,
  corrections: r.corrections,
  evaluation: r.evaluation,
  decision: r.decision,
  modelBytes: r.model_bytes,
  activatedAt: r.activated_at,
});

export async function listModels(ctx: Ctx): Promise<StoredModelInfo[]> {
  const rows = await ctx.db.selectFrom('classifier_models').select(INFO_COLUMNS).orderBy('version', 'desc').execute();
  return rows.map(toInfo);
}

export async function findModel(ctx: Ctx, version: number): Promise<StoredModelInfo | null> {
  const row = await ctx.db
    .selectFrom('classifier_models')
    .select(INFO_COLUMNS)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toInfo(row) : null;
}

/** The active model with its bytes decoded, or null when none is stored (the shipped default is used then). */
export async function loadActiveModel(ctx: Ctx): Promise<{ version: number; models: HierarchicalModels } | null> {
  const row = await ctx.db
    .selectFrom('classifier_models')
    .select(['version', 'model'])
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  return { version: row.version, models: deserializeHierarchical(new Uint8Array(row.model)) };
}

export async function loadModelBytes(ctx: Ctx, version: number): Promise<Uint8Array | null> {
  const row = await ctx.db
    .selectFrom('classifier_models')
    .select('model')
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? new Uint8Array(row.model) : null;
}

export interface NewModelRow {
  createdAt: Date;
  status: ModelStatus;
  trainingSize: number;
  corrections: number;
  evaluation: Record<string, unknown>;
  decision: string;
  bytes: Uint8Array;
  createdBy: number | null;
}

/** Inserts the next version (call inside a transaction); an active one first demotes the current active model. */
export async function insertModel(ctx: Ctx, row: NewModelRow): Promise<number> {
  const last = await ctx.db
    .selectFrom('classifier_models')
    .select(sql<number>`coalesce(max(version), 0)`.as('v'))
    .executeTakeFirstOrThrow();
  const version = Number(last.v) + 1;
  if (row.status === 'active') await demoteActive(ctx);
  await ctx.db
    .insertInto('classifier_models')
    .values({
      version,
      created_at: row.createdAt,
      status: row.status,
      training_size: row.trainingSize,
      corrections: row.corrections,
      evaluation: JSON.stringify(row.evaluation),
      decision: row.decision,
      model: Buffer.from(row.bytes),
      model_bytes: row.bytes.length,
      created_by: row.createdBy,
      activated_at: row.status === 'active' ? row.createdAt : null,
    })
    .execute();
  return version;
}

export async function demoteActive(ctx: Ctx): Promise<void> {
  await ctx.db.updateTable('classifier_models').set({ status: 'candidate' }).where('status', '=', 'active').execute();
}

export async function markActive(ctx: Ctx, version: number, at: Date, note: string): Promise<void> {
  await ctx.db
    .updateTable('classifier_models')
    .set({ status: 'active', activated_at: at, decision: sql<string>`decision || ${`\n${note}`}` })
    .where('version', '=', version)
    .execute();
}
