import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';

/**
 * The @prisma/adapter-better-sqlite3 version whose private shape the statement cache and the
 * transaction isolation were written against and measured with; package.json pins exactly this
 * version, and a test fails when the installed one differs, so an upgrade re-reads this file.
 */
export const PATCHED_ADAPTER_VERSION = '7.10.0';

/**
 * Raised at start-up when Prisma's adapter no longer looks the way transaction isolation relies on:
 * running on would risk the bugs that isolation exists to prevent, so the app refuses to start.
 */
export class AdapterShapeError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Prisma's better-sqlite3 adapter changed in a way src/db relies on (written for ${PATCHED_ADAPTER_VERSION}): ${problems.join('; ')}. ` +
        'Pin @prisma/adapter-better-sqlite3 back, or re-check src/db/adapter-shape.ts, statement-cache.ts and transaction-isolation.ts.',
    );
    this.name = 'AdapterShapeError';
  }
}

/**
 * The better-sqlite3 connection inside Prisma's adapter: its private `client` field (7.10.0:
 * `BetterSQLite3Queryable.client`, shared with its transactions). Undefined when it is not there.
 */
export function connectionOf(adapter: SqlDriverAdapter): Database | undefined {
  const client = (adapter as { client?: unknown }).client;
  if (client instanceof BetterSqlite3) return client;
  // A second copy of better-sqlite3 in node_modules fails instanceof; its shape still tells.
  const candidate = client as Partial<Database> | undefined;
  return typeof candidate?.prepare === 'function' && typeof candidate.exec === 'function' && typeof candidate.inTransaction === 'boolean'
    ? (client as Database)
    : undefined;
}

/**
 * Statement members the adapter uses after `client.prepare(sql)`: `bind(argsArray)` once, then
 * `reader`, `columns()`, `raw()`, `all()`, `run()`. The cache's reusable statement offers exactly these.
 */
export const STATEMENT_MEMBERS_USED: ReadonlySet<string> = new Set(['bind', 'reader', 'columns', 'raw', 'all', 'run']);

const probeQuery = (sql: string, args: number[] = []): SqlQuery => ({
  sql, args, argTypes: args.map(() => ({ scalarType: 'int' as const, arity: 'scalar' as const })),
});

/** What a probe found: problems for the statement cache, and for transaction isolation. */
export interface AdapterProbe {
  connection: Database | undefined;
  statementProblems: string[];
  isolationProblems: string[];
}

/**
 * Runs three harmless statements through a fresh, unpatched adapter (a read with an argument, and
 * SAVEPOINT / RELEASE through the write and the read path) while recording what the adapter does
 * with the connection, and checks every assumption the patches make:
 * - the connection is the private `client` field (both patches);
 * - each query's work is done synchronously inside the call, before its promise is returned
 *   (isolation lets a query on a free connection run without waiting its turn);
 * - queries go through `client.prepare`, which the cache replaces, and then use only
 *   STATEMENT_MEMBERS_USED, with `bind` given one array of arguments (the reusable statement keeps
 *   that array for the call that follows).
 */
export async function probeAdapter(adapter: SqlDriverAdapter): Promise<AdapterProbe> {
  const connection = connectionOf(adapter);
  if (!connection) {
    const missing = 'the adapter has no better-sqlite3 `client` field';
    return { connection, statementProblems: [missing], isolationProblems: [missing] };
  }
  const statementProblems: string[] = [];
  const isolationProblems: string[] = [];
  const used = new Set<string>();
  let prepared = 0;
  const prepare = connection.prepare;
  Object.defineProperty(connection, 'prepare', {
    configurable: true, writable: true,
    value: (sql: string) => {
      prepared++;
      return recording(prepare.call(connection, sql), used, statementProblems);
    },
  });
  try {
    const read = adapter.queryRaw(probeQuery('SELECT ? AS "probe"', [7]));
    const readDone = prepared > 0;
    const rows = (await read).rows;
    if (JSON.stringify(rows) !== '[[7]]') statementProblems.push(`a probe read returned ${JSON.stringify(rows)} instead of [[7]]`);
    const begin = adapter.executeRaw(probeQuery('SAVEPOINT "clawchat_probe"'));
    const began = connection.inTransaction;
    await begin;
    const end = adapter.queryRaw(probeQuery('RELEASE "clawchat_probe"'));
    const ended = !connection.inTransaction;
    await end;
    if (!began || !ended || !readDone) isolationProblems.push('queries no longer run synchronously inside queryRaw/executeRaw');
    if (prepared < 3) statementProblems.push('queries no longer go through client.prepare');
    const unknown = [...used].filter((member) => !STATEMENT_MEMBERS_USED.has(member));
    if (unknown.length) statementProblems.push(`statements are now used through ${unknown.join(', ')}`);
  } catch (error) {
    statementProblems.push(`a probe query failed: ${(error as Error).message}`);
    if (connection.inTransaction) connection.exec('ROLLBACK');
  } finally {
    Object.defineProperty(connection, 'prepare', { value: prepare, configurable: true, writable: true });
  }
  return { connection, statementProblems: [...new Set(statementProblems)], isolationProblems };
}

/** A statement that notes which of its members are used, and how `bind` and `raw` are called. */
function recording(statement: Statement, used: Set<string>, problems: string[]): Statement {
  return new Proxy(statement, {
    get(target, member, receiver) {
      if (typeof member === 'string') used.add(member);
      const value = Reflect.get(target, member, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (member === 'bind' && (args.length !== 1 || !Array.isArray(args[0]))) problems.push('bind is no longer called with one array of arguments');
        if (member === 'raw' && args.length > 0 && args[0] !== true) problems.push('raw is now called with an argument other than true');
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result === target ? receiver : result;
      };
    },
  });
}

/**
 * Transaction isolation sends BEGIN itself and relies on Prisma ending every transaction with its
 * own COMMIT or ROLLBACK (`usePhantomQuery: false`). Runs `transactions` (an interactive and a batch
 * transaction) and throws if the connection is left inside one.
 */
export async function assertTransactionsEnd(connection: Database, transactions: () => Promise<unknown>): Promise<void> {
  await transactions();
  if (connection.inTransaction) {
    connection.exec('ROLLBACK');
    throw new AdapterShapeError(['Prisma no longer ends its transactions with its own COMMIT']);
  }
}
