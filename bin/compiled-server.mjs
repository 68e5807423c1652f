// The compiled server for the `otklik` binary. TypeScript sources of server/ and shared/ are bundled once with esbuild
// (code splitting: every command loads only its own chunks; npm packages stay external) into
// dist/server/<content hash>/; later starts import that bundle directly instead of compiling TypeScript through tsx.
// The hash covers every source file (path and bytes) and the checkout's location, so any change rebuilds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['server', 'shared'];
const OUT = path.join(ROOT, 'dist', 'server');
const SOURCE_FILE = /\.(ts|mts|mjs|json)$/;
const TEST_FILE = /\.test\.ts$/;

function listSources(dir, found) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test') listSources(p, found);
    } else if (SOURCE_FILE.test(entry.name) && !TEST_FILE.test(entry.name)) found.push(p);
  }
  return found;
}

/** The content hash of the server's sources (and of the checkout's location, baked into the bundle). */
export function sourceHash() {
  const hash = createHash('sha256').update(ROOT);
  for (const dir of SOURCES) {
    for (const file of listSources(path.join(ROOT, dir), []).sort()) {
      hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export const compiledEntry = (hash) => path.join(OUT, hash, 'main.js');

// Sources resolve files beside themselves (the web build, the analysis worker, package paths): import.meta.url keeps
// pointing at the source file, so those paths mean the same in the bundle as under tsx.
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

// kysely-pglite's package entry also loads its code generator (kysely-codegen and a dozen packages) that the server
// never uses, and even its dialect module loads fs-extra and @sindresorhus/is for its own constructor's options. The
// server only ever passes an open PGlite client (database.ts: `new KyselyPGlite(client).dialect`), so the bundle gets
// that dialect alone: the package's driver module and kysely's PostgreSQL adapter, introspector and compiler.
const pgliteDialectOnly = {
  name: 'pglite-dialect-only',
  setup(build) {
    build.onResolve({ filter: /^kysely-pglite$/ }, () => ({ path: 'kysely-pglite', namespace: 'pglite-dialect' }));
    build.onLoad({ filter: /.*/, namespace: 'pglite-dialect' }, () => ({
      contents: [
        "import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';",
        `import { PGliteDriver } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules', 'kysely-pglite', 'dist', 'pglite-driver.js')).href)};`,
        'export class KyselyPGlite {',
        '  constructor(client) {',
        '    this.client = client;',
        '    this.dialect = {',
        '      createAdapter: () => new PostgresAdapter(),',
        '      createDriver: () => new PGliteDriver(client),',
        '      createIntrospector: (db) => new PostgresIntrospector(db),',
        '      createQueryCompiler: () => new PostgresQueryCompiler(),',
        '    };',
        '  }',
        '}',
      ].join('\n'),
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

/** Bundles the CLI for this hash (into a temporary folder, renamed into place) and removes older bundles. */
export async function buildServer(hash = sourceHash()) {
  const { build } = await import('esbuild');
  const target = path.join(OUT, hash);
  const temp = `${target}.tmp-${process.pid}`;
  await build({
    entryPoints: { main: path.join(ROOT, 'server', 'cli', 'main.ts') },
    outdir: temp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
    plugins: [keepSourceUrls, pgliteDialectOnly],
    chunkNames: 'chunks/[name]-[hash]',
  });
  try {
    fs.renameSync(temp, target);
  } catch {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  for (const old of fs.readdirSync(OUT)) {
    if (old !== hash && !old.includes('.tmp-')) fs.rmSync(path.join(OUT, old), { recursive: true, force: true });
  }
  return compiledEntry(hash);
}

/** The up-to-date compiled entry, building it when missing; null when it cannot be built here. */
export async function ensureCompiledServer() {
  const hash = sourceHash();
  const entry = compiledEntry(hash);
  if (fs.existsSync(entry)) return entry;
  try {
    return await buildServer(hash);
  } catch (error) {
    process.stderr.write(
      `Сборка сервера не удалась (${error instanceof Error ? error.message.split('\n')[0] : error}); команда выполняется из исходников.\n`,
    );
    return null;
  }
}

// `npm run build:server`, and `npm install` (prepare, --quiet): a failed build only says so, the binary then builds
// at its first start or runs the sources through tsx.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const quiet = process.argv.includes('--quiet');
  try {
    const entry = await buildServer();
    if (!quiet) process.stdout.write(`Сервер собран: ${path.relative(ROOT, entry)}\n`);
  } catch (error) {
    process.stderr.write(`Сборка сервера не удалась: ${error instanceof Error ? error.message : error}\n`);
    process.exitCode = quiet ? 0 : 1;
  }
}
