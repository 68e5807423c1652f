import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/throwaway-postgres';
import {
  NODES_PASSWORD,
  prepareNodesDatabase,
  prepareServeNodes,
  startServeNode,
  type NodesDatabase,
  type ServeNode,
} from '../test/serve-node';

// Two app nodes — two `otklik serve` processes — on one PostgreSQL: messages posted alternately to both, each message's
// outbox job (fetching its attachment from a stand-in endpoint) runs exactly once; a session opened on one node works
// and ends on the other; the scheduled work (the notifications chain, the daily and monthly jobs) is queued once.
// PostgreSQL only: PGlite is one process's database, so there is no second node to start on it.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn('Два узла: тест только на PostgreSQL (TEST_DATABASE_URL); PGlite — база одного процесса');

describe.skipIf(!serverUrl)('two app nodes on one PostgreSQL', () => {
  let db: NodesDatabase;
  let nodes: ServeNode[] = [];
  let endpoint: http.Server;
  let endpointUrl = '';
  const hits = new Map<string, number>();
  const blobs = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-nodes-blobs-'));

  beforeAll(async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    endpoint = http.createServer((request, response) => {
      hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => endpoint.listen(port, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${port}`;
    await prepareServeNodes();
    db = await prepareNodesDatabase(serverUrl!, [{ login: 'operator_nodes', role: 'operator' }]);
    const env = {
      DATABASE_URL: db.url,
      OTKLIK_ATTACHMENT_FETCH_PRIVATE: 'true',
      OTKLIK_ATTACHMENT_DIR: blobs,
      OTKLIK_DATA_DIR: blobs,
    };
    // both start together, as after a deploy: the scheduled work must still be queued once
    nodes = await Promise.all([startServeNode(env), startServeNode(env)]);
  }, 900_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.drop();
    endpoint?.close();
    fs.rmSync(blobs, { recursive: true, force: true });
  });

  const until = async (check: () => Promise<boolean>, ms = 120_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline)
        throw new Error(`не дождались; журналы узлов:\n${nodes.map((n) => n.output().slice(-2000)).join('\n---\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  it('runs each message’s outbox job exactly once, whichever node took the message', async () => {
    const count = 24;
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        fetch(`${nodes[i % 2]!.url}/api/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${db.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            channel: 'portal',
            externalId: `nodes-${i}`,
            text: `Яма на дороге у дома ${i} на улице Победы`,
            attachments: [{ name: `photo-${i}.png`, url: `${endpointUrl}/photo/${i}`, fetch: true }],
          }),
        }),
      ),
    );
    const failed = await Promise.all(responses.filter((r) => r.status !== 201).map((r) => r.text()));
    expect(
      responses.map((r) => r.status),
      `${failed.join('\n')}\n${nodes.map((n) => n.output().slice(-3000)).join('\n---\n')}`,
    ).toEqual(Array.from({ length: count }, () => 201));
    const jobs = () =>
      db.services.database.db.selectFrom('outbox').select(['status']).where('kind', '=', 'attachments.fetch').execute();
    await until(async () => {
      const rows = await jobs();
      return rows.length === count && rows.every((r) => r.status === 'done');
    });
    const attachments = await db.services.database.db.selectFrom('attachments').select('status').execute();
    expect(attachments.map((a) => a.status)).toEqual(Array.from({ length: count }, () => 'stored'));
    // each endpoint was called once: no job ran on both nodes, none was lost
    expect([...hits.keys()].sort()).toEqual(Array.from({ length: count }, (_, i) => `/photo/${i}`).sort());
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
  }, 300_000);

  it('keeps a session opened on one node valid on the other, and a sign-out on one ends it on both', async () => {
    const login = await fetch(`${nodes[0]!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'operator_nodes', password: NODES_PASSWORD }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = /otklik_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const session = async (node: ServeNode) =>
      (await (await fetch(`${node.url}/api/auth/session`, { headers: { cookie } })).json()) as {
        user: { login: string } | null;
      };
    expect((await session(nodes[1]!)).user?.login).toBe('operator_nodes');
    const logout = await fetch(`${nodes[1]!.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-otklik-request': '1' },
    });
    expect(logout.status).toBeLessThan(300);
    expect((await session(nodes[0]!)).user).toBeNull();
  }, 60_000);

  it('queues the scheduled work once for both nodes', async () => {
    const queued = await db.services.database.db
      .selectFrom('outbox')
      .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', 'in', [
        'notifications.tick',
        'reports.monthly_draft',
        'personal_data.retention',
        'classifier.retrain',
      ])
      .where('status', 'in', ['pending', 'running'])
      .groupBy('kind')
      .execute();
    const byKind = Object.fromEntries(queued.map((r) => [r.kind, Number(r.n)]));
    // one chain of notification runs; one retention run a day; drafts of this month and the previous one
    expect(byKind).toMatchObject({ 'notifications.tick': 1, 'personal_data.retention': 1 });
    expect(byKind['reports.monthly_draft'] ?? 0).toBeLessThanOrEqual(2);
    expect(byKind['classifier.retrain'] ?? 0).toBeLessThanOrEqual(1);
  }, 60_000);
});
