import type { AppInstance } from '../../http/app-instance';
import { z } from 'zod';
import { requireUser } from '../../http/auth-hook';
import { errorBody, idParams, undeclaredBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { addAlias, aliasInput, listAliases, removeAlias } from './organisation-aliases';

const aliasOutput = z.object({
  id: z.number(),
  alias: z.string(),
  organisationId: z.number(),
  organisation: z.string(),
  createdAt: z.string(),
});

/** The alias table of organisation names used by imports (right `reference.manage`). */
export function registerOrganisationAliasRoutes(api: AppInstance, services: Services): void {
  const ctx = (request: Parameters<typeof requireUser>[0]) => rootContext(services, requireUser(request));
  api.get(
    '/reference/organisation-aliases',
    {
      schema: {
        tags: ['reference'],
        summary: 'Псевдонимы организаций для импорта',
        response: { 200: undeclaredBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => ({ items: await listAliases(ctx(request)) }),
  );
  api.post(
    '/reference/organisation-aliases',
    {
      schema: {
        tags: ['reference'],
        summary: 'Добавить псевдоним организации',
        body: aliasInput,
        response: { 201: aliasOutput, 400: errorBody, 403: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const alias = await addAlias(ctx(request), request.body);
      void reply.status(201);
      return alias;
    },
  );
  api.delete(
    '/reference/organisation-aliases/:id',
    {
      schema: {
        tags: ['reference'],
        summary: 'Удалить псевдоним организации',
        params: idParams,
        response: { 200: undeclaredBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => {
      await removeAlias(ctx(request), Number(request.params.id));
      return { ok: true };
    },
  );
}
