import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * One-at-a-time access to the single SQLite connection, in arrival order. Free → a caller may go
 * at once (synchronously); held → callers queue.
 */
class ConnectionTurn {
  #held = false;
  readonly #queue: Array<() => void> = [];

  /** True when nobody holds the connection and nobody is waiting for it. */
  get free(): boolean {
    return !this.#held && this.#queue.length === 0;
  }

  async acquire(): Promise<void> {
    if (this.free) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  /** Hands the connection to the next waiter (it stays held), or frees it. */
  release(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

/**
 * Prisma's better-sqlite3 adapter runs everything on one connection and only transactions take its
 * lock: a query from another request, issued while an interactive or batch transaction is open,
 * runs inside that transaction. It then reads uncommitted rows, and if the transaction rolls back,
 * a write that was already acknowledged (a todo the user was told was added) silently disappears.
 * Its transactions have two more faults (prisma/orm#29933): rollback() sends no SQL, so after a
 * failed COMMIT the connection stays inside the transaction for good; and a failed BEGIN leaves
 * its lock taken, so no transaction can start again.
 *
 * This decorator owns transactions on the single connection instead: one turn, in arrival order,
 * for a transaction (from BEGIN until it commits or rolls back) or a single query. A query on a
 * free connection runs at once, with no extra await (the better-sqlite3 adapter does its work
 * synchronously, so nothing can interleave with it; probeAdapter checks that at start-up).
 */
export class IsolatedTransactionsAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  readonly getConnectionInfo?: () => ConnectionInfo;
  readonly #turn = new ConnectionTurn();

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#turn.free ? this.inner.queryRaw(query) : this.#turn.run(() => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#turn.free ? this.inner.executeRaw(query) : this.#turn.run(() => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.#turn.run(() => this.inner.executeScript(script));
  }

  /** SQLite transactions are serializable; Prisma asks for no other level of it. */
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel });
    await this.#turn.acquire();
    try {
      await this.inner.executeRaw(sql('BEGIN'));
    } catch (error) {
      this.#turn.release();
      throw error;
    }
    return new ConnectionTransaction(this.inner, () => this.#turn.release());
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

function sql(text: string): SqlQuery {
  return { sql: text, args: [], argTypes: [] };
}

/**
 * A transaction on the connection, begun by startTransaction. Prisma sends COMMIT and ROLLBACK
 * itself (`usePhantomQuery: false`) and then calls commit() or rollback(), which hand the turn on.
 */
class ConnectionTransaction implements Transaction {
  readonly provider: Transaction['provider'];
  readonly adapterName: string;
  readonly options = { usePhantomQuery: false };
  #ended = false;

  constructor(private readonly connection: SqlDriverAdapter, private readonly endTurn: () => void) {
    this.provider = connection.provider;
    this.adapterName = connection.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.connection.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.connection.executeRaw(query);
  }

  async createSavepoint(name: string): Promise<void> {
    await this.connection.executeRaw(sql(`SAVEPOINT ${name}`));
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.connection.executeRaw(sql(`ROLLBACK TO ${name}`));
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.connection.executeRaw(sql(`RELEASE SAVEPOINT ${name}`));
  }

  commit(): Promise<void> {
    this.#end();
    return Promise.resolve();
  }

  /**
   * Prisma has sent ROLLBACK before this, except after a failed COMMIT, when the connection is
   * still inside the transaction: one more ROLLBACK ends it (in the usual case it fails harmlessly
   * with "no transaction is active").
   */
  async rollback(): Promise<void> {
    try {
      await this.connection.executeRaw(sql('ROLLBACK'));
    } catch {
      // No transaction was open: Prisma had rolled back already.
    } finally {
      this.#end();
    }
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.endTurn();
  }
}

/**
 * Wraps an adapter factory so every connection it makes isolates its transactions; `configure` may
 * check and adjust the raw adapter first (database.ts probes it and installs the statement cache).
 */
export function isolateTransactions(
  factory: SqlMigrationAwareDriverAdapterFactory,
  configure: (adapter: SqlDriverAdapter) => SqlDriverAdapter | Promise<SqlDriverAdapter> = (adapter) => adapter,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new IsolatedTransactionsAdapter(await configure(await factory.connect())),
    connectToShadowDb: async () => new IsolatedTransactionsAdapter(await configure(await factory.connectToShadowDb())),
  };
}
