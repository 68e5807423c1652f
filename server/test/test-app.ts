import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app';
import { createToken } from '../features/auth/tokens';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestServices, type TestServices } from './test-services';

export interface TestApp {
  services: TestServices;
  app: FastifyInstance;
  token: string;
  close: () => Promise<void>;
}

/** Services on a fresh database, the HTTP app over them and an integration token: what an API test starts with. */
export async function startTestApp(options: Parameters<typeof createTestServices>[0] = {}): Promise<TestApp> {
  const services = await createTestServices(options);
  const app = await buildApp(services);
  const token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'тест')).token;
  return {
    services,
    app,
    token,
    close: async () => {
      await app.close();
      await services.close();
    },
  };
}
