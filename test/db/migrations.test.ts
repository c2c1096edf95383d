import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_DIR, MigrationChecksumError, readMigrations } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/database.ts';

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

/** Models and their scalar fields, read from schema.prisma itself (so a new field needs a migration). */
function schemaModels(): Map<string, string[]> {
  const text = readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');
  const models = new Map<string, string[]>();
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = m[2]!.split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('//') && !l.startsWith('@@'))
      .map((l) => l.split(/\s+/))
      .filter(([, type]) => type !== undefined && SCALARS.has(type.replace(/[?[\]]/g, '')))
      .map(([name]) => name!);
    models.set(m[1]!, fields);
  }
  return models;
}

/** An index Prisma would create: its default name, whether it is unique, and its columns in order. */
interface IndexShape { name: string; unique: boolean; columns: string[] }

/** The indexes schema.prisma declares (`@@index`, `@@unique`, a field's `@unique`), by model. */
function schemaIndexes(): Map<string, IndexShape[]> {
  const text = readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');
  const indexes = new Map<string, IndexShape[]>();
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const model = m[1]!;
    const shapes: IndexShape[] = [];
    for (const line of m[2]!.split('\n').map((l) => l.trim())) {
      const block = /^@@(index|unique)\(\[([^\]]+)\]/.exec(line);
      const field = /^(\w+)\s+\S+.*\s@unique\b/.exec(line);
      const columns = block ? block[2]!.split(',').map((c) => c.trim()) : field ? [field[1]!] : undefined;
      if (!columns) continue;
      const unique = block ? block[1] === 'unique' : true;
      shapes.push({ name: `${model}_${columns.join('_')}_${unique ? 'key' : 'idx'}`, unique, columns });
    }
    indexes.set(model, shapes);
  }
  return indexes;
}

