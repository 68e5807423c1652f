// A PostgreSQL server of a test's own (initdb in a temporary folder, a free loopback port), for tests that stop
// and restart the server. Started as the `postgres` user when the tests run as root, as .ci/run does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder with initdb and pg_ctl (PATH, then Debian's /usr/lib/postgresql/N/bin), or null. */
export function postgresBinaries(): string | null {
  const candidates = (process.env.PATH ?? '').split(path.delimiter);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  return (
    candidates.find(
      (dir) => dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')),
    ) ?? null
  );
}

/** A free loopback port (for servers a test starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
  });
}

export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(bin: string): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('chown', ['postgres', dir]);
  const port = await freePort();
  const data = path.join(dir, 'data');
  const shell = async (command: string): Promise<void> => {
    await (asRoot ? run('su', ['postgres', '-c', command]) : run('sh', ['-c', command]));
  };
  const ctl = (args: string) => shell(`${bin}/pg_ctl -D ${data} ${args}`);
  const options = `-o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off' -l ${dir}/log -w`;
  await shell(`${bin}/initdb -D ${data} -A trust -U postgres >${dir}/initdb.log 2>&1`);
  await ctl(`${options} start`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => ctl('-m fast -w stop'),
    start: () => ctl(`${options} start`),
    restart: () => ctl(`${options} -m fast restart`),
    async destroy() {
      await ctl('-m immediate stop').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
