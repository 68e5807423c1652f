import type { AppInstance } from '../../../http/app-instance';
import type { z } from 'zod';
import {
  classifierDriftQuerySchema,
  classifierDriftSchema,
  classifierModelListSchema,
  retrainInputSchema,
  retrainResultSchema,
  type ClassifierModelInfo,
} from '../../../../shared/api/classifier';
import { requireUser } from '../../../http/auth-hook';
import { errorBody, idParams } from '../../../http/schemas';
import { rootContext, type Services } from '../../../lib/context';
import { requirePermission } from '../../auth/authorize';
import { activateModel } from './activate';
import { classifierDrift } from './drift';
import { listModels, type StoredModelInfo } from './models.repository';
import { describeRetrain } from './report';
import { retrainFromDatabase } from './retrain';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const present = (m: StoredModelInfo): ClassifierModelInfo => ({
  version: m.version,
  createdAt: m.createdAt.toISOString(),
  status: m.status,
  trainingSize: m.trainingSize,
  corrections: m.corrections,
  modelBytes: m.modelBytes,
  activatedAt: m.activatedAt?.toISOString() ?? null,
  decision: m.decision,
  evaluation: m.evaluation,
});

/** Versions of the block → category classifier: list, retrain from operators' corrections, activate or roll back. */
export function registerClassifierRoutes(api: AppInstance, services: Services): void {
  const list = async (request: Parameters<typeof requireUser>[0]) => {
    const actor = requireUser(request);
    requirePermission(actor, 'reference.manage');
    const items = (await listModels(rootContext(services, actor))).map(present);
    return { activeVersion: items.find((m) => m.status === 'active')?.version ?? null, items };
  };

  api.get(
    '/classifier/models',
    {
      schema: {
        tags: ['classifier'],
        summary: 'Версии классификатора с оценкой и статусом',
        response: { 200: classifierModelListSchema, ...errors },
      },
    },
    list,
  );

  api.post(
    '/classifier/models',
    {
      schema: {
        tags: ['classifier'],
        summary: 'Переобучить на исправлениях операторов (включается, только если не хуже)',
        body: retrainInputSchema,
        response: { 200: retrainResultSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      requirePermission(actor, 'reference.manage');
      const input: z.infer<typeof retrainInputSchema> = request.body ?? {};
      const r = await retrainFromDatabase(
        rootContext(services, actor),
        input.tolerance === undefined ? {} : { tolerance: input.tolerance },
      );
      return {
        version: r.version,
        status: r.status,
        comparedWith: r.comparedWith,
        worse: r.worse,
        trainingSize: r.trainingSize,
        corrections: r.corrections,
        seconds: r.seconds,
        message: describeRetrain(r).at(-1) ?? '',
      };
    },
  );

  api.post(
    '/classifier/models/:id/activate',
    {
      schema: {
        tags: ['classifier'],
        summary: 'Включить версию классификатора (в том числе откат)',
        params: idParams,
        response: { 200: classifierModelListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      requirePermission(actor, 'reference.manage');
      await activateModel(rootContext(services, actor), Number(request.params.id));
      return list(request);
    },
  );

  api.get(
    '/classifier/drift',
    {
      schema: {
        tags: ['classifier'],
        summary: 'Точность классификатора по месяцам и категории, где она упала',
        querystring: classifierDriftQuerySchema,
        response: { 200: classifierDriftSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      requirePermission(actor, 'reference.manage');
      return classifierDrift(rootContext(services, actor), request.query.months);
    },
  );
}
