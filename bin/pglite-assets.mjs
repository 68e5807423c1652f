// Short commands on the embedded database (bin/otklik.mjs): PGlite's WebAssembly is compiled, on V8's background
// threads, and its file bundle read while the command's own modules load, instead of after them, when PGlite would
// otherwise wait for both. server/db/database.ts takes them from the shared symbol; anything else (the server, tests)
// lets PGlite load its files itself.
import { readFile } from 'node:fs/promises';

const PGLITE_ASSETS = Symbol.for('otklik.pgliteAssets');

export function preloadPgliteAssets() {
  const dist = new URL('.', import.meta.resolve('@electric-sql/pglite'));
  const wasmModule = readFile(new URL('pglite.wasm', dist)).then((bytes) => WebAssembly.compile(bytes));
  const fsBundle = readFile(new URL('pglite.data', dist)).then((bytes) => new Blob([bytes]));
  const assets = Promise.all([wasmModule, fsBundle]).then(([m, b]) => ({ pgliteWasmModule: m, fsBundle: b }));
  // a failure here only means PGlite reads its files itself (database.ts falls back)
  assets.catch(() => undefined);
  globalThis[PGLITE_ASSETS] = assets;
}
