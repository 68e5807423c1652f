// Response shapes that shared/ does not (yet) export: the signed-in user (server/features/auth/auth.routes.ts)
// and the reference bundle (server/features/reference/reference.routes.ts). Case DTOs come from shared/api/cases.
// TODO: move these two schemas to shared/api/ so the server serialises with them too.
import { z } from 'zod';
import type { Permission } from '../../../shared/auth/roles';

export const meSchema = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  organisationId: z.number().nullable(),
  organisation: z.string().nullable(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;

const labels = z.record(z.string(), z.string());

export const referenceSchema = z.object({
  blocks: z.array(z.object({ code: z.string(), name: z.string(), mandatory: z.boolean(), sort: z.number() })),
  categories: z.array(z.object({ blockCode: z.string(), code: z.string(), name: z.string(), isOther: z.boolean() })),
  municipalities: z.array(z.object({
    id: z.number(), code: z.string(), name: z.string(), shortName: z.string(), kind: z.string(),
    lat: z.number().nullable(), lon: z.number().nullable(), population: z.number().nullable(),
  })),
  organisations: z.array(z.object({
    id: z.number(), name: z.string(), shortName: z.string().nullable(), kind: z.string(), municipalityId: z.number().nullable(),
    isDemo: z.boolean().optional(),
  })),
  channels: labels,
  statuses: labels,
  roles: labels,
  rejectionReasons: labels,
  returnReasons: labels,
  routingRules: z.array(z.unknown()),
  policies: z.array(z.unknown()),
});
export type Reference = z.infer<typeof referenceSchema>;
export type Municipality = Reference['municipalities'][number];
export type Organisation = Reference['organisations'][number];

export const okSchema = z.unknown();

export function hasPermission(me: Me | null, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}
