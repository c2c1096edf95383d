import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { systemClock, type Clock } from '../core/clock.ts';

/** Where the SQL migrations live, in Prisma's own folder layout. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

/** One migration folder: `<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Reads the migration folders in name (timestamp) order. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// The bookkeeping table exactly as `prisma migrate deploy` creates it on SQLite, so both agree.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Raised when the database holds a migration whose file was edited after it was applied. */
export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(`Migration ${migration} was changed after it was applied to this database; refusing to start.`);
    this.name = 'MigrationChecksumError';
  }
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each inside its own transaction,
 * and records it with Prisma's checksum (sha256 of the file) so `prisma migrate deploy` on a machine
 * with the schema engine sees the same history. Returns the names it applied.
 */
export function applyMigrations(db: BetterSqlite3.Database, migrations = readMigrations(), clock: Pick<Clock, 'now'> = systemClock): string[] {
  db.exec(CREATE_MIGRATIONS_TABLE);
  const applied = new Map(
    (db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
      .all() as { migration_name: string; checksum: string }[]).map((r) => [r.migration_name, r.checksum]),
  );
  const record = db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
    VALUES (?, ?, ?, ?, ?, 1)`);
  const done: string[] = [];
  for (const m of migrations) {
    const known = applied.get(m.name);
    if (known !== undefined) {
      if (known !== m.checksum) throw new MigrationChecksumError(m.name);
      continue;
    }
    const startedAt = clock.now().toISOString();
    db.transaction(() => {
      db.exec(m.sql);
      record.run(randomUUID(), m.checksum, clock.now().toISOString(), m.name, startedAt);
    }).immediate();
    done.push(m.name);
  }
  return done;
}
