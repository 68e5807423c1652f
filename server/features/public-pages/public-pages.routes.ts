import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  checkInputSchema,
  criteriaInputSchema,
  criteriaSchema,
  fileUploadSchema,
  importResultSchema,
  pageDetailSchema,
  pageInputSchema,
  pageListSchema,
  providerWeeksSchema,
  ratingQuerySchema,
  ratingSchema,
  SCORE_SETS,
  type CheckInput,
  type FileUpload,
  type PageInput,
  type ScoreSet,
} from '../../../shared/api/public-pages';
import { requireActor, requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { getPage, listPages } from './page-queries';
import { loadCriteria, pageRating, saveCriteria } from './page-rating';
import { importWeeksFile, pushWeeks } from './page-weeks';
import { changePage, createPage, recordCheck } from './save-page';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['public-pages'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);
const setParams = z.object({ set: z.enum(SCORE_SETS) });

export function registerPublicPagesRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/public-pages',
    {
      schema: {
        tags,
        summary: 'Реестр официальных страниц (госпабликов)',
        response: { 200: pageListSchema, ...errors },
      },
    },
    async (request) => listPages(ctxOf(request)),
  );

  api.post(
    '/public-pages',
    {
      schema: {
        tags,
        summary: 'Новая официальная страница',
        body: pageInputSchema,
        response: { 200: pageDetailSchema, ...errors },
      },
    },
    async (request) => createPage(ctxOf(request), request.body as PageInput),
  );

  api.get(
    '/public-pages/:id',
    {
      schema: {
        tags,
        summary: 'Страница: проверки, недельные показатели, история',
        params: idParams,
        response: { 200: pageDetailSchema, ...errors },
      },
    },
    async (request) => getPage(ctxOf(request), idOf(request)),
  );

  api.put(
    '/public-pages/:id',
    {
      schema: {
        tags,
        summary: 'Изменить страницу',
        params: idParams,
        body: pageInputSchema,
        response: { 200: pageDetailSchema, ...errors },
      },
    },
    async (request) => changePage(ctxOf(request), idOf(request), request.body as PageInput),
  );

  api.post(
    '/public-pages/:id/checks',
    {
      schema: {
        tags,
        summary: 'Проверка обязательного элемента (дата и подтверждение)',
        params: idParams,
        body: checkInputSchema,
        response: { 200: pageDetailSchema, ...errors },
      },
    },
    async (request) => recordCheck(ctxOf(request), idOf(request), request.body as CheckInput),
  );

  api.post(
    '/public-pages/weeks/import',
    {
      schema: {
        tags,
        summary: 'Недельные показатели страниц из файла CSV или XLSX',
        body: fileUploadSchema,
        response: { 200: importResultSchema, ...errors },
      },
      config: { maxBodyBytes: 15 * 1024 * 1024 },
    },
    async (request) => importWeeksFile(ctxOf(request), request.body as FileUpload),
  );

  api.post(
    '/public-pages/weeks',
    {
      schema: {
        tags,
        summary: 'Недельные показатели страниц от поставщика мониторинга (токен с областью monitoring)',
        security: [{ bearer: [] }],
        body: providerWeeksSchema,
        response: { 200: importResultSchema, ...errors },
      },
    },
    async (request) =>
      pushWeeks(
        rootContext(services, requireActor(request)),
        (request.body as z.infer<typeof providerWeeksSchema>).weeks,
      ),
  );

  api.get(
    '/public-pages/ratings',
    {
      schema: {
        tags,
        summary: 'Рейтинг страниц за период: по страницам, муниципалитетам и органам',
        querystring: ratingQuerySchema,
        response: { 200: ratingSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query as z.infer<typeof ratingQuerySchema>;
      return pageRating(ctxOf(request), q.from, q.to, q.set);
    },
  );

  api.get(
    '/public-pages/criteria/:set',
    {
      schema: {
        tags,
        summary: 'Критерии оценки (100 баллов)',
        params: setParams,
        response: { 200: criteriaSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      requirePermission(ctx.actor, 'analytics.read');
      const { set } = request.params as { set: ScoreSet };
      return { set, items: await loadCriteria(ctx.db, set) };
    },
  );

  api.put(
    '/public-pages/criteria/:set',
    {
      schema: {
        tags,
        summary: 'Изменить критерии оценки (сумма — 100 баллов)',
        params: setParams,
        body: criteriaInputSchema,
        response: { 200: criteriaSchema, ...errors },
      },
    },
    async (request) => {
      const { set } = request.params as { set: ScoreSet };
      return {
        set,
        items: await saveCriteria(ctxOf(request), set, (request.body as z.infer<typeof criteriaInputSchema>).items),
      };
    },
  );
}
