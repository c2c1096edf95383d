import type {
  ConnectionInfo,
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
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
 *
 * This decorator gives a transaction the connection to itself: queries outside it wait until it
 * commits or rolls back, and a rollback makes sure the connection has really left it. A query on
 * a free connection runs at once, with no extra await (the better-sqlite3 adapter does its work
 * synchronously, so nothing can interleave with it).
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

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    await this.#turn.acquire();
    try {
      return new TurnReleasingTransaction(await this.inner.startTransaction(isolationLevel), () => this.#turn.release());
    } catch (error) {
      this.#turn.release();
      throw error;
    }
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/**
 * A transaction that hands the connection back when it commits or rolls back (once). Savepoint
 * methods exist only when the wrapped transaction has them, as Prisma checks for them.
 */
class TurnReleasingTransaction implements Transaction {
  readonly provider: Transaction['provider'];
  readonly adapterName: string;
  readonly options: Transaction['options'];
  readonly createSavepoint?: (name: string) => Promise<void>;
  readonly rollbackToSavepoint?: (name: string) => Promise<void>;
  readonly releaseSavepoint?: (name: string) => Promise<void>;
  #released = false;

  constructor(private readonly inner: Transaction, private readonly releaseTurn: () => void) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
    if (inner.createSavepoint) this.createSavepoint = (name) => inner.createSavepoint!(name);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = (name) => inner.rollbackToSavepoint!(name);
    if (inner.releaseSavepoint) this.releaseSavepoint = (name) => inner.releaseSavepoint!(name);
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  async commit(): Promise<void> {
    try {
      await this.inner.commit();
    } finally {
      this.#release();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.inner.rollback();
      await this.#leaveOpenTransaction();
    } finally {
      this.#release();
    }
  }

  /**
   * Prisma sends ROLLBACK itself before calling rollback(), except after a failed COMMIT: then the
   * adapter's rollback() sends nothing and the connection stays inside the transaction, so every
   * later write lands in a transaction that is never committed (prisma/orm#29933). One more
   * ROLLBACK ends it; in the usual case it fails harmlessly with "no transaction is active".
   */
  async #leaveOpenTransaction(): Promise<void> {
    try {
      await this.inner.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
    } catch {
      // No transaction was open: Prisma had rolled back already.
    }
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.releaseTurn();
  }
}

/**
 * Wraps an adapter factory so every connection it makes isolates its transactions; `prepare` may
 * adjust the raw adapter first (the statement cache does).
 */
export function isolateTransactions(
  factory: SqlMigrationAwareDriverAdapterFactory,
  prepare: (adapter: SqlDriverAdapter) => SqlDriverAdapter = (adapter) => adapter,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new IsolatedTransactionsAdapter(prepare(await factory.connect())),
    connectToShadowDb: async () => new IsolatedTransactionsAdapter(prepare(await factory.connectToShadowDb())),
  };
}
