import type { Command } from 'commander';
import { processOutput, type CliOutput } from '../../features/classifier/cli-messages';

interface ClassifyCliOptions {
  model: string;
  in: string;
  out: string;
  text: string;
  top: string;
}

export function registerClassify(program: Command, io: CliOutput = processOutput): void {
  program
    .command('classify')
    .description('Классифицировать сообщения из JSON Lines обученной моделью: по строке результата на строку входа')
    .requiredOption(
      '--model <model>',
      'файл модели (otklik train) или default — встроенный классификатор блок → категория',
    )
    .requiredOption('--in <file>', 'сообщения, JSON Lines (UTF-8 или windows-1251, можно .gz)')
    .requiredOption('--out <file>', 'куда писать результат, JSON Lines')
    .option('--text <field>', 'поле текста', 'text')
    .option('--top <n>', 'сколько вариантов перечислять в top', '3')
    .action(async (o: ClassifyCliOptions) => {
      const { classifyFile } = await import('../../features/classifier/classify-file');
      await classifyFile(
        { model: o.model, in: o.in, out: o.out, text: o.text, top: Math.max(1, Number(o.top) || 3) },
        io,
      );
    });
}
