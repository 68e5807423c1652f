import type { FastifyInstance } from 'fastify';
import {
  bulkActionInputSchema,
  bulkActionResultSchema,
  caseCountersSchema,
  inboxSettingsSchema,
  triageExplanationSchema,
  type BulkActionInput,
  type InboxSettings,
} from '../../../shared/api/workspace';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { applyBulkAction } from './bulk-actions';
import { countCaseWork } from './case-counters';
import { getInboxSettings, saveInboxSettings } from './screen-settings';
import { explainTriage } from './triage-explanation';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export function registerWorkspaceRoutes(api: FastifyInstance, services: Services): void {
  api.get(
    '/cases/counters',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Счётчики навигации: ждут разбора, просрочены, возвращены на доработку (в пределах доступа пользователя)',
        response: { 200: caseCountersSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      requirePermission(ctx.actor, 'cases.read');
      return countCaseWork(ctx);
    },
  );

  api.post(
    '/cases/bulk',
    {
      schema: {
        tags: ['cases'],
        body: bulkActionInputSchema,
        response: { 200: bulkActionResultSchema, ...errors },
        summary:
          'Действие над многими обращениями (назначить, на разбор, объединить): каждое — своим действием и со своей проверкой прав; ответ — итог по каждому',
      },
    },
    async (request) => {
      // every bulk action is a triage action; each case is then checked on its own (block, organisation, lifecycle)
      const ctx = rootContext(services, requireUser(request));
      requirePermission(ctx.actor, 'cases.triage');
      return applyBulkAction(ctx, request.body as BulkActionInput);
    },
  );

  api.get(
    '/cases/:id/triage-explanation',
    {
      schema: {
        tags: ['cases'],
        summary: 'Почему обращение на разборе и какую организацию выбрали бы правила маршрутизации',
        params: idParams,
        response: { 200: triageExplanationSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      requirePermission(ctx.actor, 'cases.read');
      return explainTriage(ctx, (request.params as { id: string }).id);
    },
  );

  api.get(
    '/me/settings/inbox',
    {
      schema: {
        tags: ['auth'],
        summary: 'Настройки «Входящих» пользователя: столбцы и плотность',
        response: { 200: inboxSettingsSchema, ...errors },
      },
    },
    async (request) => getInboxSettings(rootContext(services, requireUser(request))),
  );

  api.put(
    '/me/settings/inbox',
    {
      schema: {
        tags: ['auth'],
        summary: 'Сохранить настройки «Входящих» пользователя',
        body: inboxSettingsSchema,
        response: { 200: inboxSettingsSchema, ...errors },
      },
    },
    async (request) => saveInboxSettings(rootContext(services, requireUser(request)), request.body as InboxSettings),
  );
}
