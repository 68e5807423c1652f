import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { fileUploadSchema, importResultSchema, type FileUpload } from '../../../shared/api/public-pages';
import {
  CONFLICT_RULE,
  voteDetailSchema,
  voteInputSchema,
  voteListSchema,
  voteQuerySchema,
  type VoteInput,
} from '../../../shared/api/votes';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { importVotesFile } from './import-votes';
import { changeVote, createVote, getVote } from './save-vote';
import { loadVotes } from './votes.repository';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['votes'];
const idOf = (request: { params: unknown }): number => Number((request.params as { id: string }).id);

export function registerVotesRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/votes',
    {
      schema: {
        tags,
        summary: 'Голосования и общественные обсуждения рядом с обращениями той же категории и территории',
        querystring: voteQuerySchema,
        response: { 200: voteListSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      requirePermission(ctx.actor, 'analytics.read');
      return { items: await loadVotes(ctx.db, request.query as z.infer<typeof voteQuerySchema>), rule: CONFLICT_RULE };
    },
  );

  api.post(
    '/votes',
    {
      schema: {
        tags,
        summary: 'Новое голосование или обсуждение',
        body: voteInputSchema,
        response: { 200: voteDetailSchema, ...errors },
      },
    },
    async (request) => createVote(ctxOf(request), request.body as VoteInput),
  );

  api.get(
    '/votes/:id',
    {
      schema: {
        tags,
        summary: 'Голосование с историей изменений',
        params: idParams,
        response: { 200: voteDetailSchema, ...errors },
      },
    },
    async (request) => getVote(ctxOf(request), idOf(request)),
  );

  api.put(
    '/votes/:id',
    {
      schema: {
        tags,
        summary: 'Изменить голосование: итоги, решение, реализация',
        params: idParams,
        body: voteInputSchema,
        response: { 200: voteDetailSchema, ...errors },
      },
    },
    async (request) => changeVote(ctxOf(request), idOf(request), request.body as VoteInput),
  );

  api.post(
    '/votes/import',
    {
      schema: {
        tags,
        summary: 'Голосования и обсуждения из файла CSV или XLSX',
        body: fileUploadSchema,
        response: { 200: importResultSchema, ...errors },
      },
      config: { maxBodyBytes: 15 * 1024 * 1024 },
    },
    async (request) => importVotesFile(ctxOf(request), request.body as FileUpload),
  );
}
