import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import type { Scope, ServiceContext } from '../../src/services/scope.ts';

/**
 * A fresh, migrated SQLite file in the OS temp folder: tests run against the real schema, triggers
 * and FTS index instead of mocks. `cleanup` disconnects and deletes the file and its WAL.
 */
export async function createTempDb(): Promise<{ db: Db; file: string; cleanup(): Promise<void> }> {
  const file = path.join(os.tmpdir(), `clawchat-test-${randomUUID()}.db`);
  const { db } = await openDatabase('file:' + file);
  return {
    db,
    file,
    async cleanup() {
      await db.$disconnect();
      await Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(file + s, { force: true })));
    },
  };
}

/** Creates a user row directly (no identity), for service tests. */
export async function makeUser(db: Db, displayName = 'Test User', timezone = 'Asia/Karachi'): Promise<{ id: number; displayName: string }> {
  return db.user.create({ data: { displayName, timezone }, select: { id: true, displayName: true } });
}

/** A service context for `userId`, personal by default; pass `scope` for a space. */
export function makeCtx(
  userId: number,
  options: { scope?: Scope; timeZone?: string; now?: Date; isSpaceAdmin?: boolean } = {},
): ServiceContext {
  return {
    userId,
    scope: options.scope ?? { kind: 'personal', userId },
    isSpaceAdmin: options.isSpaceAdmin ?? false,
    timeZone: options.timeZone ?? 'Asia/Karachi',
    now: options.now ?? new Date('2026-03-11T09:00:00Z'),
  };
}

/**
 * A temporary database with services for one test file: made before the file's tests, deleted after.
 * `ready` receives both once they exist (test files keep them in their own `let`s).
 */
export function useServiceDb(ready: (fixture: { db: Db; s: Services }) => void | Promise<void>): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const t = await createTempDb();
    cleanup = t.cleanup;
    await ready({ db: t.db, s: createServices(t.db) });
  });
  afterAll(async () => { await cleanup?.(); });
}
