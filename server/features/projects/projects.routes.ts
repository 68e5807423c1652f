import { z } from 'zod';
import {
  factInputSchema,
  passportSchema,
  progressQuerySchema,
  progressSchema,
  projectCreateSchema,
  projectDetailSchema,
  projectListSchema,
  returnInputSchema,
  stepInputSchema,
} from '../../../shared/api/projects';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { projectProgress, recordFact } from './project-progress';
import { createProject, editPassport, getProject, listProjects, stepPassport } from './projects';
import { registerCentreRoutes } from './centre.routes';
import { registerOfficeDocumentRoutes } from './office-documents.routes';
import { registerPlanDocumentRoutes } from './plan-documents.routes';
import { registerRiskRoutes } from './risks.routes';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['projects'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);
const listQuery = z.object({ block: z.string().max(80).optional() });
const editBody = z.object({ passport: passportSchema, comment: z.string().trim().max(2000).default('') });

const STEPS = [
  ['submit', 'Направить паспорт на согласование (утверждение)', stepInputSchema],
  ['agree', 'Согласовать паспорт (руководитель ЦУР)', stepInputSchema],
  ['approve', 'Утвердить паспорт (куратор)', stepInputSchema],
  ['return', 'Вернуть паспорт на доработку с комментарием', returnInputSchema],
] as const;

export function registerProjectRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Проекты (программы) по блокам',
        querystring: listQuery,
        response: { 200: projectListSchema, ...errors },
      },
    },
    async (request) => listProjects(ctxOf(request), request.query.block),
  );

  api.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Новый проект с черновиком паспорта',
        body: projectCreateSchema,
        response: { 200: projectDetailSchema, ...errors },
      },
    },
    async (request) => createProject(ctxOf(request), request.body),
  );

  api.get(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Проект: паспорт, утверждённая версия, шаги согласования',
        params: idParams,
        response: { 200: projectDetailSchema, ...errors },
      },
    },
    async (request) => getProject(ctxOf(request), idOf(request)),
  );

  api.put(
    '/projects/:id/passport',
    {
      schema: {
        tags,
        summary: 'Изменить паспорт (утверждённый — новой редакцией)',
        params: idParams,
        body: editBody,
        response: { 200: projectDetailSchema, ...errors },
      },
    },
    async (request) => {
      const body = request.body;
      return editPassport(ctxOf(request), idOf(request), body.passport, body.comment);
    },
  );

  for (const [action, summary, body] of STEPS) {
    api.post(
      `/projects/:id/passport/${action}`,
      {
        schema: { tags, summary, params: idParams, body, response: { 200: projectDetailSchema, ...errors } },
      },
      async (request) => stepPassport(ctxOf(request), idOf(request), action, request.body.comment),
    );
  }

  api.get(
    '/projects/:id/progress',
    {
      schema: {
        tags,
        summary: 'План и факт показателей паспорта по месяцам',
        params: idParams,
        querystring: progressQuerySchema,
        response: { 200: progressSchema, ...errors },
      },
    },
    async (request) => projectProgress(ctxOf(request), idOf(request), request.query.year),
  );

  api.post(
    '/projects/:id/facts',
    {
      schema: {
        tags,
        summary: 'Внести факт показателя за месяц',
        params: idParams,
        body: factInputSchema,
        response: { 200: progressSchema, ...errors },
      },
    },
    async (request) => recordFact(ctxOf(request), idOf(request), request.body),
  );

  registerRiskRoutes(api, services);
  registerOfficeDocumentRoutes(api, services);
  registerCentreRoutes(api, services);
  registerPlanDocumentRoutes(api, services);
}
