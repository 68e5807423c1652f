import {
  attendanceInputSchema,
  candidateListSchema,
  inviteInputSchema,
  materialInputSchema,
  seminarDetailSchema,
  seminarInputSchema,
  rowParams,
  seminarListSchema,
  seminarYearQuerySchema,
  trainedSchema,
} from '../../../shared/api/seminars';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Ctx, type Services } from '../../lib/context';
import { contentDisposition, downloadType, sendFile } from '../attachments/file-response';
import { addMaterial, materialFile } from './add-material';
import { getSeminar } from './get-seminar';
import { inviteCandidates, inviteParticipants } from './invite-participants';
import { markAttendance } from './mark-attendance';
import { planSeminar } from './plan-seminar';
import { canManageSeminars, loadSummaries } from './seminars.repository';
import { trainedByOrganisation } from './trained-by-organisation';

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  415: errorBody,
};
const tags = ['seminars'];
const idOf = (request: { params: { id: number } }): number => request.params.id;
const yearOf = (ctx: Ctx, year: number | undefined): number =>
  year ?? Number(ctx.services.clock.now().toISOString().slice(0, 4));

/** Training seminars (decree 6.9): the plan, participants, attendance, materials, who was trained. */
export function registerSeminarsRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/seminars',
    {
      schema: {
        tags,
        summary: 'План семинаров на год (исполнитель — семинары своей организации)',
        querystring: seminarYearQuerySchema,
        response: { 200: seminarListSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const year = yearOf(ctx, request.query.year);
      return { year, items: await loadSummaries(ctx, { year }), canManage: canManageSeminars(ctx) };
    },
  );
  api.get(
    '/seminars/trained',
    {
      schema: {
        tags,
        summary: 'Кто обучен: по организациям за год, с людьми и их семинарами',
        querystring: seminarYearQuerySchema,
        response: { 200: trainedSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return trainedByOrganisation(ctx, yearOf(ctx, request.query.year));
    },
  );
  api.post(
    '/seminars',
    {
      schema: {
        tags,
        summary: 'Новый семинар в плане',
        body: seminarInputSchema,
        response: { 200: seminarDetailSchema, ...errors },
      },
    },
    async (request) => planSeminar(ctxOf(request), null, request.body),
  );
  api.get(
    '/seminars/:id',
    {
      schema: {
        tags,
        summary: 'Семинар: участники, отметки, материалы, история',
        params: rowParams,
        response: { 200: seminarDetailSchema, ...errors },
      },
    },
    async (request) => getSeminar(ctxOf(request), idOf(request)),
  );
  api.put(
    '/seminars/:id',
    {
      schema: {
        tags,
        summary: 'Изменить семинар (тема, время, формат, ведущие, состояние, кому)',
        params: rowParams,
        body: seminarInputSchema,
        response: { 200: seminarDetailSchema, ...errors },
      },
    },
    async (request) => planSeminar(ctxOf(request), idOf(request), request.body),
  );
  api.get(
    '/seminars/:id/candidates',
    {
      schema: {
        tags,
        summary: 'Кого можно пригласить: пользователи организаций, которым адресован семинар',
        params: rowParams,
        response: { 200: candidateListSchema, ...errors },
      },
    },
    async (request) => inviteCandidates(ctxOf(request), idOf(request)),
  );
  api.post(
    '/seminars/:id/participants',
    {
      schema: {
        tags,
        summary: 'Пригласить участников (пользователей или людей организации)',
        params: rowParams,
        body: inviteInputSchema,
        response: { 200: seminarDetailSchema, ...errors },
      },
    },
    async (request) => inviteParticipants(ctxOf(request), idOf(request), request.body),
  );
  api.post(
    '/seminars/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Отметить присутствие, оценку и отзыв участников',
        params: rowParams,
        body: attendanceInputSchema,
        response: { 200: seminarDetailSchema, ...errors },
      },
    },
    async (request) => markAttendance(ctxOf(request), idOf(request), request.body),
  );
  api.post(
    '/seminars/:id/materials',
    {
      schema: {
        tags,
        summary: 'Материал семинара: файл (contentBase64) или ссылка',
        params: rowParams,
        body: materialInputSchema,
        response: { 200: seminarDetailSchema, ...errors },
      },
    },
    async (request) => addMaterial(ctxOf(request), idOf(request), request.body),
  );
  api.get(
    '/seminar-materials/:id/file',
    {
      schema: {
        tags,
        summary: 'Файл материала семинара (права — как у семинара)',
        params: rowParams,
        response: { 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const file = await materialFile(ctxOf(request), idOf(request));
      return sendFile(
        reply,
        file.bytes,
        downloadType(file.mimeType),
        file.sha256,
        contentDisposition('attachment', file.name),
      );
    },
  );
}
