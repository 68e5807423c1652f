import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { acquireLock } from '../data-lock';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Запустить сервер (API и веб-интерфейс)')
    .option('--port <port>', 'порт (по умолчанию PORT или 3000)')
    .option('--demo', 'заполнить пустую базу демонстрационными данными и создать демо-пользователей')
    .action(async (opts: { port?: string; demo?: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: Number(opts.port) } : {}),
        ...(opts.demo ? { demo: true } : {}),
      });
      if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)
        throw new Error(`Некорректный порт: ${opts.port}`);
      // the server's modules load only when it starts (`otklik --help` and other commands do not pay for them)
      const [
        { createServices },
        { buildApp },
        { ensureWebBuilt },
        { startDispatcher },
        { seedDemo },
        { scheduleMonthlyReports },
        { scheduleRetention },
        { scheduleNotifications },
        { startChainSealer },
        { scheduleRetraining },
        { asBackgroundWork },
        bus,
        { openAnalysisThreads },
        { overdueDecisions },
        { scopeValues },
        { partitionUpkeep },
      ] = await Promise.all([
        import('../../boot'),
        import('../../http/app'),
        import('../../http/web-build'),
        import('../../jobs/dispatcher'),
        import('../../features/demo/seed-demo'),
        import('../../features/reports/monthly-report.job'),
        import('../../features/personal-data/retention.job'),
        import('../../features/notifications/notifications-tick.job'),
        import('../../features/documents/chain-sealer'),
        import('../../features/classifier/retrain/retrain.job'),
        import('../../db/database'),
        import('../../features/bus'),
        import('../../features/understanding/analysis-threads'),
        import('../../features/groups/overdue-decisions.job'),
        import('../../features/kpi/scope-values.job'),
        import('../../features/partitions/maintain-partitions.job'),
      ]);
      await ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
      const lock = config.databaseUrl ? null : acquireLock(config.dataDir, { kind: 'server' });
      const services = await createServices(config);
      // the intake bus (optional): POST /api/messages publishes to it; this node's writer stores what it carries
      services.intakeBus = config.bus ? await bus.openIntakeBus(config.bus, services.log) : null;
      services.analysisThreads = openAnalysisThreads(services);
      const app = await buildApp(services, { logger: true, ...(lock ? { internalSecret: lock.secret } : {}) });
      const demoLines = config.demo ? await seedDemo(services) : [];
      const address = await app.listen({ port: config.port, host: config.host });
      const port = Number(new URL(address).port);
      lock?.update({ port });
      await scheduleMonthlyReports(services);
      await scheduleRetention(services);
      await scheduleNotifications(services);
      await scheduleRetraining(services);
      await overdueDecisions.schedule(services);
      await scopeValues.schedule(services);
      await partitionUpkeep.schedule(services, { runNow: true });
      const stopDispatcher = startDispatcher(services);
      const stopSealer = asBackgroundWork(() => startChainSealer(services));
      const { startCaseCountsCompactor } = await import('../../features/cases/case-counts');
      const stopCounts = asBackgroundWork(() => startCaseCountsCompactor(services));
      const intakeBus = services.intakeBus;
      const stopWriter =
        intakeBus && config.bus?.writer ? asBackgroundWork(() => bus.startBusWriter(services, intakeBus)) : null;
      // polling channels (mail, monitoring) work in the background: requests go first on the embedded database
      const stopChannels = services.channels.flatMap((adapter) =>
        adapter.start ? [asBackgroundWork(() => adapter.start!(services))] : [],
      );
      const url = `http://localhost:${port}/`;
      process.stdout.write(
        [
          '',
          `Отклик запущен: ${url}`,
          `База данных: ${config.databaseUrl ? 'PostgreSQL' : `встроенная PGlite (${config.dataDir})`}`,
          `API: ${url}api/openapi.json`,
          ...(config.bus
            ? [
                `Шина приёма: NATS JetStream ${config.bus.url}, поток ${config.bus.stream}${stopWriter ? ', этот узел пишет в базу' : ''}`,
              ]
            : []),
          ...demoLines,
          '',
        ].join('\n'),
      );
      const shutdown = async (): Promise<void> => {
        await Promise.all(stopChannels.map((stop) => stop()));
        await stopWriter?.();
        await services.intakeBus?.close();
        await services.analysisThreads?.close();
        await stopDispatcher();
        await stopSealer();
        await stopCounts();
        await app.close();
        await services.database.close();
        lock?.release();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
    });
}
