// The compiled server for the `otklik` binary. TypeScript sources of server/ and shared/ are bundled once with esbuild
// (code splitting: every command loads only its own chunks; npm packages stay external) into
// dist/server/<content hash>/; later starts import that bundle directly instead of compiling TypeScript through tsx.
// The hash covers every source file (path and bytes), this builder and the checkout's location, so any change rebuilds.
// A build is never removed while a process uses it (a server started before a code update loads its chunks lazily,
// for as long as it runs): see «Builds in use» below.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['server', 'shared'];
// OTKLIK_SERVER_BUILD_DIR: another folder for the builds (the tests of this file build into a temporary one)
const OUT = process.env.OTKLIK_SERVER_BUILD_DIR
  ? path.resolve(process.env.OTKLIK_SERVER_BUILD_DIR)
  : path.join(ROOT, 'dist', 'server');
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
export function sourceHash(files = listAllSources()) {
  // this file's own bytes too: a change to how the bundle is built rebuilds it
  const hash = createHash('sha256')
    .update(ROOT)
    .update(fs.readFileSync(fileURLToPath(import.meta.url)));
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const listAllSources = () => SOURCES.flatMap((dir) => listSources(path.join(ROOT, dir), []).sort());

// Reading and hashing every source costs a short command about 40 ms; sizes and modification times cost a quarter of
// that. The stamp remembers which content hash the sources had at given sizes and times: while they are unchanged the
// bundle is found without reading a file; any change (an edit, a checkout, a new file) falls back to the content hash.
const STAMP = path.join(OUT, 'stamp.json');
function statKey(files) {
  const hash = createHash('sha256').update(ROOT);
  for (const file of [fileURLToPath(import.meta.url), ...files]) {
    const st = fs.statSync(file);
    hash.update(`${file}\0${st.size}\0${st.mtimeMs}\0`);
  }
  return hash.digest('hex');
}
function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}
function writeStamp(stat, hash) {
  try {
    fs.writeFileSync(STAMP, JSON.stringify({ stat, hash }));
  } catch {
    // a read-only checkout: every start then hashes the sources
  }
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
        `import { PGliteDriver } from ${JSON.stringify(path.join(ROOT, 'node_modules', 'kysely-pglite', 'dist', 'pglite-driver.js'))};`,
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

// npm packages stay external (loaded from node_modules as they are), except a few made of hundreds of small ES
// modules that every command loads: resolving and linking them one by one cost a short command (`otklik tokens
// list`) about a third of its start. Each is bundled whole, together with the packages that share its classes (zod
// with its Fastify type provider, so `instanceof ZodError` and schema objects stay one copy).
const BUNDLED_PACKAGES = new Set(['kysely', 'zod', 'fastify-type-provider-zod']);
const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};
// zod's namespace object re-exports its error messages in every language (some 400 KB that each command would parse);
// the bundle keeps Russian, which the server sets (shared/zod-russian.ts), and English, zod's default.
const zodLocales = {
  name: 'zod-russian-and-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: ['en', 'ru']
        .map(
          (lang) =>
            `export { default as ${lang} } from ${JSON.stringify(path.join(path.dirname(args.path), `${lang}.js`))};`,
        )
        .join('\n'),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED_PACKAGES.has(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

// Builds in use. A process that runs a build marks it: an empty file named by its pid in the build's `users/` folder,
// removed when the process exits (a process killed outright leaves it: a marker whose process is gone counts for
// nothing). After a build, older builds are removed, except the newest few (a rollback finds its build ready) and
// any with a live user. Removal and use exclude each other without a lock: the remover writes `removing-<pid>` into
// the build, then looks for users; a user writes its marker, then looks for `removing-*`. Whichever looks second sees
// the other's file, so either the user leaves the build (and builds or claims another) or the remover leaves it be.
// A remover that goes on renames the build away first (one rename: the build vanishes whole, and of two removers
// only one wins), then deletes it. Leftovers of a process that died mid-build (`<hash>.tmp-<pid>`) or mid-removal
// (`<hash>.removing-<pid>`) are deleted by the next cleanup once their process is gone.
const USERS = 'users';
const REMOVING = 'removing-';
const BUILD = /^[0-9a-f]{16}$/;
const LEFTOVER = /^[0-9a-f]{16}\.(?:tmp|removing)-(\d+)$/;
/** Builds kept besides the current one, whatever their users. */
const KEEP_PREVIOUS = 2;
/** A removal flag older than this is a dead remover's, whatever its pid has become since. */
const REMOVAL_FLAG_MS = 10 * 60_000;

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM'; // alive, another user's
  }
}

