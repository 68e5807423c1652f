import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import {
  answerInputSchema,
  caseDetailSchema,
  caseFacetsQuerySchema,
  caseFacetsSchema,
  caseListQuerySchema,
  caseListSchema,
  extendInputSchema,
  ratingInputSchema,
  reassignInputSchema,
  reclassifyInputSchema,
  rejectInputSchema,
  reviewInputSchema,
  transitionInputSchema,
} from '../../../shared/api/cases';
import { purposeQuerySchema } from '../../../shared/api/personal-data';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Actor, type Services } from '../../lib/context';
import { messageBodyLimit } from '../intake/intake.routes';
import { answerCase } from './answer-case';
import { countFacets } from './case-facets';
import { changeStatus } from './change-status';
import { extendDeadline } from './extend-deadline';
import { rejectCase } from './reject-case';
import { getCase } from './get-case';
import { listScope } from './cases.policy';
import { presentList } from './cases.presenter';
import { listCases } from './cases.repository';
import { registerPublicationRoutes } from './publication.routes';
import { rateCase } from './rate-case';
import { reviewAnswer } from './review-answer';
import { reassignCase } from './reassign-case';
import { reclassifyCase } from './reclassify-case';
import { recordAccess } from '../personal-data/access-journal';
import { maskCaseList, viewOf } from '../personal-data/case-view';

/** The search reaches the author's name, phone and e-mail only for roles that see them (the search is journaled). */
const searchOptions = (actor: Actor) => ({ byAuthor: viewOf(actor).name && viewOf(actor).contact });

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function registerCasesRoutes(api: AppInstance, services: Services): void {
  api.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Список обращений с фильтрами и постраничной выдачей',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const q = request.query;
      const now = services.clock.now();
      const { rows, total } = await listCases(services.database.db, q, now, listScope(actor), searchOptions(actor));
      const ref = await services.reference.get(services.database.db);
      const items = await maskCaseList(services.database.db, presentList(rows, ref, now), viewOf(actor));
      // One journal row per page: the case ids shown and the filters (a search by name or phone is in `q`).
      const { purpose, page, pageSize, sort: _sort, ...filters } = q;
      await recordAccess(rootContext(services, actor), {
        action: q.q?.trim() ? 'case_search' : 'case_list',
        purpose,
        caseIds: items.map((i) => i.id),
        scope: { ...filters, page, pageSize },
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  api.get(
    '/cases/facets',
    {
      schema: {
        tags: ['cases'],
        summary: 'Счётчики по значениям фильтров (каждый — при остальных фильтрах)',
        querystring: caseFacetsQuerySchema,
        response: { 200: caseFacetsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const ref = await services.reference.get(services.database.db);
      return countFacets(
        services.database.db,
        request.query,
        services.clock.now(),
        listScope(actor),
        ref,
        searchOptions(actor),
      );
    },
  );

  api.get(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Карточка обращения с историей (чтение записывается в журнал доступа с целью `purpose`)',
        params: idParams,
        querystring: purposeQuerySchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      const card = await getCase(ctx, request.params.id);
      await recordAccess(ctx, { action: 'case_card', purpose: request.query.purpose, caseIds: [card.id] });
      return card;
    },
  );

  // Every change answers with the updated card, so the client shows what the server decided.
  const action = <S extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: S,
    run: (ctx: ReturnType<typeof rootContext>, id: string, input: z.infer<S>) => Promise<void>,
    maxBodyBytes?: number,
  ) => {
    api.post(
      `/cases/:id/${path}`,
      {
        schema: {
          tags: ['cases'],
          summary,
          params: idParams,
          body,
          response: { 200: caseDetailSchema, ...errors, 413: errorBody, 415: errorBody },
        },
        ...(maxBodyBytes ? { config: { maxBodyBytes } } : {}),
      },
      async (request) => {
        const ctx = rootContext(services, requireUser(request));
        const id = request.params.id;
        await run(ctx, id, body.parse(request.body));
        return getCase(ctx, id);
      },
    );
  };
  action(
    'answers',
    'Промежуточный или окончательный ответ (с фото и файлами: attachments[].contentBase64, пределы как у POST /api/messages)',
    answerInputSchema,
    answerCase,
    messageBodyLimit(services),
  );
  action('review', 'Контроль качества ЦУР: принять или вернуть на доработку', reviewInputSchema, reviewAnswer);
  action('rating', 'Оценка гражданина 1–5 (1–2 открывает повторно)', ratingInputSchema, rateCase);
  action('reassign', 'Переназначить организацию с указанием причины', reassignInputSchema, reassignCase);
  action('classification', 'Исправить блок, категорию, муниципалитет', reclassifyInputSchema, reclassifyCase);
  action('reject', 'Отклонить с причиной', rejectInputSchema, rejectCase);
  action('extension', 'Продлить срок ответа (однократно, до 30 дней)', extendInputSchema, extendDeadline);
  registerPublicationRoutes(api, services);
  action(
    'transitions',
    'Сменить статус: взять в работу, закрыть, открыть повторно, на разбор',
    transitionInputSchema,
    changeStatus,
  );
}
