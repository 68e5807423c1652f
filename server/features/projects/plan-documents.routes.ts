import {
  changeRequestInputSchema,
  consolidatedPlanInputSchema,
  measureFactInputSchema,
  passportVersionsSchema,
  planDocumentDetailSchema,
  planEditSchema,
  planListSchema,
  progressReportInputSchema,
  projectPlanDocumentsSchema,
} from '../../../shared/api/po-plans';
import { returnInputSchema, stepInputSchema } from '../../../shared/api/projects';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { passportVersions } from './change-requests';
import {
  createChangeRequest,
  createConsolidatedPlan,
  createProgressReport,
  editPlanDocument,
  getPlanDocument,
  listConsolidatedPlans,
  projectPlanDocuments,
  recordMeasureDone,
  stepPlanDocument,
} from './plan-documents';

// Progress reports and change requests of a project, consolidated plans, and the steps of their approval chain.
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['projects'];
const reply = { 200: planDocumentDetailSchema, ...errors };
const STEPS = [
  ['submit', 'Направить на согласование (утверждение)', stepInputSchema],
  ['agree', 'Согласовать (руководитель ЦУР)', stepInputSchema],
  ['approve', 'Утвердить (куратор)', stepInputSchema],
  ['return', 'Вернуть на доработку с комментарием', returnInputSchema],
] as const;

export function registerPlanDocumentRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/projects/:id/plan-documents',
    {
      schema: {
        tags,
        summary: 'Отчёты о ходе реализации и запросы на изменение проекта',
        params: idParams,
        response: { 200: projectPlanDocumentsSchema, ...errors },
      },
    },
    async (request) => projectPlanDocuments(ctxOf(request), Number(request.params.id)),
  );

  api.get(
    '/projects/:id/passport-versions',
    {
      schema: {
        tags,
        summary: 'Утверждённые редакции паспорта и что в каждой изменилось',
        params: idParams,
        response: { 200: passportVersionsSchema, ...errors },
      },
    },
    async (request) => passportVersions(ctxOf(request), Number(request.params.id)),
  );

  api.post(
    '/projects/:id/progress-reports',
    {
      schema: {
        tags,
        summary: 'Новый отчёт о ходе реализации за месяц, квартал или год',
        params: idParams,
        body: progressReportInputSchema,
        response: reply,
      },
    },
    async (request) => createProgressReport(ctxOf(request), Number(request.params.id), request.body),
  );

  api.post(
    '/projects/:id/change-requests',
    {
      schema: {
        tags,
        summary: 'Новый запрос на изменение утверждённого паспорта',
        params: idParams,
        body: changeRequestInputSchema,
        response: reply,
      },
    },
    async (request) => createChangeRequest(ctxOf(request), Number(request.params.id), request.body),
  );

  api.get(
    '/consolidated-plans',
    {
      schema: { tags, summary: 'Сводные планы по темам', response: { 200: planListSchema, ...errors } },
    },
    async (request) => listConsolidatedPlans(ctxOf(request)),
  );

  api.post(
    '/consolidated-plans',
    {
      schema: {
        tags,
        summary: 'Новый сводный план по теме (руководитель ЦУР)',
        body: consolidatedPlanInputSchema,
        response: reply,
      },
    },
    async (request) => createConsolidatedPlan(ctxOf(request), request.body),
  );

  api.get(
    '/plan-documents/:id',
    {
      schema: {
        tags,
        summary: 'Отчёт, запрос на изменение или сводный план: содержание, шаги, редакции',
        params: idParams,
        response: reply,
      },
    },
    async (request) => getPlanDocument(ctxOf(request), Number(request.params.id)),
  );

  api.put(
    '/plan-documents/:id',
    {
      schema: {
        tags,
        summary: 'Изменить документ (утверждённый — новой редакцией)',
        params: idParams,
        body: planEditSchema,
        response: reply,
      },
    },
    async (request) =>
      editPlanDocument(ctxOf(request), Number(request.params.id), request.body.content, request.body.comment),
  );

  api.post(
    '/plan-documents/:id/measures',
    {
      schema: {
        tags,
        summary: 'Отметить выполнение мероприятия сводного плана',
        params: idParams,
        body: measureFactInputSchema,
        response: reply,
      },
    },
    async (request) => recordMeasureDone(ctxOf(request), Number(request.params.id), request.body),
  );

  for (const [action, summary, body] of STEPS) {
    api.post(
      `/plan-documents/:id/${action}`,
      {
        schema: { tags, summary, params: idParams, body, response: reply },
      },
      async (request) => stepPlanDocument(ctxOf(request), Number(request.params.id), action, request.body.comment),
    );
  }
}
