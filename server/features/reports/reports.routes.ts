import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import {
  reportConclusionsInput,
  reportDetailSchema,
  reportFileQuery,
  reportListSchema,
  reportMonthParams,
  reportSummarySchema,
  type ReportSummary,
} from '../../../shared/api/reports';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { CONTENT_TYPES } from './render-report';
import { getReport, listReports, reportFile } from './report-queries';
import { agreeReport, approveReport, editConclusions, generateReport } from './report-workflow';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['reports'];
const monthOf = (request: { params: { month: string } }): string => request.params.month;

export function registerReportsRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: FastifyRequest): Ctx => rootContext(services, requireUser(request));

  api.get(
    '/reports',
    {
      schema: { tags, summary: 'Ежемесячные доклады Губернатору', response: { 200: reportListSchema, ...errors } },
    },
    async (request) => ({ items: await listReports(ctxOf(request)) }),
  );

  api.get(
    '/reports/:month',
    {
      schema: {
        tags,
        summary: 'Доклад за месяц с данными',
        params: reportMonthParams,
        response: { 200: reportDetailSchema, ...errors },
      },
    },
    async (request) => getReport(ctxOf(request), monthOf(request)),
  );

  api.get(
    '/reports/:month/file',
    {
      schema: {
        tags,
        summary:
          'Файл доклада: PDF, DOCX или XLSX (по умолчанию действующая утверждённая версия; draft=true — текущая редакция)',
        params: reportMonthParams,
        querystring: reportFileQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const file = await reportFile(ctxOf(request), monthOf(request), q.format, {
        version: q.version,
        draft: q.draft === 'true',
      });
      return reply
        .header('content-type', CONTENT_TYPES[q.format])
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-sha256', file.sha256)
        .header('x-report-version', file.version === null ? 'draft' : String(file.version))
        .send(Buffer.from(file.bytes));
    },
  );

  const action = (
    path: string,
    summary: string,
    run: (ctx: Ctx, month: string, body: unknown) => Promise<ReportSummary>,
    body?: z.ZodTypeAny,
  ) => {
    api.post(
      `/reports/:month${path}`,
      {
        schema: {
          tags,
          summary,
          params: reportMonthParams,
          ...(body ? { body } : {}),
          response: { 200: reportSummarySchema, ...errors },
        },
      },
      async (request) => run(ctxOf(request), monthOf(request), request.body),
    );
  };
  action('/generate', 'Сформировать черновик по текущим данным', (ctx, month) => generateReport(ctx, month));
  action(
    '/conclusions',
    'Изменить выводы аналитиков',
    (ctx, month, body) => editConclusions(ctx, month, (body as { conclusions: string }).conclusions),
    reportConclusionsInput,
  );
  action('/agree', 'Согласовать (руководитель ЦУР)', (ctx, month) => agreeReport(ctx, month));
  action('/approve', 'Утвердить (куратор): сохраняется неизменная версия с SHA-256', (ctx, month) =>
    approveReport(ctx, month),
  );
}
