// Administration (GET/POST/PATCH /api/admin/…): users, categories and the journal of administrative changes.
import { z } from 'zod';
import { ROLES } from '../auth/roles';

export const adminUserSchema = z.object({
  id: z.number(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  organisationId: z.number().nullable(),
  block: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserListSchema = z.object({ items: z.array(adminUserSchema) });

const login = z.string().trim().min(2).max(64);
const fullName = z.string().trim().min(2).max(200);
export const createUserSchema = z.object({
  login,
  fullName,
  password: z.string().min(1).max(200),
  role: z.enum(ROLES),
  organisationId: z.number().int().positive().nullable().optional(),
  block: z.string().max(40).nullable().optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
export const updateUserSchema = z.object({
  fullName: fullName.optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.number().int().positive().nullable().optional(),
  block: z.string().max(40).nullable().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
export const resetPasswordSchema = z.object({ password: z.string().min(1).max(200) });

export const adminCategorySchema = z.object({
  id: z.number(),
  block: z.string(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  isOther: z.boolean(),
  /** Earlier names and blocks, newest first. */
  versions: z.array(
    z.object({ block: z.string(), name: z.string(), validFrom: z.string().nullable(), validTo: z.string() }),
  ),
});
export type AdminCategory = z.infer<typeof adminCategorySchema>;
export const adminCategoryListSchema = z.object({ items: z.array(adminCategorySchema) });
export const changeCategorySchema = z.object({
  name: z.string().trim().min(2).max(300).optional(),
  block: z.string().min(1).max(40).optional(),
  active: z.boolean().optional(),
});
export type ChangeCategoryInput = z.infer<typeof changeCategorySchema>;

export const adminChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  key: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const adminChangeListSchema = z.object({ items: z.array(adminChangeSchema) });
/** What the journal of administrative changes records changes of. */
export const ADMIN_ENTITIES = [
  'user',
  'token',
  'category',
  'organisation',
  'routing_rule',
  'deadline_policy',
  'keyword_set',
  'workload_norms',
] as const;
export type AdminEntity = (typeof ADMIN_ENTITIES)[number];
export const adminChangesQuerySchema = z.object({
  entity: z.enum(ADMIN_ENTITIES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const heldOrganisationListSchema = z.object({
  items: z.array(
    z.object({ name: z.string(), cases: z.number(), lastAt: z.string(), matchedTo: z.number().nullable() }),
  ),
});
export type HeldOrganisationName = z.infer<typeof heldOrganisationListSchema>['items'][number];
