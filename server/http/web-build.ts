import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { WEB_DIST } from './app';

const execFileAsync = promisify(execFile);

const ROOT = path.resolve(WEB_DIST, '../..');
const WEB_SRC = path.join(ROOT, 'web');
/** What the SPA is built from: its sources, the shared rules it imports, the build's configuration and the packages. */
const INPUTS = ['web', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
/** Written into dist/web after a build: the hash of the inputs it was built from. */
const STAMP = '.source-hash';
const KEEP_CACHED = 3;

function listInputs(p: string, found: string[]): string[] {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return found;
  if (!stat.isDirectory()) {
    if (!/\.test\.tsx?$/.test(p)) found.push(p);
    return found;
  }
  // browser tests live beside the app but are not part of the build
  for (const entry of fs.readdirSync(p)) if (entry !== 'e2e') listInputs(path.join(p, entry), found);
  return found;
}

/** SHA-256 of every input's path and bytes: the same sources give the same build, whatever their mtimes. */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of listInputs(path.join(ROOT, input), []).sort()) {
      hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 20);
}

/** Builds are kept per source hash outside the checkout (OTKLIK_WEB_CACHE, else the user's cache folder). */
export function webBuildCache(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OTKLIK_WEB_CACHE) return env.OTKLIK_WEB_CACHE;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'otklik', 'web');
}

const readStamp = (): string | null => {
  try {
    return fs.readFileSync(path.join(WEB_DIST, STAMP), 'utf8').trim();
  } catch {
    return null;
  }
};

/** Copies a finished build into place through a temporary folder, so a reader never sees half of it. */
function copyInto(from: string, to: string): void {
  const temp = `${to}.tmp-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, temp, { recursive: true });
  fs.rmSync(to, { recursive: true, force: true });
  fs.renameSync(temp, to);
}

/** Keeps a copy of this build in the cache (best effort: a read-only home only means no cache) and prunes old ones. */
function remember(cache: string, hash: string): void {
  try {
    copyInto(WEB_DIST, path.join(cache, hash));
    const builds = fs
      .readdirSync(cache)
      .filter((name) => !name.includes('.tmp-'))
      .map((name) => ({ name, at: fs.statSync(path.join(cache, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of builds.slice(KEEP_CACHED))
      fs.rmSync(path.join(cache, old.name), { recursive: true, force: true });
  } catch {
    // no cache this time
  }
}

/**
 * Makes dist/web match the sources: nothing to do when it was built from the same sources (its stamp), a copy from
 * the build cache when these sources were built before on this machine (another clone, a branch switched back), and
 * otherwise a Vite build, which then goes into the cache.
 */
export async function ensureWebBuilt(say: (line: string) => void): Promise<void> {
  if (!fs.existsSync(WEB_SRC)) return;
  const hash = webSourceHash();
  if (fs.existsSync(path.join(WEB_DIST, 'index.html')) && readStamp() === hash) return;
  const cache = webBuildCache();
  const cached = path.join(cache, hash);
  if (fs.existsSync(path.join(cached, 'index.html')) && fs.existsSync(path.join(cached, STAMP))) {
    copyInto(cached, WEB_DIST);
    say('Веб-интерфейс взят из кэша сборки (исходники не менялись).');
    return;
  }
  say('Сборка веб-интерфейса (Vite)…');
  // A separate process with NODE_ENV=production: the React plugin picks its JSX runtime from NODE_ENV, and a caller
  // running under Vitest (NODE_ENV=test) would otherwise get the slow development build of React.
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  await execFileAsync(
    process.execPath,
    [vite, 'build', '--config', path.join(ROOT, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  fs.writeFileSync(path.join(WEB_DIST, STAMP), `${hash}\n`);
  remember(cache, hash);
}
