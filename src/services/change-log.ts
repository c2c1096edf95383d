import type { Db } from '../db/database.ts';

/** The kinds of rows /undo can restore. */
export type ChangeEntity = 'todo' | 'event' | 'memo' | 'reminder';

/** What a change did; undo reverses each differently (delete, restore fields, re-insert). */
export type ChangeAction = 'create' | 'update' | 'complete' | 'delete';

/**
 * Columns holding dates per entity. `before` is stored as JSON, where dates become strings; undo
 * needs to know which fields to turn back into Date objects.
 */
export const DATE_FIELDS: Record<ChangeEntity, readonly string[]> = {
  todo: ['dueAt', 'completedAt', 'createdAt', 'updatedAt'],
  event: ['startAt', 'endAt', 'createdAt', 'updatedAt'],
  memo: ['createdAt', 'updatedAt'],
  reminder: ['at', 'createdAt', 'updatedAt'],
};

/**
 * The ChangeLog insert that records `before` (the full row, null for a create). Returned unexecuted
 * so callers put it in the same transaction as the change itself. `at` is the context's injected
 * time, so the undo window is measured on the same clock as the rest of the request.
 */
export function logChange(
  db: Pick<Db, 'changeLog'>,
  userId: number,
  entity: ChangeEntity,
  entityId: number,
  action: ChangeAction,
  before: object | null,
  at: Date,
) {
  return db.changeLog.create({
    data: { userId, entity, entityId, action, before: before === null ? null : JSON.stringify(before), createdAt: at },
    select: { id: true },
  });
}

const TABLES: Record<ChangeEntity, string> = { todo: 'Todo', event: 'Event', memo: 'Memo', reminder: 'Reminder' };

/**
 * The ChangeLog row of a create, for a batch `$transaction([create, logCreate(...)])`: the new id
 * is not known when the batch is built, so it is read from `sqlite_sequence` (the tables use
 * AUTOINCREMENT), which inside the transaction holds exactly the id just inserted. This keeps a
 * create to one batch instead of an interactive transaction (~2-3x slower with Prisma).
 */
export function logCreate(db: Pick<Db, '$executeRawUnsafe'>, userId: number, entity: ChangeEntity, at: Date) {
  return db.$executeRawUnsafe(
    `INSERT INTO "ChangeLog" ("userId", "entity", "entityId", "action", "before", "createdAt")
     SELECT ?, ?, "seq", 'create', NULL, ? FROM "sqlite_sequence" WHERE "name" = ?`,
    userId, entity, at, TABLES[entity],
  );
}
