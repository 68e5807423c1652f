import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  documentFileParams,
  documentIdParams,
  documentListQuery,
  documentListSchema,
  indicatorSetInputSchema,
  officialDocumentSchema,
  registeredVersionSchema,
  signatureInputSchema,
  signatureParams,
  type DocumentFileFormat,
} from '../../../shared/api/documents';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { CONTENT_TYPES } from '../reports/render-report';
import { attachSignature, documentFile, listDocuments, signatureFile } from './documents-queries';
import { approveIndicatorSet } from './indicator-set';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 413: errorBody };
const tags = ['documents'];
type P = { id: string; format: DocumentFileFormat; signatureId: string };

function download(reply: FastifyReply, bytes: Uint8Array, type: string, fileName: string, sha: string): FastifyReply {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('x-content-sha256', sha)
    .send(Buffer.from(bytes));
}

/** The registry of official documents: list, exact files, detached signatures. */
export function registerDocumentsRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: FastifyRequest): Ctx => rootContext(services, requireUser(request));
  const params = (request: FastifyRequest): P => request.params as P;

  api.get(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Реестр официальных документов (утверждённые версии)',
        querystring: documentListQuery,
        response: { 200: documentListSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query as { kind?: string; entity?: string };
      return { items: await listDocuments(ctxOf(request), q) };
    },
  );

  api.get(
    '/documents/:id/files/:format',
    {
      schema: {
        tags,
        summary: 'Файл зарегистрированной версии (ровно сохранённые байты, SHA-256 в X-Content-SHA256)',
        params: documentFileParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const p = params(request);
      const file = await documentFile(ctxOf(request), p.id, p.format);
      return download(reply, file.bytes, CONTENT_TYPES[p.format], file.fileName, file.sha256);
    },
  );

  api.post(
    '/documents/:id/signatures',
    {
      schema: {
        tags,
        summary: 'Приложить отсоединённую подпись (.p7s, .sig, .sgn, .asc) к версии',
        params: documentIdParams,
        body: signatureInputSchema,
        response: { 200: officialDocumentSchema, ...errors },
      },
    },
    async (request) =>
      attachSignature(ctxOf(request), params(request).id, request.body as { fileName: string; contentBase64: string }),
  );

  api.post(
    '/documents/indicator-set',
    {
      schema: {
        tags,
        summary: 'Утвердить перечень показателей на год (куратор): регистрируется официальный документ',
        body: indicatorSetInputSchema,
        response: { 200: registeredVersionSchema, ...errors, 409: errorBody },
      },
    },
    async (request) => {
      const v = await approveIndicatorSet(ctxOf(request), (request.body as { year: number }).year);
      return { ...v, registeredAt: v.registeredAt.toISOString() };
    },
  );

  api.get(
    '/documents/:id/signatures/:signatureId',
    {
      schema: { tags, summary: 'Файл подписи', params: signatureParams, response: errors },
    },
    async (request, reply) => {
      const p = params(request);
      const sig = await signatureFile(ctxOf(request), p.id, p.signatureId);
      return download(reply, sig.bytes, sig.content_type, sig.file_name, sig.sha256);
    },
  );
}
