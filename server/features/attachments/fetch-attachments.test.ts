// Files a channel only names are fetched in the background: Open311 media_url (one or several) from a loopback
// server, within the size limit; a URL into the local network is refused unless the configuration allows it.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { runDueJobs } from '../../jobs/dispatcher';
import { rootContext, SYSTEM_ACTOR } from '../../lib/context';
import { createTestAnalyzer } from '../../test/test-analyzer';
import { createTestServices, type TestServices } from '../../test/test-services';
import { createToken } from '../auth/tokens';
import { assertPublicHost } from './fetch-source';

let services: TestServices;
let app: FastifyInstance;
let server: http.Server;
let base = '';
let key = '';
const files = new Map<string, Buffer>();

beforeAll(async () => {
  files.set(
    '/yama.jpg',
    await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .jpeg()
      .toBuffer(),
  );
  files.set('/akt.pdf', Buffer.from('%PDF-1.4\n% акт выполненных работ\n%%EOF\n'));
  files.set('/big.bin', Buffer.alloc(120_000, 1));
  server = http.createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: {
      attachments: {
        storage: { kind: 'memory' },
        maxFileBytes: 100_000,
        maxRequestBytes: 200_000,
        fetchPrivateAddresses: true,
      },
    },
  });
  app = await buildApp(services);
  key = (await createToken(rootContext(services, SYSTEM_ACTOR), 'open311')).token;
});
afterAll(async () => {
  await app.close();
  await services.close();
  await new Promise((r) => server.close(r));
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function postOpen311(mediaUrl: string | string[], description: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: {
      service_code: 'roads-potholes',
      lat: '57.6261',
      long: '39.8845',
      description,
      api_key: key,
      media_url: mediaUrl,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ service_request_id: string }[]>()[0]!.service_request_id;
}

const filesOf = (messageId: string) =>
  services.database.db
    .selectFrom('attachments')
    .select(['name', 'status', 'sha256', 'size', 'mime_type', 'error', 'storage_key'])
    .where('message_id', '=', messageId)
    .orderBy('position')
    .execute();

async function drain(): Promise<void> {
  while ((await runDueJobs(services)) > 0) {
    /* next batch */
  }
}

describe('Open311 media_url', () => {
  it('keeps several links and fetches each in the background; too large or missing ones end as failed', async () => {
    const id = await postOpen311(
      [`${base}/yama.jpg`, `${base}/akt.pdf`, `${base}/big.bin`, `${base}/missing.jpg`],
      'Яма на дороге у дома 12, фото и акт',
    );
    expect((await filesOf(id)).map((f) => f.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    await drain();
    const [photo, act, big, missing] = await filesOf(id);
    expect(photo).toMatchObject({
      name: 'yama.jpg',
      status: 'stored',
      mime_type: 'image/jpeg',
      sha256: sha(files.get('/yama.jpg')!),
    });
    expect(act).toMatchObject({
      name: 'akt.pdf',
      status: 'stored',
      mime_type: 'application/pdf',
      size: files.get('/akt.pdf')!.length,
    });
    expect(await services.blobs.get(act!.storage_key!)).toEqual(files.get('/akt.pdf'));
    expect(big).toMatchObject({ status: 'failed', sha256: null, error: expect.stringMatching(/больше/) });
    expect(missing).toMatchObject({ status: 'failed', error: expect.stringMatching(/404/) });
    const stillDue = await services.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'attachments.fetch')
      .where('status', '=', 'pending')
      .execute();
    expect(stillDue).toEqual([]);
  });

  it('refuses an address in the local network when the configuration does not allow it', async () => {
    await expect(assertPublicHost('127.0.0.1')).rejects.toThrow(/внутренней сети/);
    await expect(assertPublicHost('10.1.2.3')).rejects.toThrow(/внутренней сети/);
    await expect(assertPublicHost('[::1]')).rejects.toThrow(/внутренней сети/);
    await expect(assertPublicHost('93.184.216.34')).resolves.toBeUndefined();
    const strict = {
      ...services,
      config: { ...services.config, attachments: { ...services.config.attachments, fetchPrivateAddresses: false } },
    };
    const id = await postOpen311(`${base}/yama.jpg`, 'Яма на дороге у дома 14, фото по ссылке');
    while ((await runDueJobs(strict)) > 0) {
      /* next batch */
    }
    expect(await filesOf(id)).toMatchObject([{ status: 'failed', error: expect.stringMatching(/внутренней сети/) }]);
  });
});
