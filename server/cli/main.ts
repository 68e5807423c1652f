import path from 'node:path';
import { LEGACY_SCOPES } from '../../shared/auth/token-scopes';
import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from '../config';
import { AppError } from '../lib/errors';
import { DataFolderBusyError } from './data-lock';
import { EXIT_IMPORT_FAILED_RECORDS } from './exit-codes';
import type { OperationEnv } from './operations';
import { registerServe } from './commands/serve';
import { registerMigrate } from './commands/migrate';
import { registerTrain } from './commands/train';
import { registerClassify } from './commands/classify';

const program = new Command('otklik')
  .description('Отклик — платформа ЦУР: обращения граждан, сроки, маршрутизация, аналитика')
  .showHelpAfterError();

registerServe(program);
registerMigrate(program);
registerTrain(program);
registerClassify(program);

const print = (lines: string[]): void => {
  for (const l of lines) process.stdout.write(`${l}\n`);
};
// Command modules load when their command runs, so `otklik --help` and light commands import little.
const runOperation = async (name: string, input: unknown, env?: OperationEnv): Promise<string[]> =>
  (await import('./run-operation')).runOperation(name, input, env);
const withProgress = async (): Promise<OperationEnv> => ({ progress: (await import('./progress')).createProgressBar });

program
  .command('import')
  .description('Импорт сообщений: JSON Lines формата обмена (.jsonl, .jsonl.gz), CSV, XLSX')
  .argument('<file>', 'файл для импорта')
  .option('--format <format>', 'jsonl | csv | xlsx (по умолчанию по расширению)')
  .option('--mapping <mapping>', 'соответствие колонок: имя пресета (incident-management) или JSON-файл')
  .option('--channel <channel>', 'канал для строк CSV/XLSX без колонки канала')
  .addHelpText(
    'after',
    `
Записи с ошибками перечисляются с номерами строк, остальные импортируются. Последняя строка вывода — итог:
«imported N, unchanged M, failed K» (импортировано, без изменений, с ошибками; строка для скриптов, неизменна).
Код выхода: 0 — все записи приняты; ${EXIT_IMPORT_FAILED_RECORDS} — файл импортирован, но K > 0 записей с ошибками; 1 — команда не выполнена.`,
  )
  .action(async (file: string, opts: { format?: string; mapping?: string; channel?: string }) => {
    const mapping = opts.mapping && /\.json$/i.test(opts.mapping) ? path.resolve(opts.mapping) : opts.mapping;
    const env: OperationEnv = {
      ...(await withProgress()),
      exitCode: (code) => {
        process.exitCode = code;
      },
    };
    print(await runOperation('import', { file: path.resolve(file), ...opts, mapping }, env));
  });

program
  .command('analysis-cache')
  .description('Сохранённый анализ текстов импорта (классификатор, место, срочность): сколько, очистка')
  .option('--prune <days>', 'удалить записи, не использованные столько дней (0 — все)')
  .action(async (opts: { prune?: string }) => {
    const days = opts.prune === undefined ? undefined : Number(opts.prune);
    if (days !== undefined && !(Number.isInteger(days) && days >= 0))
      throw new AppError('validation_failed', '--prune: число дней, целое, не меньше 0');
    print(await runOperation('analysis-cache', days === undefined ? {} : { pruneDays: days }));
  });

program
  .command('export')
  .description('Экспорт сообщений с историей: формат обмена (JSON Lines) или XLSX')
  .requiredOption('--out <file>', 'куда писать (.jsonl, .jsonl.gz или .xlsx)')
  .option('--format <format>', 'jsonl | xlsx (по умолчанию по расширению)')
  .option('--from <date>', 'с даты ГГГГ-ММ-ДД')
  .option('--to <date>', 'по дату ГГГГ-ММ-ДД')
  .option('--masked', 'скрыть имена, контакты и адреса граждан (и контакты в текстах)')
  .option('--purpose <text>', 'цель выгрузки для журнала доступа к персональным данным')
  .action(
    async (opts: { out: string; format?: string; from?: string; to?: string; masked?: boolean; purpose?: string }) => {
      print(await runOperation('export', { ...opts, out: path.resolve(opts.out) }));
    },
  );

