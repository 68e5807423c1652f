import type { AppInstance } from '../../http/app-instance';
import {
  auditPageSchema,
  auditQuerySchema,
  erasureInputSchema,
  erasureListQuerySchema,
  erasureListSchema,
  erasureSchema,
} from '../../../shared/api/personal-data';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { listAccess } from './access-journal';
import { erasePersonalData, listErasures } from './erase';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const tags = ['personal-data'];

export function registerPersonalDataRoutes(api: AppInstance, services: Services): void {
  api.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Журнал доступа к персональным данным: кто, когда, что и зачем читал',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errors },
      },
    },
    async (request) => {
      requirePermission(requireUser(request), 'audit.read');
      return listAccess(services.database.db, request.query);
    },
  );

  api.get(
    '/personal-data/erasures',
    {
      schema: {
        tags,
        summary: 'Журнал уничтожения персональных данных (без самих данных)',
        querystring: erasureListQuerySchema,
        response: { 200: erasureListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      requirePermission(actor, 'audit.read');
      const q = request.query;
      return listErasures(rootContext(services, actor), q.page, q.pageSize);
    },
  );

  api.post(
    '/personal-data/erasures',
    {
      schema: {
        tags,
        summary: 'Уничтожить персональные данные гражданина по обращению или по контакту',
        body: erasureInputSchema,
        response: { 201: erasureSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      requirePermission(actor, 'personal_data.erase');
      return reply.status(201).send(await erasePersonalData(rootContext(services, actor), request.body));
    },
  );
}
