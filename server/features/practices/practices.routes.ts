import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  followUpInputSchema,
  practiceInputSchema,
  practiceListSchema,
  practiceQuerySchema,
  practiceSchema,
  recommendationInputSchema,
  recommendationListSchema,
  recommendationSchema,
  type FollowUpInput,
  type PracticeInput,
  type RecommendationInput,
} from '../../../shared/api/practices';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { createRecommendation, followUp, listPractices, listRecommendations, savePractice } from './practices';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['practices'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);

export function registerPracticesRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  api.get(
    '/practices',
    {
      schema: {
        tags,
        summary: 'Библиотека практик: поиск по словам и категории (и из работы над ответом)',
        querystring: practiceQuerySchema,
        response: { 200: practiceListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listPractices(ctxOf(request), request.query as z.infer<typeof practiceQuerySchema>),
    }),
  );
  api.post(
    '/practices',
    {
      schema: {
        tags,
        summary: 'Новая практика',
        body: practiceInputSchema,
        response: { 200: practiceSchema, ...errors },
      },
    },
    async (request) => savePractice(ctxOf(request), null, request.body as PracticeInput),
  );
  api.put(
    '/practices/:id',
    {
      schema: {
        tags,
        summary: 'Изменить практику',
        params: idParams,
        body: practiceInputSchema,
        response: { 200: practiceSchema, ...errors },
      },
    },
    async (request) => savePractice(ctxOf(request), idOf(request), request.body as PracticeInput),
  );
  api.get(
    '/recommendations',
    {
      schema: {
        tags,
        summary: 'Рекомендации органам: ответственный, срок, исполнение',
        response: { 200: recommendationListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listRecommendations(ctxOf(request)) }),
  );
  api.post(
    '/recommendations',
    {
      schema: {
        tags,
        summary: 'Новая рекомендация',
        body: recommendationInputSchema,
        response: { 200: recommendationSchema, ...errors },
      },
    },
    async (request) => createRecommendation(ctxOf(request), request.body as RecommendationInput),
  );
  api.post(
    '/recommendations/:id/follow-up',
    {
      schema: {
        tags,
        summary: 'Отметка об исполнении рекомендации',
        params: idParams,
        body: followUpInputSchema,
        response: { 200: recommendationSchema, ...errors },
      },
    },
    async (request) => followUp(ctxOf(request), idOf(request), request.body as FollowUpInput),
  );
}