program
  .command('personal-data')
  .description('Персональные данные граждан (152-ФЗ)')
  .command('erase')
  .description(
    'Уничтожить персональные данные гражданина по обращению или по контакту (с записью в журнал уничтожения)',
  )
  .option('--case <id>', 'номер обращения')
  .option('--contact <contact>', 'телефон или e-mail гражданина')
  .requiredOption('--reason <text>', 'основание: например, номер и дата заявления')
  .action(async (o: { case?: string; contact?: string; reason: string }) => {
    print(
      await runOperation('personal-data.erase', {
        ...(o.case ? { caseId: o.case } : {}),
        ...(o.contact ? { contact: o.contact } : {}),
        reason: o.reason,
      }),
    );
  });

program
  .command('report')
  .description('Доклады')
  .command('monthly')
  .description('Ежемесячный доклад Губернатору: утверждённая версия месяца или черновик по текущим данным')
  .requiredOption('--month <month>', 'месяц ГГГГ-ММ')
  .requiredOption('--format <format>', 'pdf | docx | xlsx')
  .requiredOption('--out <file>', 'куда писать файл')
  .action(async (o: { month: string; format: string; out: string }) => {
    print(await runOperation('report.monthly', { ...o, out: path.resolve(o.out) }));
  });

program
  .command('verify')
  .description(
    'Проверить цепочку хешей истории обращений и официальных документов: «verified N records, 0 broken» или первая повреждённая запись (код 1)',
  )
  .option('--seal', 'сначала запечатать записи, которые сервер ещё не запечатал')
  .action(async (o: { seal?: boolean }) => print(await runOperation('chain.verify', { seal: Boolean(o.seal) })));

const partitions = program
  .command('partitions')
  .description('Помесячные разделы сообщений, истории обращений и очереди заданий (PostgreSQL и встроенная база)');
partitions
  .command('list')
  .description('Разделы по месяцам: оценка числа строк и размер')
  .option('--table <table>', 'messages | case_events | outbox')
  .action(async (o: { table?: string }) => print(await runOperation('partitions.list', o)));
partitions
  .command('maintain')
  .description(
    'Создать месяцы вперёд и перенести строки из раздела по умолчанию в их месяцы (сервер делает это каждую ночь)',
  )
  .action(async () => print(await runOperation('partitions.maintain', {})));
partitions
  .command('detach')
  .description(
    'Хранение: отключить все месяцы раньше указанного и перенести их в схему otklik_archive (или удалить с --drop)',
  )
  .requiredOption('--before <month>', 'месяц ГГГГ-ММ: всё раньше него уходит в архив')
  .option('--table <table>', 'только эта таблица: messages | case_events | outbox')
  .option('--drop', 'удалить месяцы, а не хранить в otklik_archive')
  .action(async (o: { before: string; table?: string; drop?: boolean }) =>
    print(await runOperation('partitions.detach', { ...o, drop: Boolean(o.drop) })),
  );

program
  .command('ratings')
  .description('Рейтинг организаций или муниципалитетов за период (даты включительно, по Москве)')
  .requiredOption('--level <level>', 'organisation | municipality')
  .option('--from <date>', 'с даты ГГГГ-ММ-ДД (по умолчанию начало текущего месяца)')
  .option('--to <date>', 'по дату ГГГГ-ММ-ДД (по умолчанию сегодня)')
  .option('--min-volume <n>', 'наименьшее число сообщений для места в рейтинге', '2')
  .option('--format <format>', 'json | xlsx', 'json')
  .option('--out <file>', 'куда писать (для xlsx обязательно)')
  .action(async (o: { level: string; from?: string; to?: string; minVolume: string; format: string; out?: string }) => {
    print(await runOperation('ratings', { ...o, ...(o.out ? { out: path.resolve(o.out) } : {}) }));
  });

