import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

// PGlite is one process's database: the data folder carries a lock file naming its holder. A server holding it
// publishes its port and a local secret (file mode 0600) so that CLI commands run through it instead of opening
// the folder a second time; a command holding it makes others wait and say so.
export interface LockInfo {
  pid: number;
  kind: 'server' | 'command';
  port?: number;
  secret?: string;
  command?: string;
}

const lockPath = (dataDir: string): string => path.join(dataDir, 'otklik.lock.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    if (info.pid !== process.pid && alive(info.pid)) return info;
    if (info.pid === process.pid) return info;
    fs.rmSync(lockPath(dataDir), { force: true });
    return null;
  } catch {
    return null;
  }
}

export class DataFolderBusyError extends Error {}

/** Takes the lock or throws with a plain explanation; returns a release function. */
export interface HeldLock {
  release: () => void;
  secret: string;
  update: (patch: Partial<LockInfo>) => void;
}

export function acquireLock(dataDir: string, info: Omit<LockInfo, 'pid' | 'secret'>): HeldLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const holder = readLock(dataDir);
  if (holder && holder.pid !== process.pid) {
    throw new DataFolderBusyError(
      holder.kind === 'server'
        ? `Папка данных ${dataDir} занята сервером (pid ${holder.pid}).`
        : `Папка данных ${dataDir} занята командой «${holder.command ?? 'otklik'}» (pid ${holder.pid}). Дождитесь её завершения.`,
    );
  }
  const secret = randomBytes(24).toString('base64url');
  const file = lockPath(dataDir);
  const body = JSON.stringify({ ...info, pid: process.pid, secret });
  try {
    fs.writeFileSync(file, body, { mode: 0o600, flag: holder?.pid === process.pid ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new DataFolderBusyError(
      `Папка данных ${dataDir} только что занята другим процессом otklik. Повторите позже.`,
    );
  }
  const release = (): void => {
    const current = readLock(dataDir);
    if (current?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  const update = (patch: Partial<LockInfo>): void => {
    fs.writeFileSync(file, JSON.stringify({ ...info, ...patch, pid: process.pid, secret }), { mode: 0o600 });
  };
  return { release, secret, update };
}
