import { z } from 'zod';
import { kpiInputSchema } from './kpi';
import { poDocumentSchema } from './projects';

// Documents of the project office other than passports, each with its own approval chain
// (shared/projects/approval-chains.ts): a working or expert group's composition (block owner proposes, curator
// approves) and an additional indicator (curator approves; approval adds it to the indicators as «дополнительный»).
const text = (max: number) => z.string().trim().min(1, 'не заполнено').max(max);

export const groupContentSchema = z.object({
  name: text(500),
  kind: z.enum(['working', 'expert']),
  purpose: z.string().trim().max(2000).default(''),
  projectId: z.number().int().positive().nullable().default(null),
  members: z
    .array(
      z.object({
        name: text(200),
        role: z.string().trim().max(200).default(''),
        organisation: z.string().trim().max(300).default(''),
      }),
    )
    .min(1, 'нужен хотя бы один участник')
    .max(200),
});
export type GroupContent = z.infer<typeof groupContentSchema>;

export const indicatorContentSchema = kpiInputSchema.omit({ kind: true }).extend({
  /** Evidence link: the project and the passport result the indicator serves (п. 22 of the decree). */
  projectId: z.number().int().positive().nullable().default(null),
  projectResult: z.string().trim().max(1000).default(''),
});
export type IndicatorContent = z.infer<typeof indicatorContentSchema>;

export const poDocumentInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('group'), blockCode: z.string().min(1).max(80), content: groupContentSchema }),
  z.object({ type: z.literal('indicator'), blockCode: z.string().min(1).max(80), content: indicatorContentSchema }),
]);
export type PoDocumentInput = z.infer<typeof poDocumentInputSchema>;
export const poDocumentEditSchema = z.object({
  content: z.unknown(),
  comment: z.string().trim().max(2000).default(''),
});

export const poDocumentDetailSchema = z.object({
  document: poDocumentSchema,
  content: z.unknown(),
  approvedContent: z.unknown().nullable(),
});
export type PoDocumentDetail = z.infer<typeof poDocumentDetailSchema>;
export const poDocumentListQuerySchema = z.object({ type: z.enum(['group', 'indicator']).optional() });
/** groupBlock: the block the user may propose a group for (null: may not); indicator: may propose additional indicators. */
export const poDocumentListSchema = z.object({
  items: z.array(poDocumentSchema.omit({ steps: true, versions: true })),
  canPropose: z.object({ groupBlock: z.string().nullable(), indicator: z.boolean() }),
});
