import type { FastifyInstance } from 'fastify';
import {
  assignmentInputSchema,
  assignmentSchema,
  endAssignmentSchema,
  structureQuerySchema,
  structureSchema,
  type AssignmentInput,
} from '../../../shared/api/centre';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { addAssignment, endAssignment, structureOn } from './centre-structure';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['projects'];

export function registerCentreRoutes(api: FastifyInstance, services: Services): void {
  const ctxOf = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));

  api.get(
    '/centre/structure',
    {
      schema: {
        tags,
        summary: 'Кто за что отвечает на дату',
        querystring: structureQuerySchema,
        response: { 200: structureSchema, ...errors },
      },
    },
    async (request) => structureOn(ctxOf(request), (request.query as { on?: string }).on),
  );

  api.post(
    '/centre/assignments',
    {
      schema: {
        tags,
        summary: 'Назначение на роль, блок или направление с даты',
        body: assignmentInputSchema,
        response: { 200: assignmentSchema, ...errors },
      },
    },
    async (request) => addAssignment(ctxOf(request), request.body as AssignmentInput),
  );

  api.post(
    '/centre/assignments/:id/end',
    {
      schema: {
        tags,
        summary: 'Завершить назначение датой',
        params: idParams,
        body: endAssignmentSchema,
        response: { 200: assignmentSchema, ...errors },
      },
    },
    async (request) =>
      endAssignment(
        ctxOf(request),
        Number((request.params as { id: string }).id),
        (request.body as { toDate: string }).toDate,
      ),
  );
}
