import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A provider API stand-in on 127.0.0.1 for tests: records every call, and can be switched to behave like a
// provider that is down (HTTP 500), unreachable (connection refused), or that accepts a request but loses the
// response (the connection drops after the provider acted on it).
export type StandInMode = 'ok' | 'error' | 'refuse' | 'drop_after_accept';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** What the stand-in did: acted on the call, answered 500, or acted and then dropped the connection. */
  outcome: 'ok' | 'error' | 'dropped';
}

/** A JSON body, or raw bytes (a file download) when the body is a Buffer. */
export interface StandInReply {
  status: number;
  body: unknown;
}
export type StandInHandler = (method: string, params: Record<string, unknown>, pathToken: string) => StandInReply;
export type ErrorReply = (method: string) => StandInReply;

export interface LoopbackStandIn {
  readonly url: string;
  readonly calls: RecordedCall[];
  mode: StandInMode;
  setMode(mode: StandInMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a stand-in. `route` maps a URL path to (token, method) or null (404); `handle` produces the provider's reply
 * for a call it acts on; `fail` the provider's reply when it is down.
 */
export async function startLoopbackStandIn(
  route: (path: string) => { token: string; method: string } | null,
  handle: StandInHandler,
  fail: ErrorReply,
): Promise<LoopbackStandIn> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const target = route(url.pathname);
      if (!target) {
        res.writeHead(404).end('not found');
        return;
      }
      const params = {
        ...Object.fromEntries(url.searchParams),
        ...parseBody(req.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8')),
      };
      if (standIn.mode === 'error') {
        calls.push({ method: target.method, params, outcome: 'error' });
        const reply = fail(target.method);
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
        return;
      }
      const reply = handle(target.method, params, target.token);
      if (standIn.mode === 'drop_after_accept') {
        calls.push({ method: target.method, params, outcome: 'dropped' });
        req.socket.destroy();
        return;
      }
      calls.push({ method: target.method, params, outcome: 'ok' });
      if (Buffer.isBuffer(reply.body))
        res.writeHead(reply.status, { 'content-type': 'application/octet-stream' }).end(reply.body);
      else res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  const standIn: LoopbackStandIn = {
    url: `http://127.0.0.1:${port}`,
    calls,
    mode: 'ok',
    async setMode(mode) {
      if (mode === 'refuse' && server.listening) await stop(server);
      if (mode !== 'refuse' && !server.listening) await listen(server, port);
      standIn.mode = mode;
    },
    async close() {
      if (server.listening) await stop(server);
    },
  };
  return standIn;
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function stop(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function parseBody(contentType: string, body: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  return { raw: body };
}
