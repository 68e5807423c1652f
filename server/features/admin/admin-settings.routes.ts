import { z } from 'zod';
import {
  adminDeadlinePolicyListSchema,
  adminDeadlinePolicySchema,
  adminKeywordSetListSchema,
  adminKeywordSetSchema,
  adminOrganisationListSchema,
  adminOrganisationSchema,
  adminRoutingRuleListSchema,
  adminRoutingRuleSchema,
  adminWorkloadNormsListSchema,
  blockParams,
  changeOrganisationSchema,
  channelStateListSchema,
  createOrganisationSchema,
  deadlinePolicyInputSchema,
  keywordSetInputSchema,
  routingRuleInputSchema,
} from '../../../shared/api/admin-settings';
import { workloadNormsInputSchema } from '../../../shared/api/analytics';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { saveWorkloadNorms } from '../analytics/workload';
import { listChannelStates } from './channel-state';
import { listDeadlinePolicies, removeDeadlinePolicy, saveDeadlinePolicy } from './deadline-policies-admin';
import { listKeywordSets, saveKeywordSet } from './keyword-sets-admin';
import { changeOrganisation, createOrganisation, listOrganisations } from './organisations-admin';
import { addRoutingRule, listRoutingRules, removeRoutingRule } from './routing-rules-admin';
import { listWorkloadNorms } from './workload-norms-admin';

const ok = z.object({ ok: z.literal(true) });
const workloadNormsBody = workloadNormsInputSchema.omit({ block: true });

// Administration of the centre's settings: organisations, routing rules, deadline policies, monitoring keyword sets,
// workload norms (reference.manage; every change journalled in admin_changes) and the state of the channels.
export function registerAdminSettingsRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]): Ctx => rootContext(services, requireUser(request));
  const tags = ['admin'];
  const fails = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  api.get(
    '/admin/organisations',
    {
      schema: {
        tags,
        summary: 'Организации справочника, включая отключённые, с псевдонимами и числом открытых обращений',
        response: { 200: adminOrganisationListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listOrganisations(ctxOf(request)) }),
  );
  api.post(
    '/admin/organisations',
    {
      schema: {
        tags,
        summary: 'Добавить организацию',
        body: createOrganisationSchema,
        response: { 201: adminOrganisationSchema, ...fails },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrganisation(ctxOf(request), request.body)),
  );
  api.patch(
    '/admin/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Переименовать, отключить или вернуть организацию',
        params: idParams,
        body: changeOrganisationSchema,
        response: { 200: adminOrganisationSchema, ...fails },
      },
    },
    async (request) => changeOrganisation(ctxOf(request), Number(request.params.id), request.body),
  );

  api.get(
    '/admin/routing-rules',
    {
      schema: { tags, summary: 'Правила маршрутизации', response: { 200: adminRoutingRuleListSchema, 403: errorBody } },
    },
    async (request) => ({ items: await listRoutingRules(ctxOf(request)) }),
  );
  api.post(
    '/admin/routing-rules',
    {
      schema: {
        tags,
        summary: 'Добавить правило маршрутизации',
        body: routingRuleInputSchema,
        response: { 201: adminRoutingRuleSchema, ...fails },
      },
    },
    async (request, reply) => reply.status(201).send(await addRoutingRule(ctxOf(request), request.body)),
  );
  api.delete(
    '/admin/routing-rules/:id',
    { schema: { tags, summary: 'Удалить правило маршрутизации', params: idParams, response: { 200: ok, ...fails } } },
    async (request) => {
      await removeRoutingRule(ctxOf(request), Number(request.params.id));
      return { ok: true as const };
    },
  );

  api.get(
    '/admin/deadline-policies',
    {
      schema: {
        tags,
        summary: 'Сроки ответа по каналам, блокам и категориям',
        response: { 200: adminDeadlinePolicyListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listDeadlinePolicies(ctxOf(request)) }),
  );
  api.post(
    '/admin/deadline-policies',
    {
      schema: {
        tags,
        summary: 'Добавить правило сроков',
        body: deadlinePolicyInputSchema,
        response: { 201: adminDeadlinePolicySchema, ...fails },
      },
    },
    async (request, reply) => reply.status(201).send(await saveDeadlinePolicy(ctxOf(request), null, request.body)),
  );
  api.put(
    '/admin/deadline-policies/:id',
    {
      schema: {
        tags,
        summary: 'Изменить правило сроков (действует для новых обращений)',
        params: idParams,
        body: deadlinePolicyInputSchema,
        response: { 200: adminDeadlinePolicySchema, ...fails },
      },
    },
    async (request) => saveDeadlinePolicy(ctxOf(request), Number(request.params.id), request.body),
  );
  api.delete(
    '/admin/deadline-policies/:id',
    { schema: { tags, summary: 'Удалить правило сроков', params: idParams, response: { 200: ok, ...fails } } },
    async (request) => {
      await removeDeadlinePolicy(ctxOf(request), Number(request.params.id));
      return { ok: true as const };
    },
  );

  api.get(
    '/admin/keyword-sets',
    {
      schema: {
        tags,
        summary: 'Наборы ключевых слов мониторинга по блокам',
        response: { 200: adminKeywordSetListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listKeywordSets(ctxOf(request)) }),
  );
  api.put(
    '/admin/keyword-sets/:block',
    {
      schema: {
        tags,
        summary: 'Изменить набор ключевых слов блока',
        params: blockParams,
        body: keywordSetInputSchema,
        response: { 200: adminKeywordSetSchema, ...fails },
      },
    },
    async (request) => saveKeywordSet(ctxOf(request), request.params.block, request.body),
  );

  api.get(
    '/admin/workload-norms',
    {
      schema: {
        tags,
        summary: 'Нормы нагрузки по блокам',
        response: { 200: adminWorkloadNormsListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listWorkloadNorms(ctxOf(request)) }),
  );
  api.put(
    '/admin/workload-norms/:block',
    {
      schema: {
        tags,
        summary: 'Задать нормы нагрузки блока',
        params: blockParams,
        body: workloadNormsBody,
        response: { 200: adminWorkloadNormsListSchema, ...fails },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await saveWorkloadNorms(ctx, { block: request.params.block, ...request.body });
      return { items: await listWorkloadNorms(ctx) };
    },
  );

  api.get(
    '/admin/channels',
    {
      schema: {
        tags,
        summary: 'Состояние каналов: настроен ли, последний успех, последняя ошибка',
        response: { 200: channelStateListSchema, 403: errorBody },
      },
    },
    async (request) => ({ items: await listChannelStates(ctxOf(request)) }),
  );
}
