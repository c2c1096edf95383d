import type { SqlDriverAdapter, SqlQuery, SqlResultSet, Transaction } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { IsolatedTransactionsAdapter } from '../../src/db/transaction-isolation.ts';
import { createTempDb, makeUser } from '../helpers/temp-db.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('transactions on the shared SQLite connection (real Prisma + better-sqlite3)', () => {
  let db: Db;
  let file: string;
  let cleanup: () => Promise<void>;
  let ownerId: number;
  beforeEach(async () => {
    ({ db, file, cleanup } = await createTempDb());
    ownerId = (await makeUser(db)).id;
  });
  afterEach(async () => cleanup());

  const memo = (content: string) => ({ data: { ownerId, createdById: ownerId, content } });

  it('a write acknowledged while another request’s transaction is open survives that transaction’s rollback', async () => {
    const failing = db.$transaction(async (tx) => {
      await tx.memo.create(memo('inside'));
      await tick(50);
      throw new Error('business rule says no');
    }).catch((error: Error) => error.message);
    await tick(10);
    const outside = await db.memo.create(memo('outside'));
    expect(await failing).toBe('business rule says no');
    const left = await db.memo.findMany({ select: { id: true, content: true } });
    expect(left).toEqual([{ id: outside.id, content: 'outside' }]);
  });

  it('a read while a transaction is open does not see its uncommitted rows', async () => {
    let seen: string[] = [];
    const open = db.$transaction(async (tx) => {
      await tx.memo.create(memo('uncommitted'));
      await tick(30);
      throw new Error('rolled back');
    }).catch(() => undefined);
    await tick(5);
    seen = (await db.memo.findMany()).map((m) => m.content);
    await open;
    expect(seen).toEqual([]);
    expect(await db.memo.count()).toBe(0);
  });

  it('a transaction whose COMMIT fails does not leave the connection inside it (prisma/orm#29933)', async () => {
    const failed = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
      await tx.$executeRawUnsafe(`INSERT INTO "Memo" ("ownerId", "createdById", "content", "tags", "createdAt", "updatedAt") VALUES (999, 999, 'orphan', '', 0, 0)`);
    }).then(() => 'committed', () => 'failed at COMMIT');
    expect(failed).toBe('failed at COMMIT');
    await db.memo.create(memo('after'));
    const other = new BetterSqlite3(file, { readonly: true });
    try {
      expect(other.prepare('SELECT "content" FROM "Memo"').all()).toEqual([{ content: 'after' }]);
    } finally {
      other.close();
    }
  });

  it('concurrent interactive and batch transactions and plain writes all land, each exactly once', async () => {
    const doomed = db.$transaction(async (tx) => {
      await tx.memo.create(memo('doomed'));
      await tick(20);
      throw new Error('one fails');
    }).catch(() => 'failed');
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      work.push(db.$transaction(async (tx) => {
        await tx.memo.create(memo(`tx ${i}`));
        await tick(1);
        await tx.memo.create(memo(`tx ${i} second`));
      }));
      work.push(db.$transaction([db.memo.create(memo(`batch ${i}`)), db.memo.create(memo(`batch ${i} second`))]));
      work.push(db.memo.create(memo(`plain ${i}`)));
    }
    work.push(tick(2).then(() => Promise.all(Array.from({ length: 20 }, (_, i) => db.memo.create(memo(`during ${i}`))))));
    await Promise.all([...work, doomed]);
    const contents = (await db.memo.findMany()).map((m) => m.content).sort();
    expect(contents).toHaveLength(120);
    expect(new Set(contents).size).toBe(120);
    expect(contents).not.toContain('doomed');
  });
});

