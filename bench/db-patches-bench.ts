import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import { connectionOf } from '../src/db/adapter-shape.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { cacheStatements } from '../src/db/statement-cache.ts';
import { isolateTransactions } from '../src/db/transaction-isolation.ts';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { summarize } from './stats.ts';

type Variant = { name: string; cache: boolean; isolate: boolean };
const VARIANTS: Variant[] = [
  { name: 'both patches (as shipped)', cache: true, isolate: true },
  { name: 'no statement cache', cache: false, isolate: true },
  { name: 'no transaction isolation', cache: true, isolate: false },
  { name: 'neither (stock adapter)', cache: false, isolate: false },
];

function factoryFor(file: string, variant: Variant): SqlMigrationAwareDriverAdapterFactory {
  const stock = new PrismaBetterSqlite3({ url: file, timeout: 5_000 });
  const configure = (adapter: SqlDriverAdapter) => {
    if (!variant.cache) return adapter;
    const connection = connectionOf(adapter);
    if (!connection) throw new Error('the adapter has no connection to cache statements on: the bench would measure nothing');
    cacheStatements(connection);
    return adapter;
  };
  if (variant.isolate) return isolateTransactions(stock, configure);
  return {
    provider: stock.provider,
    adapterName: stock.adapterName,
    connect: async () => configure(await stock.connect()),
    connectToShadowDb: async () => configure(await stock.connectToShadowDb()),
  };
}

/**
 * What the two adapter patches in src/db cost or save per Prisma operation: the same mix of the
 * services' query shapes (create, scoped list, find by id, update, count, a two-row batch) through
 * four clients on one WAL file, with and without each patch, in interleaved blocks so machine
 * load falls on every variant alike; CPU time per mix is the steadier figure on a busy machine.
 */
export async function runDbPatchesBench(rounds = 20, perBlock = 50): Promise<string[]> {
  const file = path.join(os.tmpdir(), `clawchat-dbbench-${randomUUID()}.db`);
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  applyMigrations(raw);
  raw.close();
  const clients = VARIANTS.map((v) => new PrismaClient({ adapter: factoryFor(file, v) }));
  try {
    for (const db of clients) await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL'); // as openDatabase does
    const owner = await clients[0]!.user.create({ data: { displayName: 'Bench' } });
    const samples = VARIANTS.map(() => [] as number[]);
    const cpuMicros = VARIANTS.map(() => 0);
    const op = async (db: PrismaClient, i: number) => {
      const todo = await db.todo.create({ data: { title: `task ${i}`, ownerId: owner.id, createdById: owner.id, dueAt: new Date(Date.UTC(2026, 0, 1 + (i % 300))) } });
      await db.todo.findMany({ where: { ownerId: owner.id, spaceId: null, status: 'open' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: 20 });
      await db.todo.findFirst({ where: { id: todo.id, ownerId: owner.id } });
      await db.todo.update({ where: { id: todo.id }, data: { status: 'done', completedAt: new Date(), completedById: owner.id } });
      await db.memo.count({ where: { ownerId: owner.id, spaceId: null } });
      await db.$transaction([
        db.memo.create({ data: { content: `note ${i}`, ownerId: owner.id, createdById: owner.id } }),
        db.changeLog.create({ data: { userId: owner.id, entity: 'memo', entityId: i, action: 'create' } }),
      ]);
    };
    for (const [k, db] of clients.entries()) for (let i = 0; i < 30; i++) await op(db, -1 - i - k * 100); // warm-up
    let n = 0;
    for (let round = 0; round < rounds; round++) {
      const order = VARIANTS.map((_, k) => (k + round) % VARIANTS.length);
      for (const k of order) {
        const cpu0 = process.cpuUsage();
        for (let i = 0; i < perBlock; i++) {
          const t0 = performance.now();
          await op(clients[k]!, n++);
          samples[k]!.push(performance.now() - t0);
        }
        const cpu = process.cpuUsage(cpu0);
        cpuMicros[k]! += cpu.user + cpu.system;
      }
    }
    return [
      `db patches: ${rounds * perBlock} operation mixes per variant (6 Prisma calls each: create, scoped list, find, update, count, 2-row batch), interleaved`,
      ...VARIANTS.map((v, k) => `  ${v.name.padEnd(26)} ${summarize(samples[k]!).line}  CPU ${(cpuMicros[k]! / samples[k]!.length / 1000).toFixed(3)} ms/mix`),
    ];
  } finally {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
  }
}
