// `otklik classify`: a model and JSON Lines messages → one JSON line of prediction per input line.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { ClassifierCliError, describeIoError, type CliOutput } from './cli-messages';
import { cleanText, ENCODING_ISSUE_TEXT, getField, parseJsonLines, textOf, type EncodingIssue } from './dataset';
import { loadDefaultClassifier } from './default-model/load-default';
import { classifyMessage } from './hierarchy';
import { predict, type LabelScore, type Model, type Prediction } from './model';
import { deserializeModel } from './serialize';

export interface ClassifyFileOptions {
  readonly model: string;
  readonly in: string;
  readonly out: string;
  readonly text: string;
  readonly top: number;
}

/** `--model default`: the built-in block → category classifier of the default taxonomy. */
export const DEFAULT_MODEL_NAME = 'default';

type Classify = (text: string, top: number) => Prediction & { readonly block?: string; readonly category?: string };

interface OutputLine {
  readonly id: unknown;
  readonly label?: string;
  readonly block?: string;
  readonly category?: string;
  readonly confidence?: number;
  readonly top?: readonly LabelScore[];
  readonly line?: number;
  readonly error?: string;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

const defaultClassify = (): Classify => {
  const models = loadDefaultClassifier();
  return (text, top) => {
    const r = classifyMessage(models, text, { top });
    return {
      label: `${r.block}.${r.category}`,
      block: r.block,
      category: r.category,
      confidence: r.confidence,
      top: r.top.map((t) => ({ label: `${t.block}.${t.category}`, score: t.score })),
    };
  };
};

const loadClassifier = async (path: string): Promise<Classify> => {
  if (path === DEFAULT_MODEL_NAME) return defaultClassify();
  const model = await loadModelFile(path);
  return (text, top) => predict(model, text, { top });
};

const loadModelFile = async (path: string): Promise<Model> => {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw describeIoError('прочитать модель', path, error);
  }
  try {
    return deserializeModel(bytes);
  } catch (error) {
    throw new ClassifierCliError(`«${path}»: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** The id of a message: its `id`, else its `externalId`, else null. */
export const messageId = (value: Readonly<Record<string, unknown>>): unknown => value.id ?? value.externalId ?? null;

const classifyLines = (
  classify: Classify,
  bytes: Uint8Array,
  opts: ClassifyFileOptions,
  io: CliOutput,
): OutputLine[] => {
  const file = parseJsonLines(bytes);
  const lines: { line: number; output: OutputLine }[] = file.errors.map((e) => {
    io.err(`строка ${e.line}: неверный JSON (${e.message})`);
    return { line: e.line, output: { id: null, line: e.line, error: 'invalid JSON' } };
  });
  if (file.records.length > 0 && !file.records.some((r) => getField(r.value, opts.text) !== undefined)) {
    throw new ClassifierCliError(`текстовое поле «${opts.text}» не найдено ни в одной строке входного файла`);
  }
  const issues: Record<EncodingIssue, number[]> = { mojibake: [], replacement: [] };
  for (const record of file.records) {
    const cleaned = cleanText(textOf(record.value, opts.text));
    if (cleaned.issue) issues[cleaned.issue].push(record.line);
    const p = classify(cleaned.text, opts.top);
    lines.push({
      line: record.line,
      output: {
        id: messageId(record.value),
        label: p.label,
        ...(p.block === undefined ? {} : { block: p.block, category: p.category }),
        confidence: round(p.confidence),
        top: p.top.map((t) => ({ label: t.label, score: round(t.score) })),
      },
    });
  }
  for (const issue of ['mojibake', 'replacement'] as const) {
    const at = issues[issue];
    if (at.length > 0)
      io.err(
        `строк: ${at.length} (${at.slice(0, 5).join(', ')}${at.length > 5 ? ', …' : ''}) — ${ENCODING_ISSUE_TEXT[issue]}`,
      );
  }
  return lines.sort((a, b) => a.line - b.line).map((l) => l.output);
};

const writeLines = async (path: string, lines: readonly OutputLine[]): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  const file = createWriteStream(path);
  const sink = path.endsWith('.gz') ? createGzip() : null;
  if (sink) sink.pipe(file);
  const target = sink ?? file;
  for (const line of lines) {
    if (!target.write(`${JSON.stringify(line)}\n`)) await once(target, 'drain');
  }
  target.end();
  await once(file, 'close');
};

export const classifyFile = async (opts: ClassifyFileOptions, io: CliOutput): Promise<void> => {
  const classify = await loadClassifier(opts.model);
  let input: Uint8Array;
  try {
    input = new Uint8Array(await readFile(opts.in));
  } catch (error) {
    throw describeIoError('прочитать входной файл', opts.in, error);
  }
  const started = performance.now();
  const lines = classifyLines(classify, input, opts, io);
  const seconds = (performance.now() - started) / 1000;
  try {
    await writeLines(opts.out, lines);
  } catch (error) {
    throw describeIoError('записать результат', opts.out, error);
  }
  io.out(
    `Классифицировано сообщений: ${lines.filter((l) => l.label !== undefined).length} за ${seconds.toFixed(2)} с → ${opts.out}`,
  );
};