/** A connection double that records the SQL that reaches it, in order. */
class RecordingConnection implements SqlDriverAdapter {
  readonly provider = 'sqlite' as const;
  readonly adapterName = 'recording';
  readonly log: string[] = [];
  failNext: string | undefined;
  private readonly result: SqlResultSet = { columnNames: [], columnTypes: [], rows: [] };

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    this.record(query.sql);
    return Promise.resolve(this.result);
  }
  executeRaw(query: SqlQuery): Promise<number> {
    this.record(query.sql);
    return Promise.resolve(1);
  }
  executeScript(script: string): Promise<void> {
    this.record(script);
    return Promise.resolve();
  }
  startTransaction(): Promise<Transaction> {
    throw new Error('the isolating adapter runs BEGIN itself, not through the inner lock');
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
  private record(sql: string): void {
    if (this.failNext === sql) {
      this.failNext = undefined;
      throw new Error(`${sql} failed`);
    }
    this.log.push(sql);
  }
}

const q = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

describe('IsolatedTransactionsAdapter', () => {
  it('runs a query on a free connection at once, without waiting a turn', () => {
    const inner = new RecordingConnection();
    const adapter = new IsolatedTransactionsAdapter(inner);
    void adapter.queryRaw(q('SELECT 1'));
    expect(inner.log).toEqual(['SELECT 1']);
  });

  it('holds other queries until the transaction commits, then runs them in arrival order', async () => {
    const inner = new RecordingConnection();
    const adapter = new IsolatedTransactionsAdapter(inner);
    const tx = await adapter.startTransaction();
    const waiting = [adapter.queryRaw(q('read a')), adapter.executeRaw(q('write b')), adapter.executeScript('script c')];
    await tx.executeRaw(q('insert'));
    await tx.executeRaw(q('COMMIT'));
    await tick(1);
    expect(inner.log).toEqual(['BEGIN', 'insert', 'COMMIT']);
    await tx.commit();
    await Promise.all(waiting);
    expect(inner.log).toEqual(['BEGIN', 'insert', 'COMMIT', 'read a', 'write b', 'script c']);
  });

  it('queues a second transaction behind the first, ends a rolled-back one for sure, and hands the turn on once', async () => {
    const inner = new RecordingConnection();
    const adapter = new IsolatedTransactionsAdapter(inner);
    const first = await adapter.startTransaction();
    const second = adapter.startTransaction();
    await tick(1);
    expect(inner.log).toEqual(['BEGIN']);
    await first.rollback();
    const tx2 = await second;
    expect(inner.log).toEqual(['BEGIN', 'ROLLBACK', 'BEGIN']);
    await first.rollback(); // a repeated rollback must not hand the second transaction's turn away
    const after = adapter.queryRaw(q('after'));
    await tick(1);
    expect(inner.log).not.toContain('after');
    await tx2.commit();
    await after;
    expect(inner.log.at(-1)).toBe('after');
  });

  it('frees the connection when BEGIN fails', async () => {
    const inner = new RecordingConnection();
    const adapter = new IsolatedTransactionsAdapter(inner);
    inner.failNext = 'BEGIN';
    await expect(adapter.startTransaction()).rejects.toThrow('BEGIN failed');
    void adapter.queryRaw(q('next'));
    expect(inner.log).toEqual(['next']);
    const tx = await adapter.startTransaction();
    await tx.commit();
    expect(inner.log).toEqual(['next', 'BEGIN']);
  });

  it('offers savepoints and refuses isolation levels SQLite does not have', async () => {
    const inner = new RecordingConnection();
    const adapter = new IsolatedTransactionsAdapter(inner);
    await expect(adapter.startTransaction('READ COMMITTED')).rejects.toMatchObject({ cause: { kind: 'InvalidIsolationLevel' } });
    const tx = await adapter.startTransaction('SERIALIZABLE');
    await tx.createSavepoint!('s1');
    await tx.rollbackToSavepoint!('s1');
    await tx.releaseSavepoint!('s1');
    await tx.commit();
    expect(inner.log).toEqual(['BEGIN', 'SAVEPOINT s1', 'ROLLBACK TO s1', 'RELEASE SAVEPOINT s1']);
  });
});
