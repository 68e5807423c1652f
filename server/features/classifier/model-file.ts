// Model files on disk.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Model } from './model';
import { deserializeModel, serializeModel } from './serialize';

/** Writes a model file (creating its folder); returns its size in bytes. */
export const saveModel = async (path: string, model: Model): Promise<number> => {
  const bytes = serializeModel(model);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return bytes.length;
};

export const loadModel = async (path: string): Promise<Model> => deserializeModel(new Uint8Array(await readFile(path)));
