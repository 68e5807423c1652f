import {
  decisionInputSchema,
  decisionStatusInputSchema,
  groupDetailSchema,
  groupListSchema,
  meetingInputSchema,
} from '../../../shared/api/groups';
import { returnInputSchema, stepInputSchema } from '../../../shared/api/projects';
import type { AppInstance } from '../../http/app-instance';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { getGroup, listGroups } from './get-group';
import { changeDecisionStatus, recordDecision } from './group-decisions';
import { holdMeeting } from './hold-meeting';
import { loadMeeting } from './load-group';
import { draftProtocol, stepProtocol } from './meeting-protocol';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['groups'];
const reply = { 200: groupDetailSchema, ...errors };
const PROTOCOL_STEPS = [
  ['submit', stepInputSchema],
  ['approve', stepInputSchema],
  ['return', returnInputSchema],
] as const;

// Working and expert groups: the group page (composition, members, meetings, decisions, protocols, history) and the
// steps that change it. Every change answers with the whole group page.
export function registerGroupRoutes(api: AppInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/groups',
    { schema: { tags, summary: 'Рабочие и экспертные группы', response: { 200: groupListSchema, ...errors } } },
    async (request) => listGroups(ctxOf(request)),
  );

  api.get(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'Страница группы: состав, заседания, решения, протоколы, история',
        params: idParams,
        response: reply,
      },
    },
    async (request) => getGroup(ctxOf(request), Number(request.params.id)),
  );

  api.post(
    '/groups/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Провести заседание (дата, повестка, присутствие)',
        params: idParams,
        body: meetingInputSchema,
        response: reply,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await holdMeeting(ctx, Number(request.params.id), request.body);
      return getGroup(ctx, Number(request.params.id));
    },
  );

  api.post(
    '/groups/meetings/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Решение заседания: ответственный и срок',
        params: idParams,
        body: decisionInputSchema,
        response: reply,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await recordDecision(ctx, Number(request.params.id), request.body);
      return getGroup(ctx, (await loadMeeting(ctx, Number(request.params.id))).group_document_id);
    },
  );

  api.post(
    '/groups/decisions/:id/status',
    {
      schema: {
        tags,
        summary: 'Статус решения (исполнено, снято, в работе)',
        params: idParams,
        body: decisionStatusInputSchema,
        response: reply,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return getGroup(
        ctx,
        await changeDecisionStatus(ctx, Number(request.params.id), request.body.status, request.body.comment),
      );
    },
  );

  api.post(
    '/groups/meetings/:id/protocol',
    {
      schema: {
        tags,
        summary: 'Подготовить протокол заседания (или новую редакцию)',
        params: idParams,
        body: stepInputSchema,
        response: reply,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await draftProtocol(ctx, Number(request.params.id), request.body.comment);
      return getGroup(ctx, (await loadMeeting(ctx, Number(request.params.id))).group_document_id);
    },
  );

  for (const [action, body] of PROTOCOL_STEPS) {
    api.post(
      `/groups/protocols/:id/${action}`,
      { schema: { tags, summary: `Протокол: шаг согласования ${action}`, params: idParams, body, response: reply } },
      async (request) => {
        const ctx = ctxOf(request);
        return getGroup(ctx, await stepProtocol(ctx, Number(request.params.id), action, request.body.comment));
      },
    );
  }
}
