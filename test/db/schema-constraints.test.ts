import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createTempDb, makeUser } from '../helpers/temp-db.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'clawchat-constraints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ForeignKey { table: string; columns: string[]; references: string }

/** Every foreign key of the migrated schema, its columns in key order. */
function foreignKeys(db: BetterSqlite3.Database): ForeignKey[] {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[])
    .map((t) => t.name);
  const keys: ForeignKey[] = [];
  for (const table of tables) {
    const rows = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { id: number; seq: number; table: string; from: string }[];
    for (const id of new Set(rows.map((r) => r.id))) {
      const parts = rows.filter((r) => r.id === id).sort((a, b) => a.seq - b.seq);
      keys.push({ table, columns: parts.map((p) => p.from), references: parts[0]!.table });
    }
  }
  return keys;
}

/** The column lists of every index on `table` (including the primary key's and UNIQUE ones). */
function indexColumns(db: BetterSqlite3.Database, table: string): string[][] {
  const indexes = db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string }[];
  return indexes.map((i) => (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { seqno: number; name: string }[])
    .sort((a, b) => a.seqno - b.seqno).map((c) => c.name));
}

describe('foreign keys', () => {
  const db = new BetterSqlite3(path.join(dir, 'fk.db'));
  applyMigrations(db);
  afterAll(() => db.close());
  const keys = foreignKeys(db);

  it('each lead some index, so cascades, SET NULLs and merges seek instead of scanning the table', () => {
    expect(keys.length).toBeGreaterThanOrEqual(24);
    const unindexed = keys
      .filter((key) => !indexColumns(db, key.table).some((index) => key.columns.every((column, i) => index[i] === column)))
      .map((key) => `${key.table}(${key.columns.join(', ')}) -> ${key.references}`);
    expect(unindexed, 'foreign keys with no index leading with their columns').toEqual([]);
  });

  it('none refers to Todo, Event or Memo (the fk_indexes_checks rebuild drops those tables with foreign keys on)', () => {
    expect(keys.filter((key) => ['Todo', 'Event', 'Memo'].includes(key.references))).toEqual([]);
  });
});

describe('an item has exactly one of owner or space (through Prisma)', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let userId: number;
  let spaceId: number;
  beforeEach(async () => {
    ({ db, cleanup } = await createTempDb());
    userId = (await makeUser(db)).id;
    spaceId = (await db.space.create({ data: { platform: 'telegram', externalId: '-100', kind: 'group' } })).id;
  });
  afterEach(async () => cleanup());

  const owners = () => ({
    both: { ownerId: userId, spaceId },
    neither: { ownerId: null, spaceId: null },
  });
  const creates = {
    Todo: (data: { ownerId: number | null; spaceId: number | null }) => db.todo.create({ data: { title: 'x', createdById: userId, ...data } }),
    Event: (data: { ownerId: number | null; spaceId: number | null }) => db.event.create({ data: { title: 'x', startAt: new Date(0), createdById: userId, ...data } }),
    Memo: (data: { ownerId: number | null; spaceId: number | null }) => db.memo.create({ data: { content: 'x', createdById: userId, ...data } }),
  };

  for (const [table, create] of Object.entries(creates)) {
    it(`${table}: an insert with both or with neither fails with the CHECK constraint error`, async () => {
      for (const [shape, data] of Object.entries(owners())) {
        await expect(create(data), `${table} with ${shape}`).rejects.toThrow(`CHECK constraint failed: ${table}_owner_xor_space`);
      }
      await expect(create({ ownerId: userId, spaceId: null })).resolves.toMatchObject({ ownerId: userId, spaceId: null });
      await expect(create({ ownerId: null, spaceId })).resolves.toMatchObject({ ownerId: null, spaceId });
    });
  }

  it('an update that would leave both or neither fails and changes nothing', async () => {
    const todo = await creates.Todo({ ownerId: userId, spaceId: null });
    await expect(db.todo.update({ where: { id: todo.id }, data: { spaceId } })).rejects.toThrow('CHECK constraint failed: Todo_owner_xor_space');
    await expect(db.todo.update({ where: { id: todo.id }, data: { ownerId: null } })).rejects.toThrow('CHECK constraint failed: Todo_owner_xor_space');
    await expect(db.todo.findUniqueOrThrow({ where: { id: todo.id } })).resolves.toMatchObject({ ownerId: userId, spaceId: null });
    // Moving an item to a space in one statement is still allowed.
    await expect(db.todo.update({ where: { id: todo.id }, data: { ownerId: null, spaceId } })).resolves.toMatchObject({ ownerId: null, spaceId });
  });
});
