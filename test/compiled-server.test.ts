// bin/compiled-server.mjs never deletes a build a live process uses. A server started before a code update keeps
// loading its chunks lazily from its own build; another `otklik` command (two of them at once, here) then builds the
// new sources — and must leave that build in place, while it removes the builds whose processes are gone (a marker of
// a dead pid), unused ones beyond the newest few, and leftovers of builds and removals whose process died. A build
// that is being removed is not claimed. Builds go to a folder of their own inside the checkout (npm packages stay
// external and resolve from its node_modules).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'otklik.mjs');
const COMPILER = path.join(ROOT, 'bin', 'compiled-server.mjs');
let out: string;
beforeAll(() => {
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  out = fs.mkdtempSync(path.join(ROOT, 'dist', 'server-builds-test-'));
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const env = () => ({ ...process.env, OTKLIK_SERVER_BUILD_DIR: out, OTKLIK_CLI_FROM_SOURCE: '' });
const hash = (c: string) => c.repeat(16);
const HOURS = 3_600_000;

/** An old build: an entry that loads a chunk only when asked, built `age` ago, with markers of the given pids. */
function oldBuild(name: string, age: number, users: number[] = []): void {
  const dir = path.join(out, name);
  fs.mkdirSync(path.join(dir, 'chunks'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'users'));
  fs.writeFileSync(path.join(dir, 'main.js'), "export const late = () => import('./chunks/late.js');\n");
  fs.writeFileSync(path.join(dir, 'chunks', 'late.js'), `export const answer = 'поздний модуль ${name}';\n`);
  for (const pid of users) fs.writeFileSync(path.join(dir, 'users', String(pid)), '');
  const at = new Date(Date.now() - age);
  fs.utimesSync(path.join(dir, 'main.js'), at, at);
}
/** The pid of a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: env(), cwd: ROOT });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('exit', (code) => resolve({ code, out: text }));
  });
}
const script = (code: string) => [
  '--input-type=module',
  '-e',
  `const m = await import(${JSON.stringify(pathToFileURL(COMPILER).href)});\n${code}`,
];

/** A process that claims the build, imports its entry, and loads the lazy chunk when told to (a running server). */
function holder(name: string): { child: ChildProcessWithoutNullStreams; output: () => string; ready: Promise<void> } {
  const entry = pathToFileURL(path.join(out, name, 'main.js')).href;
  const child = spawn(
    process.execPath,
    script(
      `if (!m.claimBuild(${JSON.stringify(name)})) { console.log('не занята'); process.exit(3); }
       const bundle = await import(${JSON.stringify(entry)});
       console.log('занята');
       process.stdin.once('data', async () => { console.log((await bundle.late()).answer); process.exit(0); });`,
    ),
    { env: env(), cwd: ROOT },
  );
  let text = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('занята')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('exit', () => reject(new Error(text)));
  });
  return { child, output: () => text, ready };
}

const builds = () => fs.readdirSync(out).filter((n) => n !== 'stamp.json');

describe('a rebuild of the server', () => {
  it('keeps the build a live process runs and removes the stale ones', async () => {
    const dead = deadPid();
    oldBuild(hash('a'), 72 * HOURS); // the running server's
    oldBuild(hash('b'), 48 * HOURS, [dead]); // a server killed outright
    oldBuild(hash('c'), 24 * HOURS); // nobody's
    oldBuild(hash('d'), 2 * HOURS); // the two newest are kept anyway
    oldBuild(hash('e'), 1 * HOURS);
    fs.mkdirSync(path.join(out, `${hash('f')}.tmp-${dead}`)); // a build whose process died
    fs.mkdirSync(path.join(out, `${hash('f')}.removing-${dead}`)); // a removal whose process died
    fs.mkdirSync(path.join(out, `${hash('f')}.tmp-${process.pid}`)); // a build in progress
    const server = holder(hash('a'));
    await server.ready;

    // `otklik --help` and `npm run build:server` at once: both build the new sources, then clean up
    const [command, build] = await Promise.all([run([BIN, '--help']), run([COMPILER])]);
    expect(command.code, command.out).toBe(0);
    expect(command.out).toContain('Usage: otklik');
    expect(build.code, build.out).toBe(0);
    const current = builds().find((n) => /^[0-9a-f]{16}$/.test(n) && !/^(.)\1+$/.test(n))!;
    expect(current).toBeDefined();
    expect(builds().sort()).toEqual(
      [current, hash('a'), hash('d'), hash('e'), `${hash('f')}.tmp-${process.pid}`].sort(),
    );
    // the command's marker went with it; the new build is whole
    expect(fs.readdirSync(path.join(out, current, 'users'))).toEqual([]);
    expect(fs.existsSync(path.join(out, current, 'main.js'))).toBe(true);

    // the server loads its chunk after the rebuild
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.stdin.write('\n');
    expect(await exited, server.output()).toBe(0);
    expect(server.output()).toContain(`поздний модуль ${hash('a')}`);
    expect(fs.readdirSync(path.join(out, hash('a'), 'users'))).toEqual([]);

    // with its server gone, the next cleanup removes that build (the newest two stay)
    const cleanup = await run(script(`m.removeUnusedBuilds(${JSON.stringify(current)});`));
    expect(cleanup.code, cleanup.out).toBe(0);
    expect(builds().sort()).toEqual([current, hash('d'), hash('e'), `${hash('f')}.tmp-${process.pid}`].sort());
  }, 600_000);

  it('is not claimed while another live process removes it', async () => {
    oldBuild(hash('9'), 96 * HOURS);
    fs.writeFileSync(path.join(out, hash('9'), `removing-${process.pid}`), '');
    const claim = await run(script(`console.log(m.claimBuild(${JSON.stringify(hash('9'))}));`));
    expect(claim.out.trim()).toBe('false');
    expect(fs.readdirSync(path.join(out, hash('9'), 'users'))).toEqual([]);
    // a removal flag of a process that is gone does not count
    fs.renameSync(
      path.join(out, hash('9'), `removing-${process.pid}`),
      path.join(out, hash('9'), `removing-${deadPid()}`),
    );
    expect((await run(script(`console.log(m.claimBuild(${JSON.stringify(hash('9'))}));`))).out.trim()).toBe('true');
  });
});
