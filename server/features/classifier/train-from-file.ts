// `otklik train`: labelled JSON Lines → model file, with a report of the data and held-out quality.
import {
  cleanText,
  ENCODING_ISSUE_TEXT,
  getField,
  labelOf,
  monthOf,
  readJsonLines,
  textOf,
  type EncodingIssue,
  type JsonLinesFile,
} from './dataset';
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
export const examplesFrom = (
  file: JsonLinesFile,
  opts: Pick<TrainFileOptions, 'label' | 'text' | 'data'>,
): (TrainingExample & { line: number })[] => {
  if (file.records.length === 0) throw new ClassifierCliError(`в файле «${opts.data}» нет ни одной строки JSON`);
  if (!file.records.some((r) => getField(r.value, opts.label) !== undefined)) {
    throw new ClassifierCliError(
      `поле метки «${opts.label}» не найдено ни в одной строке «${opts.data}» (есть поля: ${fieldsSeen(file)})`,
    );
  }
  if (!file.records.some((r) => typeof getField(r.value, opts.text) === 'string')) {
    throw new ClassifierCliError(
      `текстовое поле «${opts.text}» не найдено ни в одной строке «${opts.data}» (есть поля: ${fieldsSeen(file)})`,
    );
  }
  const examples = file.records.flatMap((r) => {
    const label = labelOf(r.value, opts.label);
    return label === null
      ? []
      : [{ text: textOf(r.value, opts.text), label, period: monthOf(r.value.created_at), line: r.line }];
  });
  if (examples.length === 0)
    throw new ClassifierCliError(`в «${opts.data}» нет ни одной строки с непустой меткой «${opts.label}»`);
  if (new Set(examples.map((e) => e.label)).size < 2) {
    throw new ClassifierCliError(
      `в «${opts.data}» у всех строк одна и та же метка «${examples[0]?.label ?? ''}»: для обучения нужно хотя бы две разные`,
    );
  }
  return examples;
};

/**
 * Repairs texts that were once read in the wrong encoding and drops those whose letters are lost (replacement
 * characters), reporting both; training on lost letters would only teach noise.
 */
export const cleanExamples = (
  examples: readonly (TrainingExample & { line: number })[],
  io: CliOutput,
): TrainingExample[] => {
  const found: Record<EncodingIssue, number[]> = { mojibake: [], replacement: [] };
  const kept = examples.flatMap((e) => {
    const c = cleanText(e.text ?? '');
    if (c.issue) found[c.issue].push(e.line);
    return c.issue === 'replacement' ? [] : [{ text: c.text, label: e.label, period: e.period ?? null }];
  });
  for (const issue of ['mojibake', 'replacement'] as const) {
    const lines = found[issue];
    if (lines.length === 0) continue;
    io.err(
      `строк: ${lines.length} (${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}) — ${ENCODING_ISSUE_TEXT[issue]}${issue === 'replacement' ? '; эти строки пропущены' : ''}`,
    );
  }
  if (kept.length === 0) throw new ClassifierCliError('после пропуска строк с утраченными буквами обучать не на чем');
  return kept;
};

const percent = (x: number): string => x.toFixed(4);

export const trainFromFile = async (opts: TrainFileOptions, io: CliOutput): Promise<void> => {
  const file = await readData(opts.data);
  for (const e of file.errors.slice(0, 20)) io.err(`строка ${e.line}: неверный JSON (${e.message}) — пропущена`);
  if (file.errors.length > 20) io.err(`…и ещё ${file.errors.length - 20} строк с неверным JSON`);
  const labelled = examplesFrom(file, opts);
  const examples = cleanExamples(labelled, io);
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
  io.out(
    e
      ? `Качество (${e.method}, ${e.n} прогнозов): macro-F1 ${percent(e.macroF1)}, accuracy ${percent(e.accuracy)}`
      : 'Качество: не оценивалось',
  );
  let size: number;
  try {
    size = await saveModel(opts.out, model);
  } catch (error) {
    throw describeIoError('записать модель', opts.out, error);
  }
  io.out(`Модель: ${opts.out} (${(size / 1e6).toFixed(1)} МБ, обучение ${model.metadata.trainSeconds.toFixed(1)} с)`);
};
