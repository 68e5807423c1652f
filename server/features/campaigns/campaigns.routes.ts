import {
  approveInputSchema,
  campaignDetailSchema,
  campaignInputSchema,
  campaignListQuerySchema,
  campaignListSchema,
  reachInputSchema,
  returnInputSchema,
  taskDoneInputSchema,
} from '../../../shared/api/campaigns';
import { fileUploadSchema, importResultSchema } from '../../../shared/api/public-pages';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { decideCampaign } from './campaign-approval';
import { getCampaign, listCampaigns } from './get-campaign';
import { completePageTask, publishCampaign } from './publish-campaign';
import { importReach, recordReach } from './record-reach';
import { saveCampaign } from './save-campaign';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['campaigns'];
const idOf = (request: { params: { id: string } }): number => Number(request.params.id);
const detail = { 200: campaignDetailSchema, ...errors };

export function registerCampaignRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Информационные кампании периода: проблема → кампания → эффект',
        querystring: campaignListQuerySchema,
        response: { 200: campaignListSchema, ...errors },
      },
    },
    async (request) => listCampaigns(ctxOf(request), request.query),
  );
  api.post(
    '/campaigns',
    {
      schema: { tags, summary: 'Новая кампания (черновик)', body: campaignInputSchema, response: detail },
    },
    async (request) => saveCampaign(ctxOf(request), null, request.body),
  );
  api.get(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Кампания: планы, публикации, охват, эффект, история',
        params: idParams,
        response: detail,
      },
    },
    async (request) => getCampaign(ctxOf(request), idOf(request)),
  );
  api.put(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Изменить черновик или возвращённую кампанию',
        params: idParams,
        body: campaignInputSchema,
        response: detail,
      },
    },
    async (request) => saveCampaign(ctxOf(request), idOf(request), request.body),
  );
  api.post(
    '/campaigns/:id/submit',
    {
      schema: { tags, summary: 'Отправить на утверждение руководителю ЦУР', params: idParams, response: detail },
    },
    async (request) => decideCampaign(ctxOf(request), idOf(request), 'submit', ''),
  );
  api.post(
    '/campaigns/:id/approve',
    {
      schema: { tags, summary: 'Утвердить кампанию', params: idParams, body: approveInputSchema, response: detail },
    },
    async (request) => decideCampaign(ctxOf(request), idOf(request), 'approve', request.body.comment),
  );
  api.post(
    '/campaigns/:id/return',
    {
      schema: {
        tags,
        summary: 'Вернуть кампанию с замечаниями',
        params: idParams,
        body: returnInputSchema,
        response: detail,
      },
    },
    async (request) => decideCampaign(ctxOf(request), idOf(request), 'return', request.body.comment),
  );
  api.post(
    '/campaigns/:id/publish',
    {
      schema: {
        tags,
        summary: 'Опубликовать: задания каналам и задачи владельцам госпабликов',
        params: idParams,
        response: detail,
      },
    },
    async (request) => publishCampaign(ctxOf(request), idOf(request)),
  );
  api.post(
    '/campaigns/publications/:id/done',
    {
      schema: {
        tags,
        summary: 'Задача владельцу госпаблика выполнена (ссылка на публикацию)',
        params: idParams,
        body: taskDoneInputSchema,
        response: detail,
      },
    },
    async (request) => completePageTask(ctxOf(request), request.params.id, request.body.url),
  );
  api.post(
    '/campaigns/:id/reach',
    {
      schema: { tags, summary: 'Охват по муниципалитетам', params: idParams, body: reachInputSchema, response: detail },
    },
    async (request) => recordReach(ctxOf(request), idOf(request), request.body),
  );
  api.post(
    '/campaigns/:id/reach/import',
    {
      schema: {
        tags,
        summary: 'Охват из файла CSV или XLSX',
        params: idParams,
        body: fileUploadSchema,
        response: { 200: importResultSchema, ...errors },
      },
      config: { maxBodyBytes: 15 * 1024 * 1024 },
    },
    async (request) => importReach(ctxOf(request), idOf(request), request.body),
  );
}
