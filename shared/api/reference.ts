// The reference bundle (GET /api/reference): taxonomy, municipalities, organisations and the Russian labels of
// the closed lists. Objects are loose so that a field added on the server reaches the client unchanged.
import { z } from 'zod';

const labels = z.record(z.string(), z.string());

export const referenceSchema = z.looseObject({
  blocks: z.array(z.looseObject({ code: z.string(), name: z.string(), mandatory: z.boolean(), sort: z.number() })),
  categories: z.array(
    z.looseObject({ blockCode: z.string(), code: z.string(), name: z.string(), isOther: z.boolean() }),
  ),
  municipalities: z.array(
    z.looseObject({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      shortName: z.string(),
      kind: z.string(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      population: z.number().nullable(),
    }),
  ),
  organisations: z.array(
    z.looseObject({
      id: z.number(),
      name: z.string(),
      shortName: z.string().nullable(),
      kind: z.string(),
      municipalityId: z.number().nullable(),
      isDemo: z.boolean().optional(),
    }),
  ),
  channels: labels,
  statuses: labels,
  roles: labels,
  rejectionReasons: labels,
  returnReasons: labels,
  /** Earlier names of renamed or moved categories, each with the period it was in force (validFrom null: from the start). */
  categoryHistory: z
    .array(
      z.object({
        blockCode: z.string(),
        code: z.string(),
        name: z.string(),
        validFrom: z.string().nullable(),
        validTo: z.string(),
      }),
    )
    .default([]),
  routingRules: z.array(z.unknown()),
  policies: z.array(z.unknown()),
});
export type Reference = z.infer<typeof referenceSchema>;
export type Municipality = Reference['municipalities'][number];
export type Organisation = Reference['organisations'][number];
