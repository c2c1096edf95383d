import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { StatementCache } from '../../src/db/statement-cache.ts';

const files: string[] = [];
const tempFile = () => {
  const file = path.join(os.tmpdir(), `clawchat-stmt-${randomUUID()}.db`);
  files.push(file);
  return file;
};
afterEach(async () => {
  await Promise.all(files.splice(0).flatMap((f) => ['', '-wal', '-shm'].map((s) => rm(f + s, { force: true }))));
});

describe('prepared statement cache', () => {
  it('is installed on the Prisma connection and reuses one statement for repeated queries', async () => {
    const { db, statements } = await openDatabase(`file:${tempFile()}`);
    try {
      expect(statements, 'the better-sqlite3 adapter no longer exposes its connection: the cache is off').toBeDefined();
      const user = await db.user.create({ data: { displayName: 'Amina' } });
      await db.todo.create({ data: { title: 'warm', ownerId: user.id, createdById: user.id } });
      await db.todo.findFirst({ where: { title: 'warm' } });
      const misses = statements!.misses;
      const hits = statements!.hits;
      for (let i = 0; i < 10; i++) {
        await db.todo.create({ data: { title: `milk ${i}`, ownerId: user.id, createdById: user.id } });
        const found = await db.todo.findFirst({ where: { title: `milk ${i}` } });
        expect(found?.title).toBe(`milk ${i}`);
      }
      expect(statements!.misses - misses).toBe(0);
      expect(statements!.hits - hits).toBeGreaterThanOrEqual(20);
    } finally {
      await db.$disconnect();
    }
  });

  it('keeps Prisma errors intact, and a statement that failed works again with other arguments', async () => {
    const { db } = await openDatabase(`file:${tempFile()}`);
    try {
      const user = await db.user.create({ data: { displayName: 'Bilal' } });
      await db.identity.create({ data: { platform: 'telegram', externalId: '7', userId: user.id, displayName: 'B' } });
      await expect(db.identity.create({ data: { platform: 'telegram', externalId: '7', userId: user.id, displayName: 'B' } }))
        .rejects.toMatchObject({ code: 'P2002' });
      const next = await db.identity.create({ data: { platform: 'telegram', externalId: '8', userId: user.id, displayName: 'B' } });
      expect(next.externalId).toBe('8');
      const rows = await db.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM "Identity" WHERE "userId" = ?', user.id);
      expect(Number(rows[0]!.n)).toBe(2);
    } finally {
      await db.$disconnect();
    }
  });

  it('holds at most its capacity, dropping the least recently used statement', () => {
    const raw = new BetterSqlite3(':memory:');
    try {
      raw.exec('CREATE TABLE t (v INTEGER)');
      const cache = new StatementCache((sql) => raw.prepare(sql), 3);
      const select = (n: number) => cache.prepare(`SELECT ${n} AS v`).raw().all();
      expect(select(1)).toEqual([[1]]);
      select(2);
      select(3);
      select(1); // 1 is now the most recently used
      select(4); // evicts 2
      expect(cache.size).toBe(3);
      expect(cache.misses).toBe(4);
      select(1);
      expect(cache.misses).toBe(4);
      select(2);
      expect(cache.misses).toBe(5);
      const insert = cache.prepare('INSERT INTO t (v) VALUES (?)');
      expect(insert.reader).toBe(false);
      insert.bind([5]).run();
      cache.prepare('INSERT INTO t (v) VALUES (?)').bind([6]).run();
      expect(cache.prepare('SELECT v FROM t ORDER BY v').raw().all()).toEqual([[5], [6]]);
    } finally {
      raw.close();
    }
  });
});
