import { z } from 'zod';
import { rootContext, SYSTEM_ACTOR, type Services } from '../lib/context';
import type { TokenSummary } from '../features/auth/tokens';
import { erasureInputSchema } from '../../shared/api/personal-data';
import { AppError } from '../lib/errors';
import { EXIT_IMPORT_FAILED_RECORDS } from './exit-codes';

/** Who the journals name for reads and erasures made from the command line. */
const CLI_ACTOR = { kind: 'system', label: 'Командная строка otklik' } as const;

// Administrative operations shared by the CLI (run locally) and the server (run on a CLI's behalf while the
// server holds the embedded data folder). Each takes validated input and returns the lines to print. Each loads its
// feature modules when it runs, so a command imports only what it uses.
export interface Progress {
  total?: number | undefined;
  tick(n?: number): void;
  done(): void;
}
export interface OperationEnv {
  progress?: (total: number | undefined) => Progress;
  /**
   * An operation that did its work but must end the command with a non-zero code calls this (its lines are still
   * printed): `import` with failed records. Passed through the server when the command runs there.
   */
  exitCode?: (code: number) => void;
}

interface Operation<S extends z.ZodTypeAny> {
  schema: S;
  /** false: the operation never analyses a message, so the classifier is not loaded (a quicker start). */
  analyses?: boolean;
  /** true: the operation only reads; on an up-to-date schema it skips refreshing database functions and reference seeding. */
  readOnly?: boolean;
  run(services: Services, input: z.infer<S>, env: OperationEnv): Promise<string[]>;
}
const op = <S extends z.ZodTypeAny>(o: Operation<S>): Operation<z.ZodTypeAny> => o;