const readdir = (dir) => {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
};
const liveUsers = (dir) => readdir(path.join(dir, USERS)).filter((name) => alive(Number(name)));
function beingRemoved(dir) {
  return readdir(dir).some((name) => {
    if (!name.startsWith(REMOVING)) return false;
    const pid = Number(name.slice(REMOVING.length));
    if (pid === process.pid || !alive(pid)) return false;
    try {
      return Date.now() - fs.statSync(path.join(dir, name)).mtimeMs < REMOVAL_FLAG_MS;
    } catch {
      return false;
    }
  });
}

const claimed = new Set();
let releaseOnExit = false;
/**
 * Marks the build as used by this process until it exits. False when the build is gone or being removed (the caller
 * builds it again); true when it is there and marked — or when no marker can be written (a read-only checkout, where
 * no process can remove it either).
 */
export function claimBuild(hash) {
  const dir = path.join(OUT, hash);
  const marker = path.join(dir, USERS, String(process.pid));
  try {
    fs.mkdirSync(path.join(dir, USERS)); // not recursive: a build removed meanwhile is not brought back empty
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    if (error.code !== 'EEXIST') return fs.existsSync(compiledEntry(hash));
  }
  try {
    fs.writeFileSync(marker, '');
  } catch (error) {
    return error.code === 'ENOENT' ? false : fs.existsSync(compiledEntry(hash));
  }
  if (beingRemoved(dir) || !fs.existsSync(compiledEntry(hash))) {
    fs.rmSync(marker, { force: true });
    return false;
  }
  claimed.add(marker);
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.on('exit', () => {
      for (const m of claimed) fs.rmSync(m, { force: true });
    });
  }
  return true;
}

/** Removes the builds other than `current` that no live process uses, except the newest few; and dead leftovers. */
export function removeUnusedBuilds(current) {
  const entries = readdir(OUT);
  for (const name of entries) {
    const pid = LEFTOVER.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(OUT, name), { recursive: true, force: true });
  }
  const builtAt = (name) => {
    try {
      return fs.statSync(compiledEntry(name)).mtimeMs;
    } catch {
      return 0; // a build without its entry (a half-deleted folder): the oldest
    }
  };
  const older = entries
    .filter((name) => BUILD.test(name) && name !== current)
    .map((name) => ({ name, at: builtAt(name) }))
    .sort((a, b) => b.at - a.at)
    .slice(KEEP_PREVIOUS);
  for (const { name } of older) removeIfUnused(name);
}

function removeIfUnused(name) {
  const dir = path.join(OUT, name);
  if (liveUsers(dir).length) return;
  const flag = path.join(dir, `${REMOVING}${process.pid}`);
  try {
    fs.writeFileSync(flag, '');
  } catch {
    return; // gone already, or not ours to remove
  }
  if (liveUsers(dir).length) {
    fs.rmSync(flag, { force: true });
    return;
  }
  const trash = `${dir}.removing-${process.pid}`;
  try {
    fs.renameSync(dir, trash);
  } catch {
    return; // another remover's
  }
  fs.rmSync(trash, { recursive: true, force: true });
}

/** Bundles the CLI for this hash (into a temporary folder, renamed into place) and removes older unused bundles. */
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
    sourcemap: 'linked',
    logLevel: 'error',
    plugins: [keepSourceUrls, pgliteDialectOnly, zodLocales, externalPackages],
    chunkNames: 'chunks/[name]-[hash]',
  });
  fs.mkdirSync(path.join(temp, USERS));
  try {
    fs.renameSync(temp, target);
  } catch {
    // another process built the same sources meanwhile: its build is used
    fs.rmSync(temp, { recursive: true, force: true });
  }
  removeUnusedBuilds(hash);
  return compiledEntry(hash);
}

/**
 * The up-to-date compiled entry, building it when missing, claimed by this process for as long as it runs (no other
 * process's build removes it); null when it cannot be built here.
 */
export async function ensureCompiledServer() {
  const files = listAllSources();
  const stat = statKey(files);
  const stamp = readStamp();
  if (stamp?.stat === stat && claimBuild(stamp.hash)) return compiledEntry(stamp.hash);
  const hash = sourceHash(files);
  const entry = compiledEntry(hash);
  try {
    // a build removed between the check and the claim (by a process that built other sources) is built again
    for (let attempt = 1; ; attempt++) {
      if (!fs.existsSync(entry)) await buildServer(hash);
      if (claimBuild(hash)) break;
      if (attempt === 3) throw new Error(`сборка ${hash} удаляется другим процессом`);
    }
    writeStamp(stat, hash);
    return entry;
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
