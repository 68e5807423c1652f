import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import type { ImapSettings, SmtpSettings } from '../../config';

// Real mail servers on loopback for the e-mail channel's tests: a throw-away Dovecot (Debian's dovecot-imapd) in a
// temporary folder with one passwd-file user and plaintext login, and an SMTP server (the smtp-server package)
// that keeps every letter it accepts.

export const DOVECOT_MISSING = 'dovecot не установлен (apt-get install -y dovecot-imapd)';

export function findDovecot(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  return (
    dirs
      .filter(Boolean)
      .map((d) => path.join(d, 'dovecot'))
      .find((p) => existsSync(p)) ?? null
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Dovecot {
  settings: ImapSettings;
  stop(): Promise<void>;
}

/** Starts Dovecot in the foreground on a free loopback port; the user's mail lives in the temporary folder. */
export async function startDovecot(binary: string): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'otklik-dovecot-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const mailUser = root ? 'dovecot' : os.userInfo().username;
  const uid = Number(execFileSync('id', ['-u', mailUser]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', mailUser]).toString().trim());
  await mkdir(path.join(dir, 'mail'));
  await mkdir(path.join(dir, 'state'));
  if (root) await chown(path.join(dir, 'mail'), uid, gid);
  const user = 'cur@otklik.test';
  const password = 'imap-secret';
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const config = path.join(dir, 'dovecot.conf');
  await writeFile(
    config,
    dovecotConfig({ dir, port, uid, gid, internalUser: mailUser, loginUser: root ? 'dovenull' : mailUser }),
  );
  const child = spawn(binary, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    output += b.toString();
  });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForGreeting(port, child);
  } catch (error) {
    const log = await readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(
      `dovecot не запустился: ${error instanceof Error ? error.message : String(error)}\n${output}\n${log}`,
    );
  }
  return {
    settings: {
      host: '127.0.0.1',
      port,
      user,
      password,
      tls: false,
      mailbox: 'INBOX',
      processedMailbox: undefined,
      pollSeconds: 1,
    },
    stop,
  };
}

function dovecotConfig(o: {
  dir: string;
  port: number;
  uid: number;
  gid: number;
  internalUser: string;
  loginUser: string;
}): string {
  return `
base_dir = ${o.dir}/run
state_dir = ${o.dir}/state
instance_name = otklik-test-${o.port}
log_path = ${o.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${o.internalUser}
default_login_user = ${o.loginUser}
first_valid_uid = 1
mail_location = maildir:${o.dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${o.dir}/passwd
}
userdb {
  driver = static
  args = uid=${o.uid} gid=${o.gid} home=${o.dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

async function waitForGreeting(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`процесс завершился с кодом ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (b) => {
        socket.destroy();
        resolve(b.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('нет приветствия IMAP за 15 секунд');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Puts raw letters into a mailbox by IMAP APPEND, as a mail server's delivery would. */
export async function appendLetters(
  settings: ImapSettings,
  letters: Buffer[],
  mailbox = settings.mailbox,
): Promise<void> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: false,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
  });
  await client.connect();
  try {
    if (!(await client.list()).some((box) => box.path === mailbox)) await client.mailboxCreate(mailbox);
    for (const raw of letters) await client.append(mailbox, raw);
  } finally {
    await client.logout();
  }
}

/** UIDs of unseen letters and the number of all letters in a mailbox. */
export async function mailboxState(
  settings: ImapSettings,
  mailbox = settings.mailbox,
): Promise<{ unseen: number; total: number }> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: false,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
  });
  await client.connect();
  try {
    const status = await client.status(mailbox, { messages: true, unseen: true });
    return { unseen: status ? (status.unseen ?? 0) : 0, total: status ? (status.messages ?? 0) : 0 };
  } finally {
    await client.logout();
  }
}

export interface SmtpSink {
  settings: SmtpSettings;
  /** Raw letters accepted, in order, with the envelope recipients. */
  letters: { raw: Buffer; to: string[] }[];
  stop(): Promise<void>;
}

/** An SMTP server on loopback that requires login and keeps every accepted letter; `port` reuses a port. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const letters: SmtpSink['letters'] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'otklik' && auth.password === 'smtp-secret') callback(null, { user: auth.username });
      else callback(new Error('Неверный логин'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        letters.push({ raw: Buffer.concat(chunks), to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as net.AddressInfo;
  return {
    settings: {
      host: '127.0.0.1',
      port: address.port,
      user: 'otklik',
      password: 'smtp-secret',
      tls: false,
      from: 'ЦУР Ярославской области <cur@otklik.test>',
    },
    letters,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
