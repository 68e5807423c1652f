import { z } from 'zod';
import {
  adminCategoryListSchema,
  adminCategorySchema,
  adminChangeListSchema,
  adminUserListSchema,
  adminUserSchema,
  heldOrganisationListSchema,
  type HeldOrganisationName,
  type AdminCategory,
  type AdminUser,
  type ChangeCategoryInput,
  type CreateUserInput,
  type UpdateUserInput,
} from '../../../shared/api/admin';
import { createdTokenSchema, tokenSchema } from '../../../shared/api/auth';
import { apiRequest } from '../api/client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const fetchUsers = (signal?: AbortSignal): Promise<AdminUser[]> =>
  apiRequest('/admin/users', adminUserListSchema, opts(signal)).then((r) => r.items);
export const createUser = (input: CreateUserInput): Promise<AdminUser> =>
  apiRequest('/admin/users', adminUserSchema, { method: 'POST', body: input });
export const updateUser = (id: number, input: UpdateUserInput): Promise<AdminUser> =>
  apiRequest(`/admin/users/${id}`, adminUserSchema, { method: 'PATCH', body: input });
export const resetPassword = (id: number, password: string): Promise<unknown> =>
  apiRequest(`/admin/users/${id}/password`, z.object({ ok: z.literal(true) }), { method: 'POST', body: { password } });
export const deactivateUser = (login: string): Promise<unknown> =>
  apiRequest(`/users/${encodeURIComponent(login)}/deactivate`, z.object({ id: z.number(), login: z.string() }), {
    method: 'POST',
  });

export type Token = z.infer<typeof tokenSchema>;
export const fetchTokens = (signal?: AbortSignal): Promise<Token[]> =>
  apiRequest('/tokens', z.array(tokenSchema), opts(signal));
export const createToken = (name: string, scopes: string[]) =>
  apiRequest('/tokens', createdTokenSchema, { method: 'POST', body: { name, scopes } });
export const revokeToken = (id: number): Promise<Token> =>
  apiRequest(`/tokens/${id}/revoke`, tokenSchema, { method: 'POST' });

export const fetchCategories = (signal?: AbortSignal): Promise<AdminCategory[]> =>
  apiRequest('/admin/categories', adminCategoryListSchema, opts(signal)).then((r) => r.items);
export const changeCategory = (id: number, input: ChangeCategoryInput): Promise<AdminCategory> =>
  apiRequest(`/admin/categories/${id}`, adminCategorySchema, { method: 'PATCH', body: input });

export const fetchChanges = (entity: string, signal?: AbortSignal) =>
  apiRequest(`/admin/changes?entity=${encodeURIComponent(entity)}&limit=20`, adminChangeListSchema, opts(signal)).then(
    (r) => r.items,
  );

export const fetchHeldNames = (signal?: AbortSignal): Promise<HeldOrganisationName[]> =>
  apiRequest('/admin/held-organisations', heldOrganisationListSchema, opts(signal)).then((r) => r.items);
const aliasSchema = z.object({
  id: z.number(),
  alias: z.string(),
  organisationId: z.number(),
  organisation: z.string(),
  createdAt: z.string(),
});
export type Alias = z.infer<typeof aliasSchema>;
export const fetchAliases = (signal?: AbortSignal): Promise<Alias[]> =>
  apiRequest('/reference/organisation-aliases', z.object({ items: z.array(aliasSchema) }), opts(signal)).then(
    (r) => r.items,
  );
export const addAlias = (alias: string, organisationId: number): Promise<Alias> =>
  apiRequest('/reference/organisation-aliases', aliasSchema, { method: 'POST', body: { alias, organisationId } });
export const removeAlias = (id: number): Promise<unknown> =>
  apiRequest(`/reference/organisation-aliases/${id}`, z.object({ ok: z.boolean() }), { method: 'DELETE' });
