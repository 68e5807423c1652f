import { timingSafeEqual } from 'node:crypto';
import type { AppInstance } from './app-instance';
import { OPERATIONS } from '../cli/operations';
import type { Services } from '../lib/context';
import { AppError } from '../lib/errors';

/** CLI commands forwarded by a local `otklik` process while this server holds the embedded data folder. */
export function registerInternalRoutes(api: AppInstance, services: Services, secret: string): void {
  api.post<{ Params: { name: string } }>('/internal/operations/:name', { schema: { hide: true } }, async (request) => {
    const given = Buffer.from(String(request.headers['x-otklik-internal'] ?? ''));
    const expected = Buffer.from(secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AppError('forbidden', 'Нет доступа');
    const name = request.params.name;
    const operation = OPERATIONS[name];
    if (!operation) throw new AppError('not_found', `Нет операции ${name}`);
    const parsed = operation.schema.safeParse(request.body);
    if (!parsed.success) throw new AppError('validation_failed', parsed.error.message);
    let exitCode = 0;
    const lines = await operation.run(services, parsed.data, { exitCode: (code) => (exitCode = code) });
    return exitCode ? { lines, exitCode } : { lines };
  });
}
