import {
  evidenceInputSchema,
  evidenceRemoveSchema,
  scopeHistorySchema,
  scopeTargetInputSchema,
  scopeValueInputSchema,
  targetsMatrixSchema,
  targetsQuerySchema,
} from '../../../shared/api/kpi-targets';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { addEvidence, recordScopeValue, removeEvidence, setScopeTarget } from './kpi-targets';
import { scopeHistory, targetsMatrix } from './kpi-targets-queries';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['kpi'];
const history = { 200: scopeHistorySchema, ...errors };

export function registerKpiTargetRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/kpi/targets',
    {
      schema: {
        tags,
        summary: 'Цели и факт по блокам и категориям за год',
        querystring: targetsQuerySchema,
        response: { 200: targetsMatrixSchema, ...errors },
      },
    },
    async (request) => targetsMatrix(ctxOf(request), request.query.year, request.query.on),
  );

  api.get(
    '/kpi/:id/scopes',
    {
      schema: {
        tags,
        summary: 'История целей, значений по блокам и категориям и связей с проектами',
        params: idParams,
        response: history,
      },
    },
    async (request) => scopeHistory(ctxOf(request), Number(request.params.id)),
  );

  api.post(
    '/kpi/:id/scope-targets',
    {
      schema: {
        tags,
        summary: 'Цель показателя для блока (категории) на год',
        params: idParams,
        body: scopeTargetInputSchema,
        response: history,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await setScopeTarget(ctx, Number(request.params.id), request.body);
      return scopeHistory(ctx, Number(request.params.id));
    },
  );

  api.post(
    '/kpi/:id/scope-values',
    {
      schema: {
        tags,
        summary: 'Значение показателя для блока (категории), внесённое вручную',
        params: idParams,
        body: scopeValueInputSchema,
        response: history,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await recordScopeValue(ctx, Number(request.params.id), request.body);
      return scopeHistory(ctx, Number(request.params.id));
    },
  );

  api.post(
    '/kpi/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Связать показатель с проектом и результатом',
        params: idParams,
        body: evidenceInputSchema,
        response: history,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await addEvidence(ctx, Number(request.params.id), request.body.projectId, request.body.result);
      return scopeHistory(ctx, Number(request.params.id));
    },
  );

  api.post(
    '/kpi/:id/evidence/remove',
    {
      schema: {
        tags,
        summary: 'Снять связь показателя с проектом',
        params: idParams,
        body: evidenceRemoveSchema,
        response: history,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await removeEvidence(ctx, Number(request.params.id), request.body.evidenceId);
      return scopeHistory(ctx, Number(request.params.id));
    },
  );
}
