// A block → category classifier (one block model and one model per block) as one byte string: an 8-byte
// magic, a little-endian u32 header length, a JSON header (block codes and model sizes) and the model files.
import type { HierarchicalModels } from './hierarchy';
import { deserializeModel, serializeModel } from './serialize';

const MAGIC = 'OTKLIKHM';

interface BundleHeader {
  readonly format: 'otklik-hierarchical-classifier';
  readonly blocks: number;
  readonly categories: readonly { readonly block: string; readonly bytes: number }[];
}

export const serializeHierarchical = (models: HierarchicalModels): Uint8Array => {
  const blocks = serializeModel(models.blocks);
  const codes = Object.keys(models.categories).sort();
  const parts = codes.map((code) => serializeModel(models.categories[code] as HierarchicalModels['blocks']));
  const header: BundleHeader = {
    format: 'otklik-hierarchical-classifier',
    blocks: blocks.length,
    categories: codes.map((block, i) => ({ block, bytes: parts[i]?.length ?? 0 })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = MAGIC.length + 4 + json.length + blocks.length + parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  let at = MAGIC.length + 4 + json.length;
  for (const part of [blocks, ...parts]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const deserializeHierarchical = (bytes: Uint8Array): HierarchicalModels => {
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new Error('not an Otklik block → category classifier');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)),
  ) as BundleHeader;
  if (header.format !== 'otklik-hierarchical-classifier') throw new Error('not an Otklik block → category classifier');
  let at = MAGIC.length + 4 + length;
  const take = (n: number): Uint8Array => {
    if (at + n > bytes.length) throw new Error('classifier bundle is truncated');
    const part = bytes.subarray(at, at + n);
    at += n;
    return part;
  };
  const blocks = deserializeModel(take(header.blocks));
  const categories: Record<string, HierarchicalModels['blocks']> = {};
  for (const entry of header.categories) categories[entry.block] = deserializeModel(take(entry.bytes));
  return { blocks, categories };
};
