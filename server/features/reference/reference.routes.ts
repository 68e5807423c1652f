import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { CASE_STATUS_LABELS, REJECTION_REASON_LABELS, RETURN_REASON_LABELS } from '../../../shared/cases/case-status';
import { CHANNEL_LABELS } from '../../../shared/deadlines/channels';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams, undeclaredBody } from '../../http/schemas';
import { rootContext, withTransaction, type Services } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { requirePermission } from '../auth/authorize';
import { registerOrganisationAliasRoutes } from './organisation-aliases.routes';
import { categoryHistory } from '../admin/categories-admin';

const organisationInput = z.object({
  name: z.string().trim().min(3).max(300),
  shortName: z.string().trim().max(100).optional(),
  kind: z.enum(['regional_body', 'municipal_admin', 'operator', 'utility', 'imported', 'other']),
  municipality: z.string().optional(),
});
const categoryInput = z.object({ block: z.string(), code: z.string().regex(/^[a-z0-9_]{2,40}$/), name: z.string().trim().min(2).max(300) });
const ruleInput = z.object({
  block: z.string().nullable(), category: z.string().nullable(), municipality: z.string().nullable(),
  target: z.enum(['organisation', 'municipal_admin']), organisationId: z.number().int().nullable(),
});

export function registerReferenceRoutes(api: AppInstance, services: Services): void {
  registerOrganisationAliasRoutes(api, services);
  api.get('/reference', { schema: { tags: ['reference'], summary: 'Справочники: блоки, категории, муниципалитеты, организации, статусы' } }, async (request) => {
    requireUser(request);
    const ref = await services.reference.get(services.database.db);
    return {
      blocks: ref.blocks, categories: ref.categories, municipalities: ref.municipalities,
      // earlier names of renamed or moved categories: a case's history shows the label of its time
      categoryHistory: await categoryHistory(services.database),
      organisations: ref.organisations.map((o) => ({ id: o.id, name: o.name, shortName: o.shortName, kind: o.kind, municipalityId: o.municipalityId, isDemo: o.isDemo })),
      routingRules: ref.routingRules, policies: ref.policies,
      channels: CHANNEL_LABELS, statuses: CASE_STATUS_LABELS, roles: ROLE_LABELS,
      rejectionReasons: REJECTION_REASON_LABELS, returnReasons: RETURN_REASON_LABELS,
    };
  });

  const admin = async (request: Parameters<typeof requireUser>[0], fn: (ctx: ReturnType<typeof rootContext>) => Promise<unknown>) => {
    const actor = requireUser(request);
    requirePermission(actor, 'reference.manage');
    const result = await withTransaction(rootContext(services, actor), fn);
    services.reference.invalidate();
    return result;
  };

  api.post('/reference/organisations', { schema: { tags: ['reference'], summary: 'Добавить организацию', body: organisationInput, response: { 200: undeclaredBody, 400: errorBody, 403: errorBody } } },
    async (request) => admin(request, async (ctx) => {
      const b = request.body;
      const ref = await ctx.services.reference.get(ctx.db);
      const muni = b.municipality ? ref.municipalityByCode.get(b.municipality) : undefined;
      if (b.municipality && !muni) throw new AppError('validation_failed', 'Неизвестный муниципалитет');
      return ctx.db.insertInto('organisations').values({ name: b.name, short_name: b.shortName ?? null, kind: b.kind, municipality_id: muni?.id ?? null })
        .returning(['id', 'name']).executeTakeFirstOrThrow();
    }));

  api.post('/reference/categories', { schema: { tags: ['reference'], summary: 'Добавить категорию в блок', body: categoryInput, response: { 200: undeclaredBody, 400: errorBody, 403: errorBody } } },
    async (request) => admin(request, async (ctx) => {
      const b = request.body;
      return ctx.db.insertInto('categories').values({ block_code: b.block, code: b.code, name: b.name }).returning(['id', 'code']).executeTakeFirstOrThrow();
    }));

  api.post('/reference/routing-rules', { schema: { tags: ['reference'], summary: 'Добавить правило маршрутизации', body: ruleInput, response: { 200: undeclaredBody, 400: errorBody, 403: errorBody } } },
    async (request) => admin(request, async (ctx) => {
      const b = request.body;
      const ref = await ctx.services.reference.get(ctx.db);
      if (b.target === 'organisation' && (b.organisationId === null || !ref.organisationById.has(b.organisationId))) {
        throw new AppError('validation_failed', 'Укажите существующую организацию');
      }
      return ctx.db.insertInto('routing_rules').values({
        block_code: b.block, category_code: b.category, municipality_id: b.municipality ? ref.municipalityByCode.get(b.municipality)?.id ?? null : null,
        target: b.target, organisation_id: b.organisationId,
      }).returning(['id']).executeTakeFirstOrThrow();
    }));

  api.delete('/reference/routing-rules/:id', { schema: { tags: ['reference'], summary: 'Удалить правило маршрутизации', params: idParams } },
    async (request) => admin(request, async (ctx) => {
      await ctx.db.deleteFrom('routing_rules').where('id', '=', Number(request.params.id)).execute();
      return { ok: true };
    }));
}
