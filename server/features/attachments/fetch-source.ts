import dns from 'node:dns/promises';
import net from 'node:net';
import type { Config } from '../../config';
import type { AttachmentSource } from './message-attachments';

// Downloads the bytes a channel only named. Each download is bounded in size and time; a URL from the public
// (an Open311 media_url) may not reach loopback or private addresses unless the configuration allows it.

/** A failure that a retry cannot fix (too large, refused address, 4xx): the attachment becomes failed at once. */
export class PermanentFetchError extends Error {}

const TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 3;

export interface Fetched {
  bytes: Buffer;
  contentType: string | null;
}

export async function fetchSource(config: Config, source: AttachmentSource): Promise<Fetched> {
  const limit = config.attachments.maxFileBytes;
  if (source.kind === 'telegram') {
    const telegram = config.telegram;
    if (!telegram) throw new PermanentFetchError('Telegram не настроен: файл не получить');
    const base = telegram.apiRoot.replace(/\/$/, '');
    const info = await download(
      `${base}/bot${telegram.token}/getFile?file_id=${encodeURIComponent(source.fileId)}`,
      1024 * 1024,
      true,
    );
    const parsed = JSON.parse(info.bytes.toString('utf8')) as {
      ok?: boolean;
      result?: { file_path?: string; file_size?: number };
      description?: string;
    };
    const filePath = parsed.result?.file_path;
    if (!parsed.ok || !filePath)
      throw new PermanentFetchError(`Telegram не отдал файл: ${parsed.description ?? 'нет file_path'}`);
    if ((parsed.result?.file_size ?? 0) > limit) throw new PermanentFetchError(tooLarge(limit));
    return download(
      `${base}/file/bot${telegram.token}/${filePath.split('/').map(encodeURIComponent).join('/')}`,
      limit,
      true,
    );
  }
  return download(source.url, limit, config.attachments.fetchPrivateAddresses);
}

const tooLarge = (limit: number): string => `Файл больше ${Math.round(limit / 1024 / 1024)} МБ`;

async function download(url: string, limit: number, allowPrivate: boolean): Promise<Fetched> {
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new PermanentFetchError('Поддерживаются только адреса http и https');
    if (!allowPrivate) await assertPublicHost(target.hostname);
    const response = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      target = new URL(location, target);
      continue;
    }
    if (response.status >= 400 && response.status < 500) {
      await response.body?.cancel();
      throw new PermanentFetchError(`Источник ответил ${response.status}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`source answered ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limit) {
      await response.body?.cancel();
      throw new PermanentFetchError(tooLarge(limit));
    }
    return { bytes: await readBounded(response, limit), contentType: response.headers.get('content-type') };
  }
  throw new PermanentFetchError('Слишком много перенаправлений');
}

async function readBounded(response: Response, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw new PermanentFetchError(tooLarge(limit));
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

const PRIVATE = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(address, prefix, 'ipv6');

/** Refuses hosts that resolve to loopback, private, link-local or multicast addresses. */
export async function assertPublicHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host)
    ? [{ address: host, family: net.isIP(host) }]
    : await dns.lookup(host, { all: true });
  for (const { address, family } of addresses) {
    if (PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4'))
      throw new PermanentFetchError('Адрес источника во внутренней сети: загрузка запрещена');
  }
}
