import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { fileUploadSchema, importResultSchema, type FileUpload } from '../../../shared/api/public-pages';
import {
  interactionInputSchema,
  mediaDetailSchema,
  mediaInputSchema,
  mediaListSchema,
  mentionsQuerySchema,
  mentionsSchema,
  type InteractionInput,
  type MediaInput,
} from '../../../shared/api/media';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { importMediaFile } from './import-media';
import { loadContacts, loadInteractions } from './media.repository';
import { getContact, recordInteraction, saveContact } from './save-media';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['media'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);

export function registerMediaRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/media',
    {
      schema: { tags, summary: 'СМИ и лидеры общественного мнения', response: { 200: mediaListSchema, ...errors } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      requirePermission(ctx.actor, 'analytics.read');
      return { items: await loadContacts(ctx.db) };
    },
  );
  api.post(
    '/media',
    {
      schema: {
        tags,
        summary: 'Новое СМИ или лидер мнений',
        body: mediaInputSchema,
        response: { 200: mediaDetailSchema, ...errors },
      },
    },
    async (request) => saveContact(ctxOf(request), null, request.body as MediaInput),
  );
  api.get(
    '/media/mentions',
    {
      schema: {
        tags,
        summary: 'Упоминания и запросы СМИ по обращению',
        querystring: mentionsQuerySchema,
        response: { 200: mentionsSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      requirePermission(ctx.actor, 'analytics.read');
      return {
        items: await loadInteractions(ctx.db, { caseId: (request.query as z.infer<typeof mentionsQuerySchema>).case }),
      };
    },
  );
  api.get(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'Контакт со взаимодействиями и историей',
        params: idParams,
        response: { 200: mediaDetailSchema, ...errors },
      },
    },
    async (request) => getContact(ctxOf(request), idOf(request)),
  );
  api.put(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'Изменить контакт',
        params: idParams,
        body: mediaInputSchema,
        response: { 200: mediaDetailSchema, ...errors },
      },
    },
    async (request) => saveContact(ctxOf(request), idOf(request), request.body as MediaInput),
  );
  api.post(
    '/media/:id/interactions',
    {
      schema: {
        tags,
        summary: 'Взаимодействие: запрос, публикация, комментарий, упоминание, встреча',
        params: idParams,
        body: interactionInputSchema,
        response: { 200: mediaDetailSchema, ...errors },
      },
    },
    async (request) => recordInteraction(ctxOf(request), idOf(request), request.body as InteractionInput),
  );
  api.post(
    '/media/import',
    {
      schema: {
        tags,
        summary: 'Реестр СМИ и лидеров мнений из файла CSV или XLSX',
        body: fileUploadSchema,
        response: { 200: importResultSchema, ...errors },
      },
      config: { maxBodyBytes: 15 * 1024 * 1024 },
    },
    async (request) => importMediaFile(ctxOf(request), request.body as FileUpload),
  );
}
