import type { FastifyInstance } from 'fastify';
import {
  poDocumentDetailSchema,
  poDocumentEditSchema,
  poDocumentInputSchema,
  poDocumentListQuerySchema,
  poDocumentListSchema,
  type PoDocumentInput,
} from '../../../shared/api/po-documents';
import { returnInputSchema, stepInputSchema } from '../../../shared/api/projects';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import {
  createOfficeDocument,
  editOfficeDocument,
  getOfficeDocument,
  listOfficeDocuments,
  stepOfficeDocument,
} from './office-documents';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['projects'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);
const STEPS = [
  ['submit', stepInputSchema],
  ['agree', stepInputSchema],
  ['approve', stepInputSchema],
  ['return', returnInputSchema],
] as const;

export function registerOfficeDocumentRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  const reply = { 200: poDocumentDetailSchema, ...errors };

  api.get(
    '/po-documents',
    {
      schema: {
        tags,
        summary: 'Составы групп и дополнительные показатели на согласовании',
        querystring: poDocumentListQuerySchema,
        response: { 200: poDocumentListSchema, ...errors },
      },
    },
    async (request) => listOfficeDocuments(ctxOf(request), (request.query as { type?: 'group' | 'indicator' }).type),
  );

  api.post(
    '/po-documents',
    {
      schema: {
        tags,
        summary: 'Новый документ (состав группы, дополнительный показатель)',
        body: poDocumentInputSchema,
        response: reply,
      },
    },
    async (request) => createOfficeDocument(ctxOf(request), request.body as PoDocumentInput),
  );

  api.get(
    '/po-documents/:id',
    { schema: { tags, summary: 'Документ, его шаги и утверждённые версии', params: idParams, response: reply } },
    async (request) => getOfficeDocument(ctxOf(request), idOf(request)),
  );

  api.put(
    '/po-documents/:id',
    {
      schema: {
        tags,
        summary: 'Изменить документ (утверждённый — новой редакцией)',
        params: idParams,
        body: poDocumentEditSchema,
        response: reply,
      },
    },
    async (request) => {
      const body = request.body as { content: unknown; comment: string };
      return editOfficeDocument(ctxOf(request), idOf(request), body.content, body.comment);
    },
  );

  for (const [action, body] of STEPS) {
    api.post(
      `/po-documents/:id/${action}`,
      {
        schema: { tags, summary: `Шаг согласования: ${action}`, params: idParams, body: body, response: reply },
      },
      async (request) =>
        stepOfficeDocument(ctxOf(request), idOf(request), action, (request.body as { comment: string }).comment),
    );
  }
}
