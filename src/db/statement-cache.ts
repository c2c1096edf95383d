import type { Database, Statement } from 'better-sqlite3';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { lruCache, type LruCache } from '../core/lru.ts';

/**
 * What Prisma's better-sqlite3 adapter does with a statement: `prepare(sql).bind(args)`, then
 * `run()`, or `reader` / `columns()` / `raw().all()`. A better-sqlite3 statement can be bound only
 * once, which is why the adapter prepares every query anew; this stand-in keeps the arguments
 * itself, so one prepared statement serves every call with the same SQL.
 */
interface ReusableStatement {
  bind(args: unknown[]): ReusableStatement;
  readonly reader: boolean;
  columns(): ReturnType<Statement['columns']>;
  raw(): ReusableStatement;
  all(): unknown[];
  run(): ReturnType<Statement['run']>;
}

/**
 * Prepared statements by SQL text, least recently used dropped past `capacity`. Preparing was
 * the single largest cost of a query through Prisma (about a tenth of a /todo's CPU time);
 * Prisma's SQL for a query shape is stable, so the working set is small.
 */
export class StatementCache {
  hits = 0;
  misses = 0;
  readonly #statements: LruCache<string, Statement>;

  constructor(private readonly prepareStatement: (sql: string) => Statement, capacity = 500) {
    this.#statements = lruCache({ max: capacity });
  }

  /** Statements held now. */
  get size(): number {
    return this.#statements.size;
  }

  prepare(sql: string): ReusableStatement {
    let statement = this.#statements.get(sql);
    if (statement) this.hits++;
    else {
      statement = this.prepareStatement(sql);
      this.misses++;
      this.#statements.set(sql, statement);
    }
    return reusable(statement);
  }
}

function reusable(statement: Statement): ReusableStatement {
  let args: unknown[] = [];
  const handle: ReusableStatement = {
    bind(values) {
      args = values;
      return handle;
    },
    get reader() {
      return statement.reader;
    },
    columns: () => statement.columns(),
    raw() {
      statement.raw(true);
      return handle;
    },
    all: () => statement.all(args),
    run: () => statement.run(args),
  };
  return handle;
}

/** The better-sqlite3 connection inside Prisma's adapter (a private field; checked, not assumed). */
function connectionOf(adapter: SqlDriverAdapter): Database | undefined {
  const client = (adapter as { client?: unknown }).client;
  if (typeof client !== 'object' || client === null) return undefined;
  const candidate = client as Partial<Database>;
  return typeof candidate.prepare === 'function' && typeof candidate.exec === 'function' && 'inTransaction' in candidate
    ? (client as Database)
    : undefined;
}

/**
 * Makes the adapter's connection reuse prepared statements. Returns the cache, or undefined when
 * the adapter is not the better-sqlite3 one this understands (a Prisma upgrade that moves the
 * connection): the adapter then works as before, uncached, and the test that asserts the cache is
 * in use fails loudly instead of the bot silently getting slower.
 */
export function cacheStatements(adapter: SqlDriverAdapter): StatementCache | undefined {
  const connection = connectionOf(adapter);
  if (!connection) return undefined;
  const prepareStatement = connection.prepare.bind(connection) as (sql: string) => Statement;
  const cache = new StatementCache(prepareStatement);
  Object.defineProperty(connection, 'prepare', { value: (sql: string) => cache.prepare(sql), configurable: true, writable: true });
  return cache;
}
