import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProcesses, threadsPerProcess } from './serve-processes';
import { prepareNodesDatabase, prepareServeNodes, startServeNode, type NodesDatabase } from '../test/serve-node';

// `otklik serve --processes N`: N processes on one port (node:cluster) sharing PostgreSQL. The processes are started
// by a primary that prepared the database once; each of them answers; one that dies is replaced; SIGTERM to the
// primary stops them all. PostgreSQL only: PGlite is one process's database (the command refuses, tested below).

describe('--processes', () => {
  it('takes a whole number from 1 to 64 or auto, and refuses anything else in Russian', () => {
    expect(parseProcesses(undefined)).toBe(1);
    expect(parseProcesses('4')).toBe(4);
    expect(parseProcesses('auto')).toBe(os.availableParallelism());
    for (const bad of ['0', '65', '1.5', 'два', ''])
      expect(() => parseProcesses(bad)).toThrow(/--processes: ожидается целое число от 1 до 64 или auto/);
  });

  it('leaves each process its share of the cores for analysis threads, at most two', () => {
    expect(threadsPerProcess(2, 2)).toBe(0);
    expect(threadsPerProcess(2, 8)).toBe(2);
    expect(threadsPerProcess(4, 8)).toBe(1);
    expect(threadsPerProcess(8, 8)).toBe(0);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
const BIN = fileURLToPath(new URL('../../bin/otklik.mjs', import.meta.url));

describe('otklik serve on the embedded database', () => {
  it('refuses several processes: PGlite is opened by one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-processes-pglite-'));
    const env: NodeJS.ProcessEnv = { ...process.env, OTKLIK_DATA_DIR: dir };
    delete env.DATABASE_URL;
    const run = await new Promise<{ code: number; err: string }>((resolve) =>
      execFile(
        process.execPath,
        [BIN, 'serve', '--processes', '2', '--port', '0'],
        { env, timeout: 120_000 },
        (error, _out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, err }),
      ),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.err).toContain('Несколько процессов (--processes) — только с PostgreSQL (DATABASE_URL)');
  }, 150_000);
});

describe.skipIf(!serverUrl)('otklik serve --processes 2 on PostgreSQL', () => {
  let db: NodesDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-processes-'));

  beforeAll(async () => {
    await prepareServeNodes();
    db = await prepareNodesDatabase(serverUrl!);
  }, 900_000);
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('answers from each process on one port, replaces a killed one and stops them all on SIGTERM', async () => {
    const node = await startServeNode({ DATABASE_URL: db.url, OTKLIK_DATA_DIR: dir }, 240_000, ['--processes', '2']);
    try {
      const [, first, second] = /Процессы: 2 на одном порту \(pid (\d+), (\d+)\)/.exec(node.output()) ?? [];
      expect(first && second).toBeTruthy();
      const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
        for (let i = 0; i < 1200; i++) {
          const match = pattern.exec(node.output());
          if (match) return match;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`нет строки ${String(pattern)} в выводе:\n${node.output().slice(-3000)}`);
      };
      let sent = 0;
      const post = async (count: number): Promise<void> => {
        const answers = await Promise.all(
          Array.from({ length: count }, () =>
            fetch(`${node.url}/api/messages`, {
              method: 'POST',
              headers: { authorization: `Bearer ${db.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ channel: 'other', externalId: `processes-${sent++}`, text: 'Не горят фонари' }),
            }).then((r) => r.status),
          ),
        );
        expect(answers).toEqual(answers.map(() => 201));
      };
      await post(10);

      // Each process answers alone while the other is gone: the port stays served, and both served it.
      process.kill(Number(first), 'SIGKILL');
      await waitFor(new RegExp(`Процесс ${first} завершился \\(сигнал SIGKILL\\); запускаю новый`));
      await post(10); // only the second is up
      const [, third] = await waitFor(/Процесс (\d+) запущен и принимает запросы/);
      process.kill(Number(second), 'SIGKILL');
      await waitFor(new RegExp(`Процесс ${second} завершился \\(сигнал SIGKILL\\); запускаю новый`));
      await post(10); // only the replacement is up
      await waitFor(new RegExp(`Процесс (?!${third}\\b)(\\d+) запущен и принимает запросы`));
      await post(10);

      // every message stored once
      const stored = await db.services.database.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('external_id', 'like', 'processes-%')
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(40);

      const workers = [...node.output().matchAll(/Процесс (\d+) запущен/g)].map((m) => Number(m[1]));
      await node.stop();
      expect(node.child.exitCode).toBe(0);
      for (const pid of [Number(third), ...workers]) expect(alive(pid)).toBe(false);
    } finally {
      await node.kill();
    }
  }, 600_000);
});
