// `otklik train`: labelled JSON Lines → model file, with a report of the data and held-out quality.
import { getField, labelOf, readJsonLines, textOf, type JsonLinesFile } from './dataset';
import { ClassifierCliError, describeIoError, type CliOutput } from './cli-messages';
import { saveModel } from './model-file';
import { trainModel, type TrainingExample } from './train';

export interface TrainFileOptions {
  readonly data: string;
  readonly label: string;
  readonly text: string;
  readonly out: string;
  readonly seed?: number;
  readonly evaluate: boolean;
}

const readData = async (path: string): Promise<JsonLinesFile> => {
  try {
    return await readJsonLines(path);
  } catch (error) {
    throw describeIoError('прочитать файл данных', path, error);
  }
};

const fieldsSeen = (file: JsonLinesFile): string =>
  [...new Set(file.records.slice(0, 50).flatMap((r) => Object.keys(r.value)))].slice(0, 12).join(', ');

/** Examples from the records; errors when the label or text field is absent from every record. */
export const examplesFrom = (file: JsonLinesFile, opts: Pick<TrainFileOptions, 'label' | 'text' | 'data'>): TrainingExample[] => {
  if (file.records.length === 0) throw new ClassifierCliError(`в файле «${opts.data}» нет ни одной строки JSON`);
  if (!file.records.some((r) => getField(r.value, opts.label) !== undefined)) {
    throw new ClassifierCliError(`поле метки «${opts.label}» не найдено ни в одной строке «${opts.data}» (есть поля: ${fieldsSeen(file)})`);
  }
  if (!file.records.some((r) => typeof getField(r.value, opts.text) === 'string')) {
    throw new ClassifierCliError(`текстовое поле «${opts.text}» не найдено ни в одной строке «${opts.data}» (есть поля: ${fieldsSeen(file)})`);
  }
  return file.records.flatMap((r) => {
    const label = labelOf(r.value, opts.label);
    return label === null ? [] : [{ text: textOf(r.value, opts.text), label }];
  });
};

const percent = (x: number): string => x.toFixed(4);

export const trainFromFile = async (opts: TrainFileOptions, io: CliOutput): Promise<void> => {
  const file = await readData(opts.data);
  for (const e of file.errors.slice(0, 20)) io.err(`строка ${e.line}: неверный JSON (${e.message}) — пропущена`);
  if (file.errors.length > 20) io.err(`…и ещё ${file.errors.length - 20} строк с неверным JSON`);
  const examples = examplesFrom(file, opts);
  const skipped = file.records.length - examples.length;
  const labels = new Set(examples.map((e) => e.label)).size;
  io.out(`Примеров: ${examples.length}, меток: ${labels}${skipped ? `; пропущено строк без метки: ${skipped}` : ''}`);
  const model = trainModel(examples, {
    evaluation: opts.evaluate ? 'auto' : 'none',
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    description: `${opts.label} из ${opts.data}`,
    onProgress: (message) => io.err(message),
  });
  const e = model.metadata.evaluation;
  io.out(e
    ? `Качество (${e.method}, ${e.n} прогнозов): macro-F1 ${percent(e.macroF1)}, accuracy ${percent(e.accuracy)}`
    : 'Качество: не оценивалось');
  let size: number;
  try {
    size = await saveModel(opts.out, model);
  } catch (error) {
    throw describeIoError('записать модель', opts.out, error);
  }
  io.out(`Модель: ${opts.out} (${(size / 1e6).toFixed(1)} МБ, обучение ${model.metadata.trainSeconds.toFixed(1)} с)`);
};
