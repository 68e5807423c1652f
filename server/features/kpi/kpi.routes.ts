import type { AppInstance } from '../../http/app-instance';
import {
  kpiDetailSchema,
  kpiInputSchema,
  kpiListSchema,
  kpiQuerySchema,
  kpiValueInputSchema,
} from '../../../shared/api/kpi';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { formulaList } from './kpi-formulas';
import { getKpi, listKpis } from './kpi-queries';
import { KPI_STATUS_RULE } from './kpi-status';
import { changeKpi, createKpi, recordKpiValue } from './save-kpi';
import { registerKpiTargetRoutes } from './kpi-targets.routes';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['kpi'];
const idOf = (request: { params: { id: string } }): number => Number(request.params.id);

export function registerKpiRoutes(api: AppInstance, services: Services): void {
  // before /kpi/:id, so that /kpi/targets is not read as an indicator's id
  registerKpiTargetRoutes(api, services);
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/kpi',
    {
      schema: {
        tags,
        summary: 'Показатели: значение, цель и статус на дату',
        querystring: kpiQuerySchema,
        response: { 200: kpiListSchema, ...errors },
      },
    },
    async (request) => ({
      ...(await listKpis(ctxOf(request), request.query.on)),
      formulas: formulaList(),
      statusRule: KPI_STATUS_RULE,
    }),
  );

  api.get(
    '/kpi/:id',
    {
      schema: {
        tags,
        summary: 'Показатель с историей значений',
        params: idParams,
        querystring: kpiQuerySchema,
        response: { 200: kpiDetailSchema, ...errors },
      },
    },
    async (request) => getKpi(ctxOf(request), idOf(request), request.query.on),
  );

  api.post(
    '/kpi',
    {
      schema: {
        tags,
        summary: 'Новый показатель',
        body: kpiInputSchema,
        response: { 200: kpiDetailSchema, ...errors },
      },
    },
    async (request) => createKpi(ctxOf(request), request.body),
  );

  api.put(
    '/kpi/:id',
    {
      schema: {
        tags,
        summary: 'Изменить показатель и цели по годам',
        params: idParams,
        body: kpiInputSchema,
        response: { 200: kpiDetailSchema, ...errors },
      },
    },
    async (request) => changeKpi(ctxOf(request), idOf(request), request.body),
  );

  api.post(
    '/kpi/:id/values',
    {
      schema: {
        tags,
        summary: 'Внести значение показателя вручную',
        params: idParams,
        body: kpiValueInputSchema,
        response: { 200: kpiDetailSchema, ...errors },
      },
    },
    async (request) => recordKpiValue(ctxOf(request), idOf(request), request.body),
  );
}
