import type { AppInstance } from '../../http/app-instance';
import {
  clustersQuerySchema,
  clustersResultSchema,
  promoteClusterInputSchema,
  promoteClusterResultSchema,
} from '../../../shared/api/clusters';
import { requireUser } from '../../http/auth-hook';
import { errorBody } from '../../http/schemas';
import { rootContext, type Services } from '../../lib/context';
import { requirePermission } from '../auth/authorize';
import { clusterOther } from './cluster-other';
import { promoteCluster } from './promote-cluster';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Decomposition of «прочие»: candidate problems of a block's catch-all category, and turning one into a category. */
export function registerClustersRoutes(api: AppInstance, services: Services): void {
  api.get(
    '/clusters',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Разбор «прочих»: кластеры сообщений категории «прочие» блока за период',
        querystring: clustersQuerySchema,
        response: { 200: clustersResultSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      requirePermission(actor, 'analytics.read');
      return clusterOther(rootContext(services, actor), request.query);
    },
  );

  api.post(
    '/clusters',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Сделать кластер новой категорией: категория, перенос обращений, обучающие примеры',
        body: promoteClusterInputSchema,
        response: { 200: promoteClusterResultSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      requirePermission(actor, 'reference.manage');
      return promoteCluster(rootContext(services, actor), request.body);
    },
  );
}