export const OPERATIONS: Record<string, Operation<z.ZodTypeAny>> = {
  'users.add': op({
    analyses: false,
    schema: z.object({
      login: z.string(),
      password: z.string(),
      role: z.string(),
      organisation: z.string().optional(),
      block: z.string().optional(),
      fullName: z.string().optional(),
    }),
    async run(services, input) {
      const user = await (await import('../features/auth/users')).addUser(rootContext(services, SYSTEM_ACTOR), input);
      return [
        `Пользователь ${user.login} (${user.role}${user.organisation ? `, ${user.organisation}` : ''}${user.block ? `, блок ${user.block}` : ''}) сохранён, id ${user.id}`,
      ];
    },
  }),
  'users.deactivate': op({
    analyses: false,
    schema: z.object({ login: z.string() }),
    async run(services, input) {
      const user = await (
        await import('../features/auth/users')
      ).deactivateUser(rootContext(services, SYSTEM_ACTOR), input.login);
      return [`Пользователь ${user.login} отключён: сессии завершены, вход запрещён.`];
    },
  }),
  'users.reset-second-factor': op({
    analyses: false,
    schema: z.object({ login: z.string() }),
    async run(services, input) {
      const user = await (
        await import('../features/auth/users')
      ).resetSecondFactor(rootContext(services, SYSTEM_ACTOR), input.login);
      return [`Второй фактор пользователя ${user.login} сброшен, сеансы завершены.`];
    },
  }),
  'tokens.create': op({
    analyses: false,
    schema: z.object({ name: z.string(), scopes: z.array(z.string()).optional() }),
    async run(services, input) {
      const t = await (
        await import('../features/auth/tokens')
      ).createToken(rootContext(services, SYSTEM_ACTOR), input.name, input.scopes);
      return [
        `Токен «${t.name}» создан (id ${t.id}, области: ${t.scopes.join(', ')}). Сохраните его: повторно он не показывается.`,
        t.token,
      ];
    },
  }),
  'tokens.list': op({
    analyses: false,
    readOnly: true,
    schema: z.object({}),
    async run(services) {
      const list = await (await import('../features/auth/tokens')).listTokens(rootContext(services, SYSTEM_ACTOR));
      return list.length ? list.map(describeToken) : ['Токенов нет.'];
    },
  }),
  'tokens.revoke': op({
    analyses: false,
    schema: z.object({ id: z.coerce.number().int().positive() }),
    async run(services, input) {
      return [
        `Отозван: ${describeToken(await (await import('../features/auth/tokens')).revokeToken(rootContext(services, SYSTEM_ACTOR), input.id))}`,
      ];
    },
  }),
  'organisations.aliases': op({
    analyses: false,
    readOnly: true,
    schema: z.object({}),
    async run(services) {
      return (await import('../features/reference/organisation-aliases')).describeAliases(
        rootContext(services, SYSTEM_ACTOR),
      );
    },
  }),
  'organisations.alias.add': op({
    analyses: false,
    schema: z.object({ alias: z.string(), organisation: z.string() }),
    async run(services, input) {
      const a = await (
        await import('../features/reference/organisation-aliases')
      ).addAliasByName(rootContext(services, SYSTEM_ACTOR), input);
      return [`Псевдоним ${a.id}: «${a.alias}» → ${a.organisation} (id ${a.organisationId})`];
    },
  }),
  'organisations.alias.remove': op({
    analyses: false,
    schema: z.object({ id: z.number().int().positive() }),
    async run(services, input) {
      await (
        await import('../features/reference/organisation-aliases')
      ).removeAlias(rootContext(services, SYSTEM_ACTOR), input.id);
      return [`Псевдоним ${input.id} удалён`];
    },
  }),
  import: op({
    schema: z.object({
      file: z.string(),
      format: z.string().optional(),
      mapping: z.string().optional(),
      channel: z.string().optional(),
    }),
    async run(services, input, env) {
      const { importFileReport } = await import('../features/import-export/import-file');
      const { lines, failed } = await importFileReport(rootContext(services, SYSTEM_ACTOR), input, env.progress);
      if (failed) env.exitCode?.(EXIT_IMPORT_FAILED_RECORDS);
      // the analytics of the imported days are rebuilt now rather than by the first screen or job that needs them
      const days = await (await import('../features/analytics/rollup')).refreshRollups(services.database.db);
      // the summary stays the last line (scripts read it)
      return days
        ? [...lines.slice(0, -1), `Сводные таблицы аналитики обновлены: ${days} дн.`, ...lines.slice(-1)]
        : lines;
    },
  }),
  'analysis-cache': op({
    analyses: false,
    schema: z.object({ pruneDays: z.number().int().min(0).optional() }),
    async run(services, input) {
      const { describeKeptAnalyses, pruneKeptAnalyses } = await import('../features/import-export/analysis-cache');
      const ctx = rootContext(services, SYSTEM_ACTOR);
      const pruned = input.pruneDays === undefined ? null : await pruneKeptAnalyses(ctx, input.pruneDays);
      return describeKeptAnalyses(ctx, pruned);
    },
  }),
  export: op({
    schema: z.object({
      out: z.string(),
      format: z.enum(['jsonl', 'xlsx']).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      masked: z.boolean().optional(),
      purpose: z.string().max(300).optional(),
    }),
    async run(services, input) {
      return (await import('../features/import-export/export-messages')).exportMessages(
        rootContext(services, CLI_ACTOR),
        input,
      );
    },
  }),
  'personal-data.erase': op({
    schema: erasureInputSchema,
    async run(services, input) {
      const { describeErasure, erasePersonalData } = await import('../features/personal-data/erase');
      return describeErasure(await erasePersonalData(rootContext(services, CLI_ACTOR), input));
    },
  }),
  'classifier.train': op({
    schema: z.object({
      tolerance: z.number().min(0).max(1).optional(),
      seed: z.number().int().optional(),
      out: z.string().optional(),
    }),
    async run(services, input) {
      const [{ describeRetrain }, { retrainFromDatabase }] = await Promise.all([
        import('../features/classifier/retrain/report'),
        import('../features/classifier/retrain/retrain'),
      ]);
      return describeRetrain(await retrainFromDatabase(rootContext(services, SYSTEM_ACTOR), input));
    },
  }),
  'classifier.models': op({
    schema: z.object({}),
    async run(services) {
      const [{ describeModels }, { listModels }] = await Promise.all([
        import('../features/classifier/retrain/report'),
        import('../features/classifier/retrain/models.repository'),
      ]);
      return describeModels(await listModels(rootContext(services, SYSTEM_ACTOR)));
    },
  }),
  'classifier.activate': op({
    schema: z.object({ version: z.number().int().positive() }),
    async run(services, input) {
      await (
        await import('../features/classifier/retrain/activate')
      ).activateModel(rootContext(services, SYSTEM_ACTOR), input.version);
      return [`Версия ${input.version} классификатора включена.`];
    },
  }),
  'report.monthly': op({
    schema: z.object({ month: z.string(), format: z.string(), out: z.string() }),
    async run(services, input) {
      return (await import('../features/reports/write-monthly-report')).writeMonthlyReport(
        rootContext(services, SYSTEM_ACTOR),
        input,
      );
    },
  }),
  'chain.verify': op({
    analyses: false,
    schema: z.object({ seal: z.boolean().optional() }),
    async run(services, input) {
      const db = services.database.db;
      const { describeVerification, sealChain, verifyChain } = await import('../features/documents/chain');
      const sealed = input.seal ? await sealChain(db, { full: true }) : 0;
      const result = await verifyChain(db);
      const lines = [...(sealed ? [`запечатано новых записей: ${sealed}`] : []), ...describeVerification(result)];
      if (!result.ok) throw new AppError('conflict', lines.join('\n'));
      return lines;
    },
  }),
  'partitions.list': op({
    analyses: false,
    readOnly: true,
    schema: z.object({ table: z.string().optional() }),
    async run(services, input) {
      const { listPartitions } = await import('../features/partitions/partitions');
      const rows = await listPartitions(services.database.db, input.table);
      return [
        'таблица\tмесяц\tраздел\tстрок (≈)\tМБ',
        ...rows.map(
          (p) =>
            `${p.table}\t${p.month ?? 'по умолчанию'}\t${p.partition}\t${Math.round(p.rowsEstimate)}\t${(p.bytes / 1048576).toFixed(1)}`,
        ),
      ];
    },
  }),
  'partitions.maintain': op({
    analyses: false,
    schema: z.object({}),
    async run(services) {
      const { maintainPartitions } = await import('../features/partitions/partitions');
      const created = await maintainPartitions(services.database.db, services.clock.now());
      return created.length ? created.map((c) => `создан месяц ${c}`) : ['Все месяцы на месте: создавать нечего'];
    },
  }),
  'partitions.detach': op({
    analyses: false,
    schema: z.object({ before: z.string(), table: z.string().optional(), drop: z.boolean().optional() }),
    async run(services, input) {
      const { detachBefore } = await import('../features/partitions/partitions');
      return detachBefore(services.database.db, services.clock.now(), { ...input, actor: CLI_ACTOR.label });
    },
  }),
  ratings: op({
    schema: z.object({
      level: z.enum(['organisation', 'municipality']),
      from: z.string().optional(),
      to: z.string().optional(),
      minVolume: z.coerce.number().int().min(1).optional(),
      format: z.enum(['json', 'xlsx']).default('json'),
      out: z.string().optional(),
    }),
    async run(services, input) {
      return (await import('../features/analytics/ratings-cli')).ratingsOperation(
        rootContext(services, SYSTEM_ACTOR),
        input,
      );
    },
  }),
};

function describeToken(t: TokenSummary): string {
  const used = t.lastUsedAt ? `использован ${t.lastUsedAt.toISOString()}` : 'не использовался';
  return `${t.id}\t${t.name}\t${t.scopes.join(',')}\tсоздан ${t.createdAt.toISOString()}\t${used}${t.revokedAt ? `\tОТОЗВАН ${t.revokedAt.toISOString()}` : ''}`;
}
