import {
  knowledgeEntrySchema,
  knowledgeInputSchema,
  knowledgeListSchema,
  knowledgeSearchQuerySchema,
  knowledgeSearchSchema,
  knowledgeSourcesSchema,
} from '../../../shared/api/knowledge';
import { rowParams } from '../../../shared/api/seminars';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { listEntries } from './list-entries';
import { knowledgeSources, saveEntry } from './save-entry';
import { searchKnowledge } from './search-knowledge';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const tags = ['knowledge'];

/** The knowledge base of model answers and practices: searched from the answer form, maintained by the centre. */
export function registerKnowledgeRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  api.get(
    '/knowledge/search',
    {
      schema: {
        tags,
        summary: 'Поиск образцов ответов и практик по категории обращения и словам (полнотекстовый, по-русски)',
        querystring: knowledgeSearchQuerySchema,
        response: { 200: knowledgeSearchSchema, ...errors },
      },
    },
    async (request) => searchKnowledge(ctxOf(request), request.query),
  );
  api.get(
    '/knowledge',
    {
      schema: { tags, summary: 'Записи базы знаний (и в архиве)', response: { 200: knowledgeListSchema, ...errors } },
    },
    async (request) => ({ items: await listEntries(ctxOf(request)) }),
  );
  api.get(
    '/knowledge/sources',
    {
      schema: {
        tags,
        summary: 'Откуда может быть запись: практики и материалы семинаров',
        response: { 200: knowledgeSourcesSchema, ...errors },
      },
    },
    async (request) => knowledgeSources(ctxOf(request)),
  );
  api.post(
    '/knowledge',
    {
      schema: {
        tags,
        summary: 'Новая запись базы знаний',
        body: knowledgeInputSchema,
        response: { 200: knowledgeEntrySchema, ...errors },
      },
    },
    async (request) => saveEntry(ctxOf(request), null, request.body),
  );
  api.put(
    '/knowledge/:id',
    {
      schema: {
        tags,
        summary: 'Изменить запись базы знаний (или убрать в архив)',
        params: rowParams,
        body: knowledgeInputSchema,
        response: { 200: knowledgeEntrySchema, ...errors },
      },
    },
    async (request) => saveEntry(ctxOf(request), request.params.id, request.body),
  );
}
