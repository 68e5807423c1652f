import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  adminCategoryListSchema,
  adminCategorySchema,
  adminChangeListSchema,
  adminChangesQuerySchema,
  adminUserListSchema,
  adminUserSchema,
  changeCategorySchema,
  createUserSchema,
  heldOrganisationListSchema,
  resetPasswordSchema,
  updateUserSchema,
} from '../../../shared/api/admin';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { listAdminChanges } from './admin-journal';
import { changeCategory, listCategories } from './categories-admin';
import { createUser, listUsers, resetPassword, updateUser } from './users-admin';
import { listHeldOrganisationNames } from './held-organisations';

// Administration of the workspace: users, categories and the journal of changes. Tokens and deactivation are
// auth/access.routes.ts, organisation aliases reference/organisation-aliases.routes.ts.
export function registerAdminRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]): Ctx => rootContext(services, requireUser(request));
  const id = (request: { params: unknown }): number => Number((request.params as { id: string }).id);
  const fails = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  api.get(
    '/admin/users',
    { schema: { tags: ['admin'], summary: 'Пользователи', response: { 200: adminUserListSchema, 403: errorBody } } },
    async (request) => ({ items: await listUsers(ctxOf(request)) }),
  );

  api.post(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Создать пользователя',
        body: createUserSchema,
        response: { 201: adminUserSchema, ...fails },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(ctxOf(request), request.body as z.infer<typeof createUserSchema>)),
  );

  api.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Изменить роль, организацию, блок или ФИО (сеансы пользователя завершаются)',
        params: idParams,
        body: updateUserSchema,
        response: { 200: adminUserSchema, ...fails },
      },
    },
    async (request) => updateUser(ctxOf(request), id(request), request.body as z.infer<typeof updateUserSchema>),
  );

  api.post(
    '/admin/users/:id/password',
    {
      schema: {
        tags: ['admin'],
        summary: 'Задать новый пароль (сеансы пользователя завершаются)',
        params: idParams,
        body: resetPasswordSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...fails },
      },
    },
    async (request) => {
      await resetPassword(ctxOf(request), id(request), (request.body as z.infer<typeof resetPasswordSchema>).password);
      return { ok: true as const };
    },
  );

  api.get(
    '/admin/categories',
    {
      schema: {
        tags: ['admin'],
        summary: 'Категории всех блоков, включая выведенные, с прежними названиями',
        response: { 200: adminCategoryListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listCategories(ctxOf(request)) }),
  );

  api.patch(
    '/admin/categories/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Переименовать, перенести в другой блок, вывести из употребления или вернуть категорию',
        params: idParams,
        body: changeCategorySchema,
        response: { 200: adminCategorySchema, ...fails },
      },
    },
    async (request) =>
      changeCategory(ctxOf(request), id(request), request.body as z.infer<typeof changeCategorySchema>),
  );

  api.get(
    '/admin/held-organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Названия организаций из импорта, не найденные в справочнике: обращения ждут в разборе',
        response: { 200: heldOrganisationListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listHeldOrganisationNames(ctxOf(request)) }),
  );

  api.get(
    '/admin/changes',
    {
      schema: {
        tags: ['admin'],
        summary: 'Журнал изменений администрирования: кто, когда, что',
        querystring: adminChangesQuerySchema,
        response: { 200: adminChangeListSchema, 403: errorBody },
      },
    },
    async (request) => {
      const q = request.query as z.infer<typeof adminChangesQuerySchema>;
      return { items: await listAdminChanges(ctxOf(request), q) };
    },
  );
}
