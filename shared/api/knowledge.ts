import { z } from 'zod';

// The knowledge base of model answers and practices (decree 6.9, 6.3): entries the centre keeps (title, category or
// block, text, tags, the practice or seminar material it comes from), searched together with the practices library
// from the executor's answer form by the case's category and free text (Russian full-text search).
const text = (max: number) => z.string().trim().max(max);

export const knowledgeInputSchema = z.object({
  title: text(300).min(3, 'название слишком короткое'),
  categoryCode: z.string().max(100).nullable().default(null),
  blockCode: z.string().max(100).nullable().default(null),
  body: text(20_000).min(10, 'текст слишком короткий'),
  tags: z.array(text(50).min(1)).max(20).default([]),
  sourcePracticeId: z.number().int().positive().nullable().default(null),
  sourceMaterialId: z.number().int().positive().nullable().default(null),
  active: z.boolean().default(true),
});
export type KnowledgeInput = z.infer<typeof knowledgeInputSchema>;
export const knowledgeEntrySchema = knowledgeInputSchema.extend({
  id: z.number(),
  category: z.string().nullable(),
  block: z.string().nullable(),
  source: z.string().nullable(),
  updatedAt: z.string(),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;
export const knowledgeListSchema = z.object({ items: z.array(knowledgeEntrySchema) });

export const knowledgeSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  /** The case's category: entries of it first, then of its block, then general ones; practices of it or of none. */
  category: z.string().max(100).optional(),
  practices: z.enum(['true', 'false']).default('true'),
});
export const KNOWLEDGE_HIT_KINDS = ['entry', 'practice'] as const;
export const KNOWLEDGE_HIT_LABELS: Record<(typeof KNOWLEDGE_HIT_KINDS)[number], string> = {
  entry: 'Образец ответа',
  practice: 'Практика',
};
export const knowledgeHitSchema = z.object({
  kind: z.enum(KNOWLEDGE_HIT_KINDS),
  id: z.number(),
  title: z.string(),
  category: z.string().nullable(),
  /** What the answer form inserts: an entry's text, a practice's solution. */
  text: z.string(),
  tags: z.array(z.string()),
});
export type KnowledgeHit = z.infer<typeof knowledgeHitSchema>;
export const knowledgeSearchSchema = z.object({ items: z.array(knowledgeHitSchema) });
export type KnowledgeSearch = z.infer<typeof knowledgeSearchSchema>;

export const knowledgeSourcesSchema = z.object({
  practices: z.array(z.object({ id: z.number(), title: z.string() })),
  materials: z.array(z.object({ id: z.number(), title: z.string(), seminar: z.string() })),
});
export type KnowledgeSources = z.infer<typeof knowledgeSourcesSchema>;
