import type { Database, Statement } from 'better-sqlite3';
import { lruCache, type LruCache } from '../core/lru.ts';

/**
 * What Prisma's better-sqlite3 adapter does with a statement: `prepare(sql).bind(args)`, then
 * `run()`, or `reader` / `columns()` / `raw().all()` (STATEMENT_MEMBERS_USED in adapter-shape.ts,
 * probed at start-up). A better-sqlite3 statement can be bound only once, which is why the adapter
 * prepares every query anew; this stand-in keeps the arguments itself, so one prepared statement
 * serves every call with the same SQL.
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

/**
 * Makes the connection inside Prisma's adapter (see connectionOf) reuse prepared statements, and
 * returns the cache. Only for a connection that probeAdapter found used the way ReusableStatement
 * expects; database.ts probes first and leaves the cache off, with a warning, when it was not.
 */
export function cacheStatements(connection: Database): StatementCache {
  const prepareStatement = connection.prepare.bind(connection) as (sql: string) => Statement;
  const cache = new StatementCache(prepareStatement);
  Object.defineProperty(connection, 'prepare', { value: (sql: string) => cache.prepare(sql), configurable: true, writable: true });
  return cache;
}
