// A NATS server of a test's own with JetStream (Debian's `nats-server`): a free loopback port, a temporary store
// folder. Tests of the intake bus skip with a reason when the binary is absent — except in CI, where .ci/run installs
// it and its absence is a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './throwaway-postgres';

/** The nats-server binary (PATH, then /usr/sbin and /usr/bin), or null. */
export function natsServerBinary(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin'];
  return (
    dirs
      .filter(Boolean)
      .map((dir) => path.join(dir, 'nats-server'))
      .find((file) => fs.existsSync(file)) ?? null
  );
}

/** Why the bus tests are skipped here, or null when they run. Throws in CI without the binary. */
export function natsSkipReason(): string | null {
  if (natsServerBinary()) return null;
  if (process.env.CI) throw new Error('nats-server не найден: .ci/run должен установить пакет nats-server');
  return 'nats-server не установлен (apt-get install nats-server): тесты шины приёма пропущены';
}

export interface ThrowawayNats {
  url: string;
  stop(): Promise<void>;
}

export async function startThrowawayNats(): Promise<ThrowawayNats> {
  const binary = natsServerBinary();
  if (!binary) throw new Error('nats-server не найден');
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-nats-'));
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const deadline = Date.now() + 15_000;
  while (!/Server is ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nats-server не запустился: ${log.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(store, { recursive: true, force: true });
    },
  };
}
