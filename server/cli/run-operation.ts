import { loadConfig, type Config } from '../config';
import { silentLogger } from '../lib/logger';
import { AppError } from '../lib/errors';
import { acquireLock, readLock } from './data-lock';
import { OPERATIONS, type OperationEnv } from './operations';

/**
 * Runs an administrative operation: directly against PostgreSQL, directly against the embedded data folder when
 * nothing holds it, or through the running server that holds it (never opening PGlite twice).
 */
export async function runOperation(
  name: string,
  input: unknown,
  env: OperationEnv = {},
  config: Config = loadConfig(),
): Promise<string[]> {
  const operation = OPERATIONS[name];
  if (!operation) throw new Error(`Неизвестная операция ${name}`);
  const parsed = operation.schema.parse(input);
  if (!config.databaseUrl) {
    const holder = readLock(config.dataDir);
    if (holder?.kind === 'server' && holder.port && holder.secret)
      return forward(holder.port, holder.secret, name, parsed, env);
    if (holder?.kind === 'server')
      throw new AppError(
        'unavailable',
        'Сервер на этой папке данных ещё запускается: повторите команду через несколько секунд.',
      );
  }
  const lock = config.databaseUrl ? null : acquireLock(config.dataDir, { kind: 'command', command: name });
  try {
    const services =
      operation.analyses === false
        ? await (
            await import('./admin-services')
          ).createAdminServices(config, { readOnly: operation.readOnly === true })
        : await (await import('../boot')).createServices(config, { log: silentLogger });
    try {
      return await operation.run(services, parsed, env);
    } finally {
      await services.database.close();
    }
  } finally {
    lock?.release();
  }
}

async function forward(
  port: number,
  secret: string,
  name: string,
  input: unknown,
  env: OperationEnv,
): Promise<string[]> {
  process.stderr.write(`Папка данных занята сервером (порт ${port}): команда выполняется через него.\n`);
  const res = await fetch(`http://127.0.0.1:${port}/api/internal/operations/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-otklik-internal': secret },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as {
    lines?: string[];
    exitCode?: number;
    error?: { code: string; message: string };
  };
  if (!res.ok || !body.lines) throw new AppError('internal', body.error?.message ?? `Сервер ответил ${res.status}`);
  if (body.exitCode) env.exitCode?.(body.exitCode);
  return body.lines;
}
