import type { FastifyInstance } from 'fastify';
import {
  assessInputSchema,
  measureDoneSchema,
  measureInputSchema,
  riskCommentSchema,
  riskInputSchema,
  riskListQuerySchema,
  riskListSchema,
  riskSchema,
  type AssessInput,
  type MeasureInput,
  type RiskInput,
} from '../../../shared/api/project-risks';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { addMeasure, addRisk, assessRisk, closeRisk, completeMeasure, escalateRisk, listRisks } from './risks';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['projects'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);
const commentOf = (request: { body: unknown }): string => (request.body as { comment: string }).comment;

export function registerRiskRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  const reply = { 200: riskSchema, ...errors };

  api.get(
    '/risks',
    {
      schema: {
        tags,
        summary: 'Реестр рисков по всем проектам (или одного проекта)',
        querystring: riskListQuerySchema,
        response: { 200: riskListSchema, ...errors },
      },
    },
    async (request) => listRisks(ctxOf(request), (request.query as { projectId?: number }).projectId),
  );

  api.post(
    '/projects/:id/risks',
    {
      schema: { tags, summary: 'Выявленный риск проекта', params: idParams, body: riskInputSchema, response: reply },
    },
    async (request) => addRisk(ctxOf(request), idOf(request), request.body as RiskInput),
  );

  api.post(
    '/risks/:id/assess',
    {
      schema: {
        tags,
        summary: 'Оценить или отклонить риск (10 рабочих дней)',
        params: idParams,
        body: assessInputSchema,
        response: reply,
      },
    },
    async (request) => assessRisk(ctxOf(request), idOf(request), request.body as AssessInput),
  );

  api.post(
    '/risks/:id/measures',
    {
      schema: {
        tags,
        summary: 'Мера реагирования со сроком (первая — в 5 рабочих дней)',
        params: idParams,
        body: measureInputSchema,
        response: reply,
      },
    },
    async (request) => addMeasure(ctxOf(request), idOf(request), request.body as MeasureInput),
  );

  api.post(
    '/risks/:id/measures/done',
    {
      schema: {
        tags,
        summary: 'Отметить меру выполненной',
        params: idParams,
        body: measureDoneSchema,
        response: reply,
      },
    },
    async (request) =>
      completeMeasure(ctxOf(request), idOf(request), (request.body as { measureId: number }).measureId),
  );

  api.post(
    '/risks/:id/close',
    {
      schema: { tags, summary: 'Закрыть риск', params: idParams, body: riskCommentSchema, response: reply },
    },
    async (request) => closeRisk(ctxOf(request), idOf(request), commentOf(request)),
  );

  api.post(
    '/risks/:id/escalate',
    {
      schema: {
        tags,
        summary: 'Эскалировать риск куратору',
        params: idParams,
        body: riskCommentSchema,
        response: reply,
      },
    },
    async (request) => escalateRisk(ctxOf(request), idOf(request), commentOf(request)),
  );
}
