import type { Command } from 'commander';
import { processOutput, type CliOutput } from '../../features/classifier/cli-messages';
import { trainFromFile } from '../../features/classifier/train-from-file';

interface TrainCliOptions {
  data: string;
  label: string;
  text: string;
  out: string;
  seed?: string;
  eval: boolean;
}

export function registerTrain(program: Command, io: CliOutput = processOutput): void {
  program.command('train')
    .description('Обучить классификатор сообщений на размеченном JSON Lines (.jsonl, .jsonl.gz)')
    .requiredOption('--data <file>', 'размеченные сообщения, JSON Lines')
    .requiredOption('--label <field>', 'поле метки, можно путь через точку (labels.category)')
    .option('--text <field>', 'поле текста', 'text')
    .requiredOption('--out <model>', 'куда записать модель')
    .option('--seed <n>', 'зерно для воспроизводимости')
    .option('--no-eval', 'не оценивать качество на отложенной выборке (быстрее; уверенность без калибровки)')
    .action(async (o: TrainCliOptions) => {
      await trainFromFile({ data: o.data, label: o.label, text: o.text, out: o.out, evaluate: o.eval, ...(o.seed ? { seed: Number(o.seed) } : {}) }, io);
    });
}
