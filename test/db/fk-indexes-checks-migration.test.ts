import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { applyMigrations, readMigrations } from '../../src/db/migrate.ts';
import { createServices } from '../../src/services/index.ts';
import { makeCtx } from '../helpers/temp-db.ts';

const MIGRATION = '20261204001000_fk_indexes_checks';
const ITEM_TABLES = ['Todo', 'Event', 'Memo'] as const;

const files: string[] = [];
afterEach(async () => {
  await Promise.all(files.splice(0).flatMap((f) => ['', '-wal', '-shm'].map((s) => rm(f + s, { force: true }))));
});

/**
 * A database at the migration before fk_indexes_checks, filled the way the app fills it (rows go
 * through the search triggers), including the two shapes the new CHECK forbids, which the old
 * schema let in.
 */
function populatedOldDatabase(): string {
  const file = path.join(os.tmpdir(), `clawchat-old-${randomUUID()}.db`);
  files.push(file);
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  applyMigrations(raw, readMigrations().filter((m) => m.name < MIGRATION));
  const now = Date.parse('2026-03-11T09:00:00Z');
  const user = (name: string) => Number(raw.prepare(`INSERT INTO "User" ("displayName", "updatedAt") VALUES (?, ?)`).run(name, now).lastInsertRowid);
  const amina = user('Amina');
  const bilal = user('Bilal');
  const space = Number(raw.prepare(`INSERT INTO "Space" ("platform", "externalId", "kind") VALUES ('telegram', '-100', 'group')`).run().lastInsertRowid);
  raw.prepare(`INSERT INTO "SpaceMember" ("spaceId", "userId") VALUES (?, ?), (?, ?)`).run(space, amina, space, bilal);
  const todo = raw.prepare(`INSERT INTO "Todo" ("title", "notes", "ownerId", "spaceId", "createdById", "completedById", "assigneeId", "dueAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const event = raw.prepare(`INSERT INTO "Event" ("title", "startAt", "location", "ownerId", "spaceId", "createdById", "icalUid", "timeZone", "allDay", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const memo = raw.prepare(`INSERT INTO "Memo" ("title", "content", "tags", "ownerId", "spaceId", "createdById", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < 30; i++) {
    const personal = i % 3 !== 0;
    const [ownerId, spaceId] = personal ? [i % 2 ? amina : bilal, null] : [null, space];
    todo.run(`parcel ${i}`, i % 4 ? `note ${i}` : null, ownerId, spaceId, amina, i % 5 ? null : bilal, i % 7 ? null : amina, now + i * 60_000, now);
    event.run(`meeting ${i}`, now + i * 3_600_000, i % 2 ? 'office' : null, ownerId, spaceId, bilal, i % 6 ? null : `uid-${i}`, 'Asia/Karachi', i % 8 ? 0 : 1, now);
    memo.run(i % 2 ? `recipe ${i}` : null, `کتاب ${i} notes`, i % 3 ? 'home' : '', ownerId, spaceId, amina, now);
  }
  // Shapes the new CHECK forbids: both owner and space (filed under the space), and neither.
  todo.run('both owner and space', null, amina, space, amina, null, null, null, now);
  todo.run('orphaned chore', 'no scope', null, null, bilal, null, null, null, now);
  event.run('orphaned concert', now, 'hall', null, null, bilal, null, null, 0, now);
  memo.run('both memo', 'shared grocery list', '', bilal, space, bilal, now);
  // The newest item of each kind deleted: its id must not be handed out again.
  todo.run('deleted', null, amina, null, amina, null, null, null, now);
  event.run('deleted', now, null, amina, null, amina, null, null, 0, now);
  memo.run(null, 'deleted', '', amina, null, amina, now);
  for (const table of ITEM_TABLES) raw.prepare(`DELETE FROM "${table}" WHERE "id" = (SELECT max("id") FROM "${table}")`).run();
  raw.close();
  return file;
}

type Row = Record<string, unknown>;
const rowsOf = (raw: BetterSqlite3.Database, table: string) => raw.prepare(`SELECT * FROM "${table}" ORDER BY "id"`).all() as Row[];

describe(`migration ${MIGRATION} on a populated database`, () => {
  it('keeps every row, puts right the rows with both or neither of owner and space, and keeps search working', async () => {
    const file = populatedOldDatabase();
    const before = new BetterSqlite3(file, { readonly: true });
    const old = Object.fromEntries(ITEM_TABLES.map((t) => [t, rowsOf(before, t)]));
    const oldSequence = Object.fromEntries((before.prepare(`SELECT "name", "seq" FROM "sqlite_sequence"`).all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]));
    const oldTriggers = before.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE type = 'trigger' ORDER BY "name"`).all();
    const counts = (db: BetterSqlite3.Database) => Object.fromEntries(
      ['User', 'Space', 'SpaceMember', ...ITEM_TABLES].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
    );
    const oldCounts = counts(before);
    before.close();
    expect(oldCounts).toMatchObject({ Todo: 32, Event: 31, Memo: 31 });

    const { db, applied } = await openDatabase(`file:${file}`);
    try {
      expect(applied).toContain(MIGRATION);
      const after = new BetterSqlite3(file, { readonly: true });
      try {
        expect(counts(after)).toEqual(oldCounts);
        for (const table of ITEM_TABLES) {
          const now = rowsOf(after, table);
          expect(now.map((r) => r.id), `${table} ids`).toEqual(old[table]!.map((r) => r.id));
          for (const [i, row] of now.entries()) {
            const was = old[table]![i]!;
            const expected = { ...was };
            if (was.ownerId !== null && was.spaceId !== null) expected.ownerId = null;
            if (was.ownerId === null && was.spaceId === null) expected.ownerId = was.createdById;
            expect(row, `${table} ${String(row.id)}`).toEqual(expected);
            expect((row.ownerId === null) !== (row.spaceId === null)).toBe(true);
          }
        }
        // The search triggers are the same ones as before, and the index holds one row per item.
        expect(after.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE type = 'trigger' ORDER BY "name"`).all()).toEqual(oldTriggers);
        const indexed = (after.prepare(`SELECT count(*) AS n FROM "SearchIndex"`).get() as { n: number }).n;
        expect(indexed).toBe(oldCounts.Todo! + oldCounts.Event! + oldCounts.Memo!);
        for (const table of ITEM_TABLES) {
          const seq = (after.prepare(`SELECT "seq" FROM "sqlite_sequence" WHERE "name" = ?`).get(table) as { seq: number }).seq;
          expect(seq, `${table} sequence`).toBe(oldSequence[table]);
        }
        expect(after.prepare(`SELECT count(*) AS n FROM "sqlite_sequence" WHERE "name" LIKE 'new_%'`).get()).toEqual({ n: 0 });
        expect(after.pragma('foreign_key_check')).toEqual([]);
        expect(after.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        after.close();
      }

      const s = createServices(db);
      const [amina, bilal] = await db.user.findMany({ orderBy: { id: 'asc' } });
      const space = await db.space.findFirstOrThrow();
      const aminaCtx = makeCtx(amina!.id);
      const bilalCtx = makeCtx(bilal!.id);
      const spaceCtx = makeCtx(amina!.id, { scope: { kind: 'space', spaceId: space.id } });
      const titles = async (ctx: ReturnType<typeof makeCtx>, query: string) => (await s.search.search(ctx, query, { limit: 50 })).map((h) => `${h.kind}:${h.title}`).sort();

      expect(await titles(bilalCtx, 'orphaned')).toEqual(['event:orphaned concert', 'todo:orphaned chore']);
      expect(await titles(aminaCtx, 'orphaned')).toEqual([]);
      expect(await titles(spaceCtx, 'both')).toEqual(['memo:both memo', 'todo:both owner and space']);
      expect(await titles(aminaCtx, 'both')).toEqual([]);
      expect(await titles(aminaCtx, 'parcel 1')).toContain('todo:parcel 1');
      expect(await titles(spaceCtx, 'meeting')).toHaveLength(10);
      expect((await s.search.search(bilalCtx, 'کتاب', { limit: 50 })).length).toBe(10);

      // New items get fresh ids (a deleted item's id is never reused), and go through the index.
      const oldMaxTodo = Math.max(...old.Todo!.map((r) => r.id as number));
      const fresh = await s.todos.create(aminaCtx, { title: 'fresh kite' });
      expect(fresh.id).toBe(oldMaxTodo + 2);
      expect(await titles(aminaCtx, 'kite')).toEqual(['todo:fresh kite']);
      await expect(db.memo.create({ data: { content: 'x', createdById: amina!.id, ownerId: amina!.id, spaceId: space.id } }))
        .rejects.toThrow('CHECK constraint failed: Memo_owner_xor_space');
    } finally {
      await db.$disconnect();
    }
  });

  it('applies to an empty database too, and ids still start at 1', async () => {
    const file = path.join(os.tmpdir(), `clawchat-empty-${randomUUID()}.db`);
    files.push(file);
    const { db } = await openDatabase(`file:${file}`);
    try {
      expect(await db.$queryRawUnsafe(`SELECT count(*) AS n FROM "sqlite_sequence" WHERE "seq" > 0 OR "name" LIKE 'new_%'`)).toEqual([{ n: 0n }]);
      const user = await db.user.create({ data: { displayName: 'First' } });
      expect((await db.todo.create({ data: { title: 'one', ownerId: user.id, createdById: user.id } })).id).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });
});