const dir = mkdtempSync(path.join(tmpdir(), 'clawchat-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('create every model and scalar field of schema.prisma', () => {
    const db = new BetterSqlite3(path.join(dir, 'fresh.db'));
    applyMigrations(db);
    const models = schemaModels();
    expect(models.size).toBeGreaterThanOrEqual(13);
    for (const [model, fields] of models) {
      const columns = (db.prepare(`PRAGMA table_info("${model}")`).all() as { name: string }[]).map((c) => c.name);
      expect(columns, `table ${model}`).not.toHaveLength(0);
      for (const field of fields) expect(columns, `${model}.${field}`).toContain(field);
    }
    db.close();
  });

  it('create exactly the indexes schema.prisma declares, under Prisma\'s names', () => {
    const db = new BetterSqlite3(path.join(dir, 'indexes.db'));
    applyMigrations(db);
    for (const [model, declared] of schemaIndexes()) {
      const created = (db.prepare(`PRAGMA index_list("${model}")`).all() as { name: string; unique: number; origin: string }[])
        .filter((i) => i.origin === 'c') // CREATE INDEX; the primary key's own index is the table's business
        .map((i) => ({
          name: i.name,
          unique: i.unique === 1,
          columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
        }));
      const byName = (a: IndexShape, b: IndexShape) => a.name.localeCompare(b.name);
      expect(created.sort(byName), `indexes of ${model}`).toEqual([...declared].sort(byName));
    }
    db.close();
  });

  it('record each migration with Prisma\'s checksum, and apply nothing twice', () => {
    const db = new BetterSqlite3(path.join(dir, 'twice.db'));
    const first = applyMigrations(db);
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(applyMigrations(db)).toEqual([]);
    const rows = db.prepare('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name').all() as {
      migration_name: string; checksum: string; finished_at: string | null; applied_steps_count: number;
    }[];
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    for (const r of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'));
      expect(r.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(r.finished_at).not.toBeNull();
    }
    db.close();
  });

  it('refuse a migration that was edited after it was applied', () => {
    const copy = path.join(dir, 'migrations-copy');
    cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    const db = new BetterSqlite3(path.join(dir, 'edited.db'));
    applyMigrations(db, readMigrations(copy));
    const first = readMigrations(copy)[0]!;
    writeFileSync(path.join(copy, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
    expect(() => applyMigrations(db, readMigrations(copy))).toThrow(MigrationChecksumError);
    db.close();
  });

  it('roll back a failing migration completely', () => {
    const broken = path.join(dir, 'broken');
    mkdirSync(path.join(broken, '20990101000000_bad'), { recursive: true });
    writeFileSync(path.join(broken, '20990101000000_bad', 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nTHIS IS NOT SQL;');
    const db = new BetterSqlite3(path.join(dir, 'broken.db'));
    expect(() => applyMigrations(db, readMigrations(broken))).toThrow();
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Half'`).get()).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM _prisma_migrations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('hand task results finished but not delivered before the outbox took them over to the outbox, once', () => {
    const db = new BetterSqlite3(path.join(dir, 'task-results.db'));
    const all = readMigrations();
    applyMigrations(db, all.filter((m) => m.name < '20261204000800_task_results'));
    const at = '2026-11-20T10:00:00.000+00:00';
    db.prepare(`INSERT INTO "User" ("id","displayName","updatedAt") VALUES (1,'Ayesha',?)`).run(at);
    const task = db.prepare(`INSERT INTO "AgentTask" ("userId","instruction","status","result","error","platform","language","createdAt","finishedAt","deliveredAt") VALUES (1,?,?,?,?,'telegram',?,?,?,?)`);
    task.run('done, undelivered', 'done', 'the report', null, 'ur', at, at, null);
    task.run('failed, undelivered', 'failed', null, 'timeout', 'en', at, at, null);
    task.run('done, delivered', 'done', 'old news', null, 'en', at, at, at);
    task.run('still queued', 'queued', null, null, 'en', at, null, null);
    expect(applyMigrations(db, all)).toEqual(all.filter((m) => m.name >= '20261204000800_task_results').map((m) => m.name));
    const rows = db.prepare(`SELECT "kind","userId","sourceType","sourceId","platform","payload","dueAt","status","dedupeKey" FROM "Notification" ORDER BY "id"`).all() as Record<string, unknown>[];
    expect(rows.map((r) => ({ ...r, payload: JSON.parse(String(r.payload)) }))).toEqual([
      { kind: 'task', userId: 1, sourceType: 'agentTask', sourceId: 1, platform: 'telegram', dueAt: at, status: 'pending', dedupeKey: 'task:1',
        payload: { taskId: 1, taskStatus: 'done', result: 'the report', reason: null, language: 'ur' } },
      { kind: 'task', userId: 1, sourceType: 'agentTask', sourceId: 2, platform: 'telegram', dueAt: at, status: 'pending', dedupeKey: 'task:2',
        payload: { taskId: 2, taskStatus: 'failed', result: null, reason: 'timeout', language: 'en' } },
    ]);
    db.close();
  });

  it('open the app database in WAL mode with the search index and its triggers', async () => {
    const { db } = await openDatabase(`file:${path.join(dir, 'app.db')}`);
    const [{ journal_mode }] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode') as [{ journal_mode: string }];
    expect(journal_mode).toBe('wal');
    const triggers = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
    expect(triggers.map((t) => t.name)).toEqual(expect.arrayContaining(['Todo_search_insert', 'Event_search_update', 'Memo_search_delete']));
    const user = await db.user.create({ data: { displayName: 'Ayesha' } });
    await db.memo.create({ data: { content: 'دودھ اور انڈے لانا', ownerId: user.id, createdById: user.id } });
    await db.memo.create({ data: { content: 'کِتاب پڑھنا', ownerId: user.id, createdById: user.id } });
    const hits = await db.$queryRawUnsafe<{ rowid: bigint }[]>(`SELECT rowid FROM SearchIndex WHERE SearchIndex MATCH '"دودھ"'`);
    expect(hits).toHaveLength(1);
    expect(Number(hits[0]!.rowid)).toBe(user.id * 2 * 2 ** 33 + 1 * 4 + 3); // personal scope, memo 1
    // Vowel marks are stripped in the index, so the plain spelling finds the marked one.
    expect(await db.$queryRawUnsafe(`SELECT rowid FROM SearchIndex WHERE SearchIndex MATCH '"کتاب"'`)).toHaveLength(1);
    await db.$disconnect();
  });
});
