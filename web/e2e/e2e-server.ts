// The real server for browser tests and the web benchmark: the built SPA, the whole API, on a free port, over a
// fresh PGlite folder (or a fresh database on TEST_DATABASE_URL's server), optionally with the demo data.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/http/app';
import { ensureWebBuilt } from '../../server/http/web-build';
import { seedDemo } from '../../server/features/demo/seed-demo';
import { createTestServices, type TestServices } from '../../server/test/test-services';

export interface E2eServer {
  url: string;
  services: TestServices;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface E2eServerOptions {
  /** Demo cases to generate (0: none, only the demo users). */
  demoCount?: number;
  /** Fill the database before the HTTP server starts (the benchmark's bulk generator). */
  prepare?: (services: TestServices) => Promise<void>;
  /** Configuration over the test defaults (a channel pointed at a stand-in). */
  config?: NonNullable<Parameters<typeof createTestServices>[0]>['config'];
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  await ensureWebBuilt(() => undefined);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otklik-e2e-'));
  // the clock is fixed at the start time: deadlines, sessions and the demo history are computed from it
  const services = await createTestServices({
    dataDir: path.join(dir, 'data'),
    now: new Date().toISOString(),
    ...(options.config ? { config: options.config } : {}),
  });
  try {
    const demoCount = options.demoCount ?? 0;
    if (demoCount > 0) await seedDemo(services, { count: demoCount, seed: 7 });
    else await seedDemo(services, { count: 0 });
    await options.prepare?.(services);
    const app = await buildApp(services);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url: address.replace(/\/$/, ''),
      services,
      app,
      async close() {
        await app.close();
        await services.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
