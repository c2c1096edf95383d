import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations } from './migrate.ts';
import { cacheStatements, type StatementCache } from './statement-cache.ts';
import { isolateTransactions } from './transaction-isolation.ts';
import { AdapterShapeError, assertTransactionsEnd, probeAdapter } from './adapter-shape.ts';

/** The Prisma client type every service receives. */
export type Db = PrismaClient;

/** Turns `file:./data/x.db` (Prisma's URL form) or a bare path into a file path. */
export function databasePath(url: string): string {
  return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

/**
 * Opens (creating if needed) the SQLite database, switches it to WAL, applies pending migrations,
 * and returns a Prisma client over the better-sqlite3 driver adapter, with transactions isolated
 * from concurrent requests and prepared statements reused (`statements`).
 *
 * Both rely on the adapter's private shape (adapter-shape.ts), probed on each new connection: if
 * isolation's assumptions fail it throws AdapterShapeError (running on would risk lost writes); if
 * only the cache's fail, the cache stays off, `statements` is undefined and `warnings` says why.
 */
export async function openDatabase(url: string): Promise<{
  db: Db; file: string; applied: string[]; statements: StatementCache | undefined; warnings: string[];
}> {
  const file = databasePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  let applied: string[];
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    applied = applyMigrations(raw);
  } finally {
    raw.close();
  }
  let statements: StatementCache | undefined;
  let connection: BetterSqlite3.Database | undefined;
  const warnings: string[] = [];
  const adapter = isolateTransactions(new PrismaBetterSqlite3({ url: file, timeout: 5_000 }), async (inner) => {
    const probe = await probeAdapter(inner);
    if (probe.isolationProblems.length) throw new AdapterShapeError(probe.isolationProblems);
    connection = probe.connection;
    if (probe.statementProblems.length) warnings.push(`prepared-statement cache off: ${probe.statementProblems.join('; ')}`);
    else statements = cacheStatements(probe.connection!);
    return inner;
  });
  const db = new PrismaClient({ adapter });
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await assertTransactionsEnd(connection!, async () => {
    await db.$transaction(async (tx) => tx.$queryRawUnsafe('SELECT 1'));
    await db.$transaction([db.$queryRawUnsafe('SELECT 1')]);
  });
  return { db, file, applied, statements, warnings };
}
