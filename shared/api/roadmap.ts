import { z } from 'zod';
import { isoDate } from './dates';
import { poDocumentSchema } from './projects';

// The yearly roadmap of the centre agreed with АНО «Диалог Регионы» (decree п. 9–10): items (measure, block,
// owner, due date, status), versions through the approval chain, and the diff of each version against the
// previous approved one (shared/projects/roadmap-diff.ts).
const text = (max: number) => z.string().trim().min(1, 'не заполнено').max(max);

export const ROADMAP_ITEM_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const ROADMAP_ITEM_STATUS_LABELS: Record<(typeof ROADMAP_ITEM_STATUSES)[number], string> = {
  planned: 'Запланировано',
  in_progress: 'Выполняется',
  done: 'Выполнено',
  cancelled: 'Отменено',
};

export const roadmapItemSchema = z.object({
  /** Stable identity of the item across versions (the server gives one to a new item). */
  key: z.string().trim().max(40).default(''),
  measure: text(1000),
  /** A block code, or '' for the centre as a whole. */
  block: z.string().trim().max(80).default(''),
  owner: text(200),
  dueDate: isoDate,
  status: z.enum(ROADMAP_ITEM_STATUSES).default('planned'),
});
export type RoadmapItem = z.infer<typeof roadmapItemSchema>;

export const roadmapChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'changed']),
  key: z.string(),
  measure: z.string(),
  /** The fields changed, each «поле: было → стало» (empty for added and removed items). */
  fields: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
});
export type RoadmapChange = z.infer<typeof roadmapChangeSchema>;

export const roadmapContentSchema = z.object({
  year: z.number().int().min(2020).max(2100),
  dialogAgreement: z
    .object({ date: isoDate.nullable().default(null), reference: z.string().trim().max(300).default('') })
    .default({ date: null, reference: '' }),
  /** Empty only in a new draft: sending it on needs at least one item. */
  items: z.array(roadmapItemSchema).max(500),
});
export type RoadmapContent = z.infer<typeof roadmapContentSchema>;

export const roadmapCreateSchema = z.object({ year: z.number().int().min(2020).max(2100) });
export const roadmapEditSchema = z.object({
  dialogAgreement: roadmapContentSchema.shape.dialogAgreement,
  items: roadmapContentSchema.shape.items,
  comment: z.string().trim().max(2000).default(''),
});
export type RoadmapEdit = z.infer<typeof roadmapEditSchema>;
export const roadmapVersionQuerySchema = z.object({ version: z.coerce.number().int().positive().optional() });

export const roadmapSummarySchema = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  status: z.string(),
  approvedVersion: z.number().nullable(),
});
export const roadmapListSchema = z.object({ items: z.array(roadmapSummarySchema), canCreate: z.boolean() });

export const roadmapDetailSchema = z.object({
  document: poDocumentSchema,
  /** The working copy (the draft, or the approved content when no newer draft exists). */
  content: roadmapContentSchema,
  /** Which version the diff compares against: the previous approved version (or the last approved roadmap of an earlier year). */
  base: z.object({ title: z.string(), version: z.number() }).nullable(),
  changes: z.array(roadmapChangeSchema),
  /** Each approved version with its changes against the one approved before it. */
  versions: z.array(
    z.object({
      version: z.number(),
      approvedAt: z.string(),
      approvedBy: z.string(),
      documentNumber: z.string().nullable(),
      changes: z.array(roadmapChangeSchema),
      items: z.number(),
    }),
  ),
});
export type RoadmapDetail = z.infer<typeof roadmapDetailSchema>;