const users = program.command('users').description('Пользователи');
users
  .command('add')
  .description('Добавить пользователя (или обновить пароль и роль существующего)')
  .requiredOption('--login <login>')
  .requiredOption('--password <password>')
  .requiredOption(
    '--role <role>',
    'curator, executive_secretary, head, block_owner, block_lead, direction_lead, operator, media_officer, auditor, admin, executor',
  )
  .option('--organisation <name>', 'организация исполнителя (точное название)')
  .option('--block <code>', 'отраслевой блок для block_owner, block_lead, direction_lead (код: zhkh, roads…)')
  .option('--name <fullName>', 'ФИО')
  .action(
    async (o: {
      login: string;
      password: string;
      role: string;
      organisation?: string;
      block?: string;
      name?: string;
    }) => {
      print(
        await runOperation('users.add', {
          login: o.login,
          password: o.password,
          role: o.role,
          organisation: o.organisation,
          block: o.block,
          fullName: o.name,
        }),
      );
    },
  );

users
  .command('deactivate')
  .description('Отключить пользователя: его сессии завершаются сразу, вход запрещён (вернуть — users add)')
  .requiredOption('--login <login>')
  .action(async (o: { login: string }) => print(await runOperation('users.deactivate', { login: o.login })));

users
  .command('reset-second-factor')
  .description(
    'Сбросить второй фактор (потерян телефон и коды восстановления); роль, где он обязателен, подключит его заново при входе',
  )
  .requiredOption('--login <login>')
  .action(async (o: { login: string }) => print(await runOperation('users.reset-second-factor', { login: o.login })));

const tokens = program.command('tokens').description('Токены интеграций');
const collect = (value: string, previous: string[]): string[] => [...previous, value];
tokens
  .command('create')
  .description('Создать токен; последняя строка вывода — сам токен')
  .requiredOption('--name <name>')
  .option(
    '--scope <scope>',
    `область (можно несколько): messages, messages:<канал>, open311, monitoring; без --scope — ${LEGACY_SCOPES.join(', ')}`,
    collect,
    [],
  )
  .action(async (o: { name: string; scope: string[] }) =>
    print(await runOperation('tokens.create', { name: o.name, scopes: o.scope })),
  );
tokens
  .command('list')
  .description('Токены: номер, имя, области, когда создан и использован, отозван ли (без секретов)')
  .action(async () => print(await runOperation('tokens.list', {})));
tokens
  .command('revoke')
  .description('Отозвать токен: с первого же запроса он получает 401')
  .argument('[id]', 'номер токена (первая колонка tokens list)')
  .option('--id <id>', 'то же, что номер аргументом')
  .action(async (id: string | undefined, o: { id?: string }) => {
    const chosen = id ?? o.id;
    if (!chosen) throw new AppError('validation_failed', 'Укажите номер токена: otklik tokens revoke ID');
    print(await runOperation('tokens.revoke', { id: chosen }));
  });

const organisations = program.command('organisations').description('Организации');
const aliases = organisations.command('aliases').description('Псевдонимы: названия организаций в источниках импорта');
aliases
  .command('list')
  .description('Все псевдонимы')
  .action(async () => print(await runOperation('organisations.aliases', {})));
aliases
  .command('add')
  .description('Новый псевдоним организации')
  .requiredOption('--alias <name>', 'название в источнике')
  .requiredOption('--organisation <name|id>', 'организация справочника')
  .action(async (o: { alias: string; organisation: string }) =>
    print(await runOperation('organisations.alias.add', o)),
  );
aliases
  .command('remove')
  .description('Удалить псевдоним')
  .argument('<id>')
  .action(async (id: string) => print(await runOperation('organisations.alias.remove', { id: Number(id) })));

function explain(error: unknown): string {
  if (error instanceof AppError || error instanceof ConfigError || error instanceof DataFolderBusyError)
    return error.message;
  if (error instanceof ZodError)
    return `Некорректные параметры: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  return error instanceof Error ? error.message : String(error);
}

try {
  loadConfig();
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`Ошибка: ${explain(error)}\n`);
  process.exit(1);
}
