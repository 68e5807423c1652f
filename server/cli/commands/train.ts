import path from 'node:path';
import type { Command } from 'commander';
import { ClassifierCliError, processOutput, type CliOutput } from '../../features/classifier/cli-messages';

const runOperation = async (name: string, input: unknown): Promise<string[]> =>
  (await import('../run-operation')).runOperation(name, input);

interface TrainCliOptions {
  data?: string;
  label?: string;
  text: string;
  out?: string;
  seed?: string;
  eval: boolean;
  fromDb: boolean;
  tolerance?: string;
}

const number = (value: string | undefined, what: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ClassifierCliError(`${what}: ожидается число, получено «${value}»`);
  return n;
};

export function registerTrain(program: Command, io: CliOutput = processOutput): void {
  program
    .command('train')
    .description(
      'Обучить классификатор: на размеченном JSON Lines (--data) или на исправлениях операторов из базы (--from-db)',
    )
    .option('--data <file>', 'размеченные сообщения, JSON Lines (.jsonl, .jsonl.gz)')
    .option('--label <field>', 'поле метки, можно путь через точку (labels.category)')
    .option('--text <field>', 'поле текста', 'text')
    .option('--out <model>', 'куда записать модель (с --from-db — необязательно: версия всегда сохраняется в базе)')
    .option(
      '--from-db',
      'переобучить блоки и категории: встроенный материал + исправления операторов; новая версия включается, только если не хуже',
      false,
    )
    .option(
      '--tolerance <x>',
      'с --from-db: допуск сравнения с действующей версией (по умолчанию OTKLIK_MODEL_TOLERANCE)',
    )
    .option('--seed <n>', 'зерно для воспроизводимости')
    .option('--no-eval', 'не оценивать качество на отложенной выборке (быстрее; уверенность без калибровки)')
    .action(async (o: TrainCliOptions) => {
      const seed = number(o.seed, '--seed');
      if (o.fromDb) {
        if (o.data || o.label)
          throw new ClassifierCliError('--from-db обучает на базе: --data и --label с ним не указываются');
        const tolerance = number(o.tolerance, '--tolerance');
        const lines = await runOperation('classifier.train', {
          ...(o.out ? { out: path.resolve(o.out) } : {}),
          ...(seed === undefined ? {} : { seed }),
          ...(tolerance === undefined ? {} : { tolerance }),
        });
        for (const line of lines) io.out(line);
        return;
      }
      if (!o.data || !o.label || !o.out)
        throw new ClassifierCliError(
          'укажите --data, --label и --out (или --from-db, чтобы переобучить на исправлениях операторов)',
        );
      const { trainFromFile } = await import('../../features/classifier/train-from-file');
      await trainFromFile(
        {
          data: o.data,
          label: o.label,
          text: o.text,
          out: o.out,
          evaluate: o.eval,
          ...(seed === undefined ? {} : { seed }),
        },
        io,
      );
    });

  const models = program.command('models').description('Версии классификатора в базе: список, включение и откат');
  models
    .command('list')
    .description('Все версии с оценкой и статусом')
    .action(async () => {
      for (const line of await runOperation('classifier.models', {})) io.out(line);
    });
  models
    .command('activate')
    .description('Включить версию (в том числе откатиться к прежней)')
    .argument('<version>', 'номер версии')
    .action(async (version: string) => {
      const v = Number(version);
      if (!Number.isInteger(v) || v < 1)
        throw new ClassifierCliError(`номер версии — целое число, получено «${version}»`);
      for (const line of await runOperation('classifier.activate', { version: v })) io.out(line);
    });
}
