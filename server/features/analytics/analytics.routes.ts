import type { AppInstance } from '../../http/app-instance';
import {
  casePointsQuerySchema,
  casePointsSchema,
  problemCategoriesConfirmSchema,
  problemCategoriesQuerySchema,
  ratingsQuerySchema,
  ratingsResponseSchema,
  seriesQuerySchema,
  spikesQuerySchema,
  spikesResponseSchema,
  volumesQuerySchema,
  volumesResponseSchema,
  workloadNormsInputSchema,
  workloadQuerySchema,
  type RatingsQuery,
} from '../../../shared/api/analytics';
import { requireUser } from '../../http/auth-hook';
import { errorBody, undeclaredBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import type { z } from 'zod';
import { computeSeries, computeVolumes } from './aggregates';
import { casePoints } from './case-points';
import { confirmProblemCategories, problemCategories } from './problem-categories';
import { ratingsReport } from './ratings-report';
import { detectSpikes } from './spikes';
import { saveWorkloadNorms, workload } from './workload';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function registerAnalyticsRoutes(api: AppInstance, services: Services): void {
  const ctx = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  const get = <Q extends z.ZodTypeAny>(
    path: string,
    summary: string,
    querystring: Q,
    run: (c: ReturnType<typeof ctx>, q: z.infer<Q>) => Promise<unknown>,
    response?: z.ZodTypeAny,
  ) => {
    api.get(
      `/analytics/${path}`,
      {
        schema: {
          tags: ['analytics'],
          summary,
          querystring,
          response: { ...(response ? { 200: response } : {}), ...errors },
        },
      },
      async (request) => run(ctx(request), querystring.parse(request.query)),
    );
  };
  get(
    'ratings',
    'Рейтинг организаций или муниципалитетов за период (даты включительно, по Москве)',
    ratingsQuerySchema,
    (c, q: RatingsQuery) => ratingsReport(c, q),
    ratingsResponseSchema,
  );
  get(
    'volumes',
    'Объёмы по измерению за период с изменением к прошлому периоду и к прошлому году',
    volumesQuerySchema,
    (c, q) => computeVolumes(c, q),
    volumesResponseSchema,
  );
  get('series', 'Динамика по дням, неделям или месяцам', seriesQuerySchema, (c, q) => computeSeries(c, q));
  get(
    'spikes',
    'Всплески: категория × муниципалитет заметно выше своей базы',
    spikesQuerySchema,
    (c, q) => detectSpikes(c, q),
    spikesResponseSchema,
  );
  get(
    'problem-categories',
    'Проблемные категории по блокам: предложение по данным и подтверждённые списки',
    problemCategoriesQuerySchema,
    (c, q) => problemCategories(c, q),
  );
  get(
    'points',
    'Точки обращений с координатами за период (для карты)',
    casePointsQuerySchema,
    (c, q) => casePoints(c, q),
    casePointsSchema,
  );
  get(
    'workload',
    'Нагрузка по блокам, организациям и сотрудникам; оценка штата по нормативам',
    workloadQuerySchema,
    (c, q) => workload(c, q),
  );

  api.post(
    '/analytics/problem-categories',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Куратор подтверждает список проблемных категорий блока',
        body: problemCategoriesConfirmSchema,
        response: { 200: undeclaredBody, ...errors },
      },
    },
    async (request) => confirmProblemCategories(ctx(request), request.body),
  );
  api.post(
    '/analytics/workload/norms',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Нормативы трудозатрат блока (администратор)',
        body: workloadNormsInputSchema,
        response: { 200: undeclaredBody, ...errors },
      },
    },
    async (request) => saveWorkloadNorms(ctx(request), request.body),
  );
}
