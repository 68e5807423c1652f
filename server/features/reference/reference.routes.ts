import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { CASE_STATUS_LABELS, REJECTION_REASON_LABELS, RETURN_REASON_LABELS } from '../../../shared/cases/case-status';
import { CHANNEL_LABELS } from '../../../shared/deadlines/channels';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams, undeclaredBody } from '../../http/schemas';
import { rootContext, withTransaction, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { registerOrganisationAliasRoutes } from './organisation-aliases.routes';
import { categoryHistory } from '../admin/categories-admin';
import { createOrganisation } from '../admin/organisations-admin';
import { addRoutingRule, removeRoutingRule } from '../admin/routing-rules-admin';
import { createOrganisationSchema, routingRuleInputSchema } from '../../../shared/api/admin-settings';

const categoryInput = z.object({
  block: z.string(),
  code: z.string().regex(/^[a-z0-9_]{2,40}$/),
  name: z.string().trim().min(2).max(300),
});

export function registerReferenceRoutes(api: AppInstance, services: Services): void {
  registerOrganisationAliasRoutes(api, services);
  api.get(
    '/reference',
    { schema: { tags: ['reference'], summary: 'Справочники: блоки, категории, муниципалитеты, организации, статусы' } },
    async (request) => {
      requireUser(request);
      const ref = await services.reference.get(services.database.db);
      return {
        blocks: ref.blocks,
        categories: ref.categories,
        municipalities: ref.municipalities,
        // earlier names of renamed or moved categories: a case's history shows the label of its time
        categoryHistory: await categoryHistory(services.database),
        organisations: ref.organisations.map((o) => ({
          id: o.id,
          name: o.name,
          shortName: o.shortName,
          kind: o.kind,
          municipalityId: o.municipalityId,
          isDemo: o.isDemo,
        })),
        routingRules: ref.routingRules,
        policies: ref.policies,
        channels: CHANNEL_LABELS,
        statuses: CASE_STATUS_LABELS,
        roles: ROLE_LABELS,
        rejectionReasons: REJECTION_REASON_LABELS,
        returnReasons: RETURN_REASON_LABELS,
      };
    },
  );

  const admin = async (
    request: Parameters<typeof requireUser>[0],
    fn: (ctx: ReturnType<typeof rootContext>) => Promise<unknown>,
  ) => {
    const actor = requireUser(request);
    requirePermission(actor, 'reference.manage');
    const result = await withTransaction(rootContext(services, actor), fn);
    services.reference.invalidate();
    return result;
  };

  // the same journalled use cases as the administration screens (admin/organisations-admin.ts, admin/routing-rules-admin.ts)
  api.post(
    '/reference/organisations',
    {
      schema: {
        tags: ['reference'],
        summary: 'Добавить организацию',
        body: createOrganisationSchema,
        response: { 200: undeclaredBody, 400: errorBody, 403: errorBody, 409: errorBody },
      },
    },
    async (request) => createOrganisation(rootContext(services, requireUser(request)), request.body),
  );

  api.post(
    '/reference/categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Добавить категорию в блок',
        body: categoryInput,
        response: { 200: undeclaredBody, 400: errorBody, 403: errorBody },
      },
    },
    async (request) =>
      admin(request, async (ctx) => {
        const b = request.body;
        return ctx.db
          .insertInto('categories')
          .values({ block_code: b.block, code: b.code, name: b.name })
          .returning(['id', 'code'])
          .executeTakeFirstOrThrow();
      }),
  );

  api.post(
    '/reference/routing-rules',
    {
      schema: {
        tags: ['reference'],
        summary: 'Добавить правило маршрутизации',
        body: routingRuleInputSchema,
        response: { 200: undeclaredBody, 400: errorBody, 403: errorBody },
      },
    },
    async (request) => addRoutingRule(rootContext(services, requireUser(request)), request.body),
  );

  api.delete(
    '/reference/routing-rules/:id',
    { schema: { tags: ['reference'], summary: 'Удалить правило маршрутизации', params: idParams } },
    async (request) => {
      await removeRoutingRule(rootContext(services, requireUser(request)), Number(request.params.id));
      return { ok: true };
    },
  );
}
