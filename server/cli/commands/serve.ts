import type { Command } from 'commander';
import { type Config, loadConfig } from '../../config';
import { acquireLock } from '../data-lock';
import { isServeWorker, parseProcesses, reportListening, runPrimary } from '../serve-processes';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Запустить сервер (API и веб-интерфейс)')
    .option('--port <port>', 'порт (по умолчанию PORT или 3000)')
    .option('--demo', 'заполнить пустую базу демонстрационными данными и создать демо-пользователей')
    .option('--processes <n>', 'процессов сервера на одном порту, число или auto — по ядрам (только с PostgreSQL)', '1')
    .action(async (opts: { port?: string; demo?: boolean; processes: string }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: Number(opts.port) } : {}),
        ...(opts.demo ? { demo: true } : {}),
      });
      if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)
        throw new Error(`Некорректный порт: ${opts.port}`);
      const processes = parseProcesses(opts.processes);
      if (processes > 1 && !config.databaseUrl)
        throw new Error(
          'Несколько процессов (--processes) — только с PostgreSQL (DATABASE_URL): встроенную базу PGlite открывает один процесс',
        );
      if (processes > 1 && !isServeWorker()) {
        await runPrimary({
          processes,
          prepare: () => prepareOnce(config),
          banner: (port, lines) => banner(config, port, lines, config.bus?.writer === true),
        });
        return;
      }
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
      // under --processes the primary has seeded the demo before the workers started
      const demoLines = config.demo && !isServeWorker() ? await seedDemo(services) : [];
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
      if (isServeWorker()) reportListening(port);
      else process.stdout.write(banner(config, port, demoLines, stopWriter !== null));
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

/** What `otklik serve` prints once it listens: the address, the database, the API, the bus, the demo's users. */
function banner(config: Config, port: number, lines: readonly string[], busWriter: boolean): string {
  const url = `http://localhost:${port}/`;
  return [
    '',
    `Отклик запущен: ${url}`,
    `База данных: ${config.databaseUrl ? 'PostgreSQL' : `встроенная PGlite (${config.dataDir})`}`,
    `API: ${url}api/openapi.json`,
    ...(config.bus
      ? [
          `Шина приёма: NATS JetStream ${config.bus.url}, поток ${config.bus.stream}${busWriter ? ', этот узел пишет в базу' : ''}`,
        ]
      : []),
    ...lines,
    '',
  ].join('\n');
}

/**
 * Before the processes of `--processes` start: the web build, migrations and reference data, and the demo — once.
 * Only the demo needs the services (its replay analyses messages); without it the database alone is prepared.
 */
async function prepareOnce(config: Config): Promise<string[]> {
  const { ensureWebBuilt } = await import('../../http/web-build');
  await ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
  if (!config.demo) {
    const [{ openDatabase }, { prepareDatabase }] = await Promise.all([
      import('../../db/database'),
      import('../../prepare-database'),
    ]);
    const database = await openDatabase({ url: config.databaseUrl });
    await prepareDatabase(database);
    await database.close();
    return [];
  }
  const [{ createServices }, { seedDemo }] = await Promise.all([
    import('../../boot'),
    import('../../features/demo/seed-demo'),
  ]);
  const services = await createServices(config);
  try {
    return await seedDemo(services);
  } finally {
    await services.database.close();
  }
}
