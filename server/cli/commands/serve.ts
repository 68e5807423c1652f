import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { createServices } from '../../boot';
import { buildApp } from '../../http/app';
import { ensureWebBuilt } from '../../http/web-build';
import { startDispatcher } from '../../jobs/dispatcher';
import { seedDemo } from '../../features/demo/seed-demo';
import { scheduleMonthlyReports } from '../../features/reports/monthly-report.job';
import { scheduleRetention } from '../../features/personal-data/retention.job';
import { scheduleNotifications } from '../../features/notifications/notifications-tick.job';
import { acquireLock } from '../data-lock';

export function registerServe(program: Command): void {
  program.command('serve')
    .description('Запустить сервер (API и веб-интерфейс)')
    .option('--port <port>', 'порт (по умолчанию PORT или 3000)')
    .option('--demo', 'заполнить пустую базу демонстрационными данными и создать демо-пользователей')
    .action(async (opts: { port?: string; demo?: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: Number(opts.port) } : {}),
        ...(opts.demo ? { demo: true } : {}),
      });
      if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new Error(`Некорректный порт: ${opts.port}`);
      await ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
      const lock = config.databaseUrl ? null : acquireLock(config.dataDir, { kind: 'server' });
      const services = await createServices(config);
      const app = await buildApp(services, { logger: true, ...(lock ? { internalSecret: lock.secret } : {}) });
      const demoLines = config.demo ? await seedDemo(services) : [];
      const address = await app.listen({ port: config.port, host: config.host });
      const port = Number(new URL(address).port);
      lock?.update({ port });
      await scheduleMonthlyReports(services);
      await scheduleRetention(services);
      await scheduleNotifications(services);
      const stopDispatcher = startDispatcher(services);
      const stopChannels = services.channels.flatMap((adapter) => (adapter.start ? [adapter.start(services)] : []));
      const url = `http://localhost:${port}/`;
      process.stdout.write([
        '', `Отклик запущен: ${url}`,
        `База данных: ${config.databaseUrl ? 'PostgreSQL' : `встроенная PGlite (${config.dataDir})`}`,
        `API: ${url}api/openapi.json`, ...demoLines, '',
      ].join('\n'));
      const shutdown = async (): Promise<void> => {
        await Promise.all(stopChannels.map((stop) => stop()));
        await stopDispatcher();
        await app.close();
        await services.database.close();
        lock?.release();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
    });
}
