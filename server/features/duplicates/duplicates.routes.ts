import type { AppInstance } from '../../http/app-instance';
import {
  caseDetailSchema,
  duplicateSuggestionsSchema,
  mergeInputSchema,
  splitInputSchema,
  splitResultSchema,
} from '../../../shared/api/cases';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { getCase } from '../cases/get-case';
import { recordAccess } from '../personal-data/access-journal';
import { mergeCases, splitMessage } from './merge-split';
import { suggestDuplicates } from './suggest-duplicates';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Duplicates on the case card: suggestions, merge, split (operators who may triage). */
export function registerDuplicatesRoutes(api: AppInstance, services: Services): void {
  api.get(
    '/cases/:id/duplicates',
    {
      schema: {
        tags: ['cases'],
        summary: 'Возможные повторы: открытые обращения о той же проблеме в том же месте',
        params: idParams,
        response: { 200: duplicateSuggestionsSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      const id = request.params.id;
      const items = await suggestDuplicates(ctx, id);
      // The candidates' texts are citizens' data: one journal row for the list shown.
      await recordAccess(ctx, {
        action: 'case_list',
        purpose: 'Поиск повторов обращения',
        caseIds: items.map((i) => i.caseId),
        scope: { duplicatesOf: id },
      });
      return { items };
    },
  );

  api.post(
    '/cases/:id/merge',
    {
      schema: {
        tags: ['cases'],
        summary: 'Объединить: сообщения другого обращения переходят в это, другое отклоняется как дубликат',
        params: idParams,
        body: mergeInputSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      const id = request.params.id;
      await mergeCases(ctx, id, request.body);
      return getCase(ctx, id);
    },
  );

  api.post(
    '/cases/:id/split',
    {
      schema: {
        tags: ['cases'],
        summary: 'Выделить сообщение в отдельное обращение (заново классифицируется и направляется)',
        params: idParams,
        body: splitInputSchema,
        response: { 200: splitResultSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = rootContext(services, requireUser(request));
      const id = request.params.id;
      const newCaseId = await splitMessage(ctx, id, request.body);
      return { newCaseId, case: await getCase(ctx, id) };
    },
  );
}
