// Model files: an 8-byte magic, a little-endian u32 header length, a JSON header (format version,
// labels, options, calibration, metadata, section table) and 8-byte-aligned binary sections.
import { MODEL_FORMAT_VERSION, type Model, type ModelMetadata } from './model';
import type { FeatureOptions } from './text/features';
import type { VocabularyOptions } from './vectorizer';

const MAGIC = 'OTKLIKCL';
const ALIGN = 8;

type SectionName = 'buckets' | 'idf' | 'weights' | 'rowOffsets' | 'rowScales' | 'bias';
type TypedArray = Uint32Array | Float32Array | Int16Array;

interface SectionEntry {
  readonly offset: number;
  readonly length: number;
}

interface Header {
  readonly format: 'otklik-text-classifier';
  readonly formatVersion: number;
  readonly labels: readonly string[];
  readonly temperature: number;
  readonly features: FeatureOptions;
  readonly vocabularyOptions: VocabularyOptions;
  readonly metadata: ModelMetadata;
  readonly sections: Readonly<Record<SectionName, SectionEntry>>;
}

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

const sectionsOf = (model: Model): Record<SectionName, TypedArray> => ({
  buckets: model.vocabulary.buckets,
  idf: model.vocabulary.idf,
  weights: model.weights,
  rowOffsets: model.rowOffsets,
  rowScales: model.rowScales,
  bias: model.bias,
});

export const serializeModel = (model: Model): Uint8Array => {
  const data = sectionsOf(model);
  const entries = {} as Record<SectionName, SectionEntry>;
  let offset = 0;
  for (const name of Object.keys(data) as SectionName[]) {
    entries[name] = { offset, length: data[name].length };
    offset = align(offset + data[name].byteLength);
  }
  const header: Header = {
    format: 'otklik-text-classifier',
    formatVersion: model.formatVersion,
    labels: model.labels,
    temperature: model.temperature,
    features: model.vocabulary.features,
    vocabularyOptions: model.vocabulary.options,
    metadata: model.metadata,
    sections: entries,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bodyStart = align(MAGIC.length + 4 + json.length);
  const out = new Uint8Array(bodyStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  for (const name of Object.keys(data) as SectionName[]) {
    const array = data[name];
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), bodyStart + entries[name].offset);
  }
  return out;
};

const readSection = <T extends TypedArray>(
  bytes: Uint8Array,
  start: number,
  entry: SectionEntry | undefined,
  make: (buffer: ArrayBuffer, length: number) => T,
  size: number,
): T => {
  if (!entry || entry.offset < 0 || start + entry.offset + entry.length * size > bytes.length) {
    throw new Error('model file is truncated or damaged');
  }
  const copy = bytes.slice(start + entry.offset, start + entry.offset + entry.length * size);
  return make(copy.buffer, entry.length);
};

const parseHeader = (bytes: Uint8Array): { header: Header; bodyStart: number } => {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (bytes.length < MAGIC.length + 4 || magic !== MAGIC) throw new Error('not an Otklik classifier model file');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)),
  ) as Header;
  if (header.format !== 'otklik-text-classifier') throw new Error('not an Otklik classifier model file');
  if (header.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(
      `unsupported model format version ${header.formatVersion} (this build reads ${MODEL_FORMAT_VERSION}); retrain the model`,
    );
  }
  return { header, bodyStart: align(MAGIC.length + 4 + length) };
};

export const deserializeModel = (bytes: Uint8Array): Model => {
  const { header, bodyStart } = parseHeader(bytes);
  const s = header.sections;
  const buckets = readSection(bytes, bodyStart, s.buckets, (b, n) => new Uint32Array(b, 0, n), 4);
  const idf = readSection(bytes, bodyStart, s.idf, (b, n) => new Float32Array(b, 0, n), 4);
  const weights = readSection(bytes, bodyStart, s.weights, (b, n) => new Int16Array(b, 0, n), 2);
  const rowOffsets = readSection(bytes, bodyStart, s.rowOffsets, (b, n) => new Uint32Array(b, 0, n), 4);
  const rowScales = readSection(bytes, bodyStart, s.rowScales, (b, n) => new Float32Array(b, 0, n), 4);
  const bias = readSection(bytes, bodyStart, s.bias, (b, n) => new Float32Array(b, 0, n), 4);
  if (
    bias.length !== header.labels.length ||
    rowOffsets.length !== buckets.length + 1 ||
    rowOffsets[buckets.length] !== weights.length
  ) {
    throw new Error('model file is inconsistent: section sizes do not match its labels');
  }
  return {
    formatVersion: header.formatVersion,
    labels: header.labels,
    temperature: header.temperature,
    vocabulary: { features: header.features, options: header.vocabularyOptions, buckets, idf },
    weights,
    rowOffsets,
    rowScales,
    bias,
    metadata: header.metadata,
  };
};
