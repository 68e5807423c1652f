import {
  roadmapCreateSchema,
  roadmapDetailSchema,
  roadmapEditSchema,
  roadmapListSchema,
} from '../../../shared/api/roadmap';
import { returnInputSchema, stepInputSchema } from '../../../shared/api/projects';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { createRoadmap, editRoadmap, getRoadmap, listRoadmaps, stepRoadmap } from './roadmap';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['roadmap'];
const reply = { 200: roadmapDetailSchema, ...errors };
const STEPS = [
  ['submit', stepInputSchema],
  ['agree', stepInputSchema],
  ['approve', stepInputSchema],
  ['return', returnInputSchema],
] as const;

export function registerRoadmapRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/roadmap',
    { schema: { tags, summary: 'Дорожные карты ЦУР по годам', response: { 200: roadmapListSchema, ...errors } } },
    async (request) => listRoadmaps(ctxOf(request)),
  );

  api.post(
    '/roadmap',
    {
      schema: {
        tags,
        summary: 'Дорожная карта на новый год (из последней утверждённой)',
        body: roadmapCreateSchema,
        response: reply,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return getRoadmap(ctx, await createRoadmap(ctx, request.body.year));
    },
  );

  api.get(
    '/roadmap/:id',
    {
      schema: {
        tags,
        summary: 'Дорожная карта: мероприятия, версии и изменения к предыдущей утверждённой',
        params: idParams,
        response: reply,
      },
    },
    async (request) => getRoadmap(ctxOf(request), Number(request.params.id)),
  );

  api.put(
    '/roadmap/:id',
    {
      schema: {
        tags,
        summary: 'Изменить дорожную карту (утверждённую — новой редакцией)',
        params: idParams,
        body: roadmapEditSchema,
        response: reply,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await editRoadmap(ctx, Number(request.params.id), request.body);
      return getRoadmap(ctx, Number(request.params.id));
    },
  );

  for (const [action, body] of STEPS) {
    api.post(
      `/roadmap/:id/${action}`,
      {
        schema: {
          tags,
          summary: `Дорожная карта: шаг согласования ${action}`,
          params: idParams,
          body,
          response: reply,
        },
      },
      async (request) => {
        const ctx = ctxOf(request);
        await stepRoadmap(ctx, Number(request.params.id), action, request.body.comment);
        return getRoadmap(ctx, Number(request.params.id));
      },
    );
  }
}
