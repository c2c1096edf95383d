import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlQuery, SqlResultSet } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AdapterShapeError, assertTransactionsEnd, PATCHED_ADAPTER_VERSION, probeAdapter } from '../../src/db/adapter-shape.ts';
import { openDatabase } from '../../src/db/database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const PRISMA_PACKAGES = ['prisma', '@prisma/client', '@prisma/adapter-better-sqlite3', '@prisma/driver-adapter-utils'];

const files: string[] = [];
const tempFile = () => {
  const file = path.join(os.tmpdir(), `clawchat-shape-${randomUUID()}.db`);
  files.push(file);
  return file;
};
afterEach(async () => {
  await Promise.all(files.splice(0).flatMap((f) => ['', '-wal', '-shm'].map((s) => rm(f + s, { force: true }))));
});

describe('Prisma versions the db patches rely on', () => {
  it('are pinned exactly in package.json and the lockfile, to what is installed', () => {
    const manifest = readJson(path.join(root, 'package.json')) as { dependencies: Record<string, string> };
    const lock = readJson(path.join(root, 'package-lock.json')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
    for (const name of PRISMA_PACKAGES) {
      const installed = (readJson(path.join(root, 'node_modules', name, 'package.json')) as { version: string }).version;
      expect(manifest.dependencies[name], `package.json must pin ${name} exactly (src/db patches its private internals)`).toBe(installed);
      expect(lock.packages['']!.dependencies![name], `package-lock.json root entry for ${name}`).toBe(installed);
      expect(lock.packages[`node_modules/${name}`]!.version, `package-lock.json resolves ${name}`).toBe(installed);
    }
  });

  it('include the adapter version src/db/adapter-shape.ts was written against', () => {
    const installed = (readJson(path.join(root, 'node_modules/@prisma/adapter-better-sqlite3/package.json')) as { version: string }).version;
    expect(installed, 'a new @prisma/adapter-better-sqlite3: re-read adapter-shape.ts, statement-cache.ts and transaction-isolation.ts, re-run `npm run bench db`, then update PATCHED_ADAPTER_VERSION')
      .toBe(PATCHED_ADAPTER_VERSION);
  });
});

describe('the installed adapter', () => {
  it('has every private shape the statement cache and transaction isolation rely on', async () => {
    const adapter = await new PrismaBetterSqlite3({ url: tempFile() }).connect();
    try {
      const { connection, statementProblems, isolationProblems } = await probeAdapter(adapter);
      expect(connection, 'the better-sqlite3 connection is no longer the adapter\'s `client` field').toBeDefined();
      expect(statementProblems, 'the adapter uses its statements differently: the statement cache would misbehave').toEqual([]);
      expect(isolationProblems, 'the adapter no longer works synchronously: transaction isolation would not hold').toEqual([]);
      expect(connection!.inTransaction).toBe(false);
    } finally {
      await adapter.dispose();
    }
  });

  it('gets both patches from openDatabase, with no warning', async () => {
    const { db, statements, warnings } = await openDatabase(`file:${tempFile()}`);
    try {
      expect(warnings).toEqual([]);
      expect(statements, 'the statement cache was refused').toBeDefined();
    } finally {
      await db.$disconnect();
    }
  });
});

/**
 * An adapter double over a real better-sqlite3 connection, doing with statements whatever a future
 * adapter version might: the probe must notice.
 */
function adapterDouble(client: BetterSqlite3.Database | undefined, run: (client: BetterSqlite3.Database, query: SqlQuery) => unknown[][]): SqlDriverAdapter {
  const result = (rows: unknown[][]): SqlResultSet => ({ columnNames: ['probe'], columnTypes: [], rows });
  return {
    provider: 'sqlite',
    adapterName: 'double',
    client,
    queryRaw: (query: SqlQuery) => Promise.resolve(result(run(client!, query))),
    executeRaw: (query: SqlQuery) => Promise.resolve(run(client!, query).length),
    executeScript: () => Promise.resolve(),
    startTransaction: () => Promise.reject(new Error('not used')),
    dispose: () => Promise.resolve(),
  } as SqlDriverAdapter;
}

const asToday = (client: BetterSqlite3.Database, query: SqlQuery): unknown[][] => {
  const statement = client.prepare(query.sql).bind(query.args);
  if (!statement.reader) {
    statement.run();
    return [];
  }
  statement.columns();
  return statement.raw().all() as unknown[][];
};

describe('probeAdapter notices an adapter that changed', () => {
  const client = () => new BetterSqlite3(':memory:');

  it('accepts a double that does what 7.10.0 does (the probe itself is not what fails)', async () => {
    const probe = await probeAdapter(adapterDouble(client(), asToday));
    expect(probe).toMatchObject({ statementProblems: [], isolationProblems: [] });
  });

  it('moved its connection out of `client`', async () => {
    const probe = await probeAdapter(adapterDouble(undefined, asToday));
    expect(probe.connection).toBeUndefined();
    expect(probe.statementProblems).toEqual(['the adapter has no better-sqlite3 `client` field']);
    expect(probe.isolationProblems).toEqual(['the adapter has no better-sqlite3 `client` field']);
  });

  it('reads rows through a statement member the cache does not offer', async () => {
    const probe = await probeAdapter(adapterDouble(client(), (db, query) => {
      const statement = db.prepare(query.sql);
      return statement.reader ? [statement.raw().get(query.args) as unknown[]] : (statement.run(query.args), []);
    }));
    expect(probe.statementProblems).toEqual(['statements are now used through get']);
    expect(probe.isolationProblems).toEqual([]);
  });

  it('binds the arguments one by one instead of as one array', async () => {
    const spread = await probeAdapter(adapterDouble(client(), (db, query) => {
      const statement = db.prepare(query.sql).bind(...query.args);
      return statement.reader ? (statement.raw().all() as unknown[][]) : (statement.run(), []);
    }));
    expect(spread.statementProblems).toEqual(['bind is no longer called with one array of arguments']);
  });

  it('does its work after an await, so a query could interleave with a transaction', async () => {
    const inner = adapterDouble(client(), asToday);
    const deferred: SqlDriverAdapter = {
      ...inner,
      client: (inner as { client?: unknown }).client,
      queryRaw: async (query) => { await Promise.resolve(); return inner.queryRaw(query); },
      executeRaw: async (query) => { await Promise.resolve(); return inner.executeRaw(query); },
    } as SqlDriverAdapter;
    const probe = await probeAdapter(deferred);
    expect(probe.isolationProblems).toEqual(['queries no longer run synchronously inside queryRaw/executeRaw']);
  });

  it('leaves a transaction open after Prisma\'s transactions: openDatabase refuses to start', async () => {
    const db = client();
    await expect(assertTransactionsEnd(db, async () => db.exec('BEGIN'))).rejects.toThrow(AdapterShapeError);
    expect(db.inTransaction).toBe(false);
    await expect(assertTransactionsEnd(db, async () => db.exec('BEGIN; COMMIT'))).resolves.toBeUndefined();
  });
});
