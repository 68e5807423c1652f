import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { WEB_DIST } from './app';

const execFileAsync = promisify(execFile);

const ROOT = path.resolve(WEB_DIST, '../..');
const WEB_SRC = path.join(ROOT, 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // browser tests live beside the app but are not part of the build
      if (entry.name !== 'e2e') newest = Math.max(newest, newestMtime(p));
    } else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('.test.tsx'))
      newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the SPA with Vite when dist/web is missing or older than web/ (first start of a fresh clone). */
export async function ensureWebBuilt(say: (line: string) => void): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(WEB_SRC)) return;
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(WEB_SRC)) return;
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
}
