import { z } from 'zod';
import { rootContext, SYSTEM_ACTOR, type Services } from '../lib/context';
import { addUser, deactivateUser, resetSecondFactor } from '../features/auth/users';
import { createToken, listTokens, revokeToken, type TokenSummary } from '../features/auth/tokens';
import { importFile } from '../features/import-export/import-file';
import { exportMessages } from '../features/import-export/export-messages';
import { retrainFromDatabase } from '../features/classifier/retrain/retrain';
import { activateModel } from '../features/classifier/retrain/activate';
import { listModels } from '../features/classifier/retrain/models.repository';
import { describeModels, describeRetrain } from '../features/classifier/retrain/report';
import { writeMonthlyReport } from '../features/reports/write-monthly-report';
import { ratingsOperation } from '../features/analytics/ratings-cli';
import { erasureInputSchema } from '../../shared/api/personal-data';
import { describeErasure, erasePersonalData } from '../features/personal-data/erase';

/** Who the journals name for reads and erasures made from the command line. */
const CLI_ACTOR = { kind: 'system', label: 'Командная строка otklik' } as const;
import { addAliasByName, describeAliases, removeAlias } from '../features/reference/organisation-aliases';

// Administrative operations shared by the CLI (run locally) and the server (run on a CLI's behalf while the
// server holds the embedded data folder). Each takes validated input and returns the lines to print.
export interface Progress { total?: number | undefined; tick(n?: number): void; done(): void }
export interface OperationEnv { progress?: (total: number | undefined) => Progress }

interface Operation<S extends z.ZodTypeAny> {
  schema: S;
  run(services: Services, input: z.infer<S>, env: OperationEnv): Promise<string[]>;
}
const op = <S extends z.ZodTypeAny>(o: Operation<S>): Operation<z.ZodTypeAny> => o;

export const OPERATIONS: Record<string, Operation<z.ZodTypeAny>> = {
  'users.add': op({
    schema: z.object({ login: z.string(), password: z.string(), role: z.string(), organisation: z.string().optional(), fullName: z.string().optional() }),
    async run(services, input) {
      const user = await addUser(rootContext(services, SYSTEM_ACTOR), input);
      return [`Пользователь ${user.login} (${user.role}${user.organisation ? `, ${user.organisation}` : ''}) сохранён, id ${user.id}`];
    },
  }),
  'users.deactivate': op({
    schema: z.object({ login: z.string() }),
    async run(services, input) {
      const user = await deactivateUser(rootContext(services, SYSTEM_ACTOR), input.login);
      return [`Пользователь ${user.login} отключён: сессии завершены, вход запрещён.`];
    },
  }),
  'users.reset-second-factor': op({
    schema: z.object({ login: z.string() }),
    async run(services, input) {
      const user = await resetSecondFactor(rootContext(services, SYSTEM_ACTOR), input.login);
      return [`Второй фактор пользователя ${user.login} сброшен, сеансы завершены.`];
    },
  }),
  'tokens.create': op({
    schema: z.object({ name: z.string(), scopes: z.array(z.string()).optional() }),
    async run(services, input) {
      const t = await createToken(rootContext(services, SYSTEM_ACTOR), input.name, input.scopes);
      return [`Токен «${t.name}» создан (id ${t.id}, области: ${t.scopes.join(', ')}). Сохраните его: повторно он не показывается.`, t.token];
    },
  }),
  'tokens.list': op({
    schema: z.object({}),
    async run(services) {
      const list = await listTokens(rootContext(services, SYSTEM_ACTOR));
      return list.length ? list.map(describeToken) : ['Токенов нет.'];
    },
  }),
  'tokens.revoke': op({
    schema: z.object({ id: z.coerce.number().int().positive() }),
    async run(services, input) {
      return [`Отозван: ${describeToken(await revokeToken(rootContext(services, SYSTEM_ACTOR), input.id))}`];
    },
  }),
  'organisations.aliases': op({
    schema: z.object({}),
    async run(services) {
      return describeAliases(rootContext(services, SYSTEM_ACTOR));
    },
  }),
  'organisations.alias.add': op({
    schema: z.object({ alias: z.string(), organisation: z.string() }),
    async run(services, input) {
      const a = await addAliasByName(rootContext(services, SYSTEM_ACTOR), input);
      return [`Псевдоним ${a.id}: «${a.alias}» → ${a.organisation} (id ${a.organisationId})`];
    },
  }),
  'organisations.alias.remove': op({
    schema: z.object({ id: z.number().int().positive() }),
    async run(services, input) {
      await removeAlias(rootContext(services, SYSTEM_ACTOR), input.id);
      return [`Псевдоним ${input.id} удалён`];
    },
  }),
  import: op({
    schema: z.object({ file: z.string(), format: z.string().optional(), mapping: z.string().optional(), channel: z.string().optional() }),
    async run(services, input, env) {
      return importFile(rootContext(services, SYSTEM_ACTOR), input, env.progress);
    },
  }),
  export: op({
    schema: z.object({ out: z.string(), format: z.enum(['jsonl', 'xlsx']).optional(), from: z.string().optional(), to: z.string().optional(),
      masked: z.boolean().optional(), purpose: z.string().max(300).optional() }),
    async run(services, input) {
      return exportMessages(rootContext(services, CLI_ACTOR), input);
    },
  }),
  'personal-data.erase': op({
    schema: erasureInputSchema,
    async run(services, input) {
      return describeErasure(await erasePersonalData(rootContext(services, CLI_ACTOR), input));
    },
  }),
  'classifier.train': op({
    schema: z.object({ tolerance: z.number().min(0).max(1).optional(), seed: z.number().int().optional(), out: z.string().optional() }),
    async run(services, input) {
      return describeRetrain(await retrainFromDatabase(rootContext(services, SYSTEM_ACTOR), input));
    },
  }),
  'classifier.models': op({
    schema: z.object({}),
    async run(services) {
      return describeModels(await listModels(rootContext(services, SYSTEM_ACTOR)));
    },
  }),
  'classifier.activate': op({
    schema: z.object({ version: z.number().int().positive() }),
    async run(services, input) {
      await activateModel(rootContext(services, SYSTEM_ACTOR), input.version);
      return [`Версия ${input.version} классификатора включена.`];
    },
  }),
  'report.monthly': op({
    schema: z.object({ month: z.string(), format: z.string(), out: z.string() }),
    async run(services, input) {
      return writeMonthlyReport(rootContext(services, SYSTEM_ACTOR), input);
    },
  }),
  ratings: op({
    schema: z.object({ level: z.enum(['organisation', 'municipality']), from: z.string().optional(), to: z.string().optional(),
      minVolume: z.coerce.number().int().min(1).optional(), format: z.enum(['json', 'xlsx']).default('json'), out: z.string().optional() }),
    async run(services, input) {
      return ratingsOperation(rootContext(services, SYSTEM_ACTOR), input);
    },
  }),
};

function describeToken(t: TokenSummary): string {
  const used = t.lastUsedAt ? `использован ${t.lastUsedAt.toISOString()}` : 'не использовался';
  return `${t.id}\t${t.name}\t${t.scopes.join(',')}\tсоздан ${t.createdAt.toISOString()}\t${used}${t.revokedAt ? `\tОТОЗВАН ${t.revokedAt.toISOString()}` : ''}`;
}
