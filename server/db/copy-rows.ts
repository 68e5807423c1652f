// Bulk writes with COPY, inside the caller's transaction, on both engines: PostgreSQL through pg-copy-streams
// (`COPY … FROM STDIN` on the transaction's own connection), PGlite through `COPY … FROM '/dev/blob'` with the rows
// as a blob. The rows go through Kysely as a query whose only parameter is a CopyPayload; the drivers of
// database.ts recognise it (installCopy on each pg client, copyingPgliteDriver) and run the COPY instead.
import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type pg from 'pg';
import type { from as CopyFrom } from 'pg-copy-streams';
import type { Db } from './database';

/** The rows of one COPY in PostgreSQL's text format. */
export class CopyPayload {
  constructor(readonly text: string) {}
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY's text format: NULL as \N; dates as ISO instants; objects as JSON; backslash, tab and line ends escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else if (Array.isArray(value)) throw new Error('copyRows: array columns are not supported');
  else text = JSON.stringify(value);
  return text.replace(/[\\\n\r\t]/gu, (c) => ESCAPES[c]!);
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Writes the rows into the table with COPY, in the transaction of `db` (rows with different sets of columns go in
 * separate COPYs: a column a row leaves out takes its default, as with INSERT). Returns the number of rows written.
 */
export async function copyRows(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<number> {
  const groups = new Map<string, { columns: string[]; lines: string[] }>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((k) => row[k] !== undefined);
    const key = columns.join('\u0000');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { columns, lines: [] }));
    group.lines.push(columns.map((c) => copyValue(row[c])).join('\t'));
  }
  let written = 0;
  for (const { columns, lines } of groups.values()) {
    const statement = `copy ${quote(table)} (${columns.map(quote).join(', ')}) from stdin`;
    const result = await db.executeQuery(CompiledQuery.raw(statement, [new CopyPayload(`${lines.join('\n')}\n`)]));
    written += Number(result.numAffectedRows ?? lines.length);
  }
  return written;
}

const payloadOf = (values: unknown): CopyPayload | null =>
  Array.isArray(values) && values.length === 1 && values[0] instanceof CopyPayload ? values[0] : null;

type ClientQuery = (...args: unknown[]) => unknown;

/** Teaches one node-postgres client to run a CopyPayload query as COPY FROM STDIN on itself. */
export function installCopy(client: pg.PoolClient | pg.Client, copyFrom: typeof CopyFrom): void {
  const original = client.query.bind(client) as ClientQuery;
  const query: ClientQuery = (...args) => {
    const [text, values] = args;
    const payload = typeof text === 'string' ? payloadOf(values) : null;
    if (!payload || typeof text !== 'string') return original(...args);
    return new Promise<pg.QueryResult>((resolve, reject) => {
      const stream = client.query(copyFrom(text));
      stream.on('error', reject);
      stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [], oid: 0, fields: [] }));
      stream.end(payload.text);
    });
  };
  Object.assign(client, { query });
}

/** PGlite's driver with COPY: a CopyPayload query becomes COPY … FROM '/dev/blob' with the rows as the blob. */
export function copyingPgliteDriver(inner: Driver, client: PGlite): Driver {
  const wrap = (connection: DatabaseConnection): DatabaseConnection => ({
    executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      const payload = payloadOf(query.parameters);
      if (!payload) return connection.executeQuery<R>(query);
      const statement = query.sql.replace(/from stdin$/u, "from '/dev/blob'");
      const result = await client.query(statement, [], { blob: new Blob([payload.text]) });
      return { rows: [], numAffectedRows: BigInt(result.affectedRows ?? 0) };
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  });
  const connections = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const innerOf = (c: DatabaseConnection): DatabaseConnection => connections.get(c) ?? c;
  return {
    init: () => inner.init(),
    acquireConnection: async () => {
      const connection = await inner.acquireConnection();
      const outer = wrap(connection);
      connections.set(outer, connection);
      return outer;
    },
    beginTransaction: (c, s) => inner.beginTransaction(innerOf(c), s),
    commitTransaction: (c) => inner.commitTransaction(innerOf(c)),
    rollbackTransaction: (c) => inner.rollbackTransaction(innerOf(c)),
    releaseConnection: (c) => inner.releaseConnection(innerOf(c)),
    destroy: () => inner.destroy(),
  };
}
