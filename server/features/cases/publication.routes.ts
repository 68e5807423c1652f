import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import {
  publicationPolicyInputSchema,
  publicationPolicyListSchema,
  publicationPolicySchema,
} from '../../../shared/api/publication';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { deletePublicationPolicy, listPublicationPolicies, setPublicationPolicy } from './publication-policy';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/** Admin API of publication policies (when a final answer reaches the citizen without ЦУР's review). */
export function registerPublicationRoutes(api: AppInstance, services: Services): void {
  api.get(
    '/publication-policies',
    {
      schema: {
        tags: ['cases'],
        summary: 'Политики публикации ответов (по умолчанию — только после принятия ЦУР)',
        response: { 200: publicationPolicyListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listPublicationPolicies(rootContext(services, requireUser(request))) }),
  );

  api.put(
    '/publication-policies',
    {
      schema: {
        tags: ['cases'],
        summary: 'Задать политику публикации для канала и/или организации (control или auto через N рабочих часов)',
        body: publicationPolicyInputSchema,
        response: { 200: publicationPolicySchema, ...errors },
      },
    },
    async (request) => setPublicationPolicy(rootContext(services, requireUser(request)), request.body),
  );

  api.delete(
    '/publication-policies/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Удалить политику публикации',
        params: idParams,
        response: { 200: z.object({ deleted: z.string() }), ...errors },
      },
    },
    async (request) => {
      const id = request.params.id;
      await deletePublicationPolicy(rootContext(services, requireUser(request)), id);
      return { deleted: id };
    },
  );
}
