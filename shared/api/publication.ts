import { z } from 'zod';
import { CHANNELS } from '../deadlines/channels';

// Publication policy: when a final answer reaches the citizen. `control` (the default for everything): only after
// ЦУР accepts it. `auto`: accepted automatically after `autoAcceptHours` working hours unless ЦУР decided before.
// A policy applies to a channel, an organisation, both, or everything (neither); the most specific one wins.
export const PUBLICATION_MODES = ['control', 'auto'] as const;

export const publicationPolicyInputSchema = z
  .object({
    channel: z.enum(CHANNELS).nullable().default(null),
    organisationId: z.number().int().positive().nullable().default(null),
    mode: z.enum(PUBLICATION_MODES),
    autoAcceptHours: z.number().int().min(0).max(1000).nullable().default(null),
  })
  .refine((p) => (p.mode === 'auto') === (p.autoAcceptHours !== null), {
    message: 'Для автоматического принятия укажите число рабочих часов (autoAcceptHours), для контроля — не указывайте',
  });
export type PublicationPolicyInput = z.infer<typeof publicationPolicyInputSchema>;

export const publicationPolicySchema = z.object({
  id: z.string(),
  channel: z.string().nullable(),
  organisationId: z.number().nullable(),
  mode: z.enum(PUBLICATION_MODES),
  autoAcceptHours: z.number().nullable(),
  updatedAt: z.string(),
});
export type PublicationPolicy = z.infer<typeof publicationPolicySchema>;
export const publicationPolicyListSchema = z.object({ items: z.array(publicationPolicySchema) });
