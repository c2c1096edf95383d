import { UserFacingError } from '../core/errors.ts';
import type { Db } from '../db/database.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { DATE_FIELDS, type ChangeAction, type ChangeEntity } from './change-log.ts';

/** What /undo reverted, for the reply ("Undid: completed todo #12"). */
export interface UndoResult {
  entity: ChangeEntity;
  entityId: number;
  action: ChangeAction;
}

/** The three generic operations undo needs, common to every entity's Prisma delegate. */
interface RowDelegate {
  deleteMany(args: { where: { id: number } }): Promise<unknown>;
  updateMany(args: { where: { id: number }; data: Record<string, unknown> }): Promise<unknown>;
  create(args: { data: Record<string, unknown> }): Promise<unknown>;
}

function delegateFor(tx: Prisma.TransactionClient, entity: ChangeEntity): RowDelegate {
  // The delegates' argument types differ per model; undo only passes rows that came from that model.
  switch (entity) {
    case 'todo':
      return tx.todo as unknown as RowDelegate;
    case 'event':
      return tx.event as unknown as RowDelegate;
    case 'memo':
      return tx.memo as unknown as RowDelegate;
    case 'reminder':
      return tx.reminder as unknown as RowDelegate;
  }
}

/** Turns the JSON of a logged row back into column values (dates were stored as strings). */
export function reviveRow(entity: ChangeEntity, json: string): Record<string, unknown> {
  const row = JSON.parse(json) as Record<string, unknown>;
  for (const field of DATE_FIELDS[entity]) {
    const v = row[field];
    if (typeof v === 'string' || typeof v === 'number') row[field] = new Date(v);
  }
  return row;
}

/**
 * /undo: reverts the user's newest change within the window. It only ever looks at the caller's own
 * ChangeLog rows, claims the row (undoneAt) and reverts it in one transaction, so two /undo taps
 * cannot revert the same change twice. If someone else changed the same item afterwards, restoring
 * would silently discard their change, so it refuses with 'undoConflict'.
 */
export class UndoService {
  constructor(private readonly db: Db) {}

  /** Reverts the newest not-undone change of `userId` made within `windowMs` before `now`; null if none. */
  async undoLast(userId: number, now: Date, windowMs = 10 * 60_000): Promise<UndoResult | null> {
    return this.db.$transaction(async (tx) => {
      const change = await tx.changeLog.findFirst({
        where: { userId, undoneAt: null, createdAt: { gte: new Date(now.getTime() - windowMs), lte: now } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      if (!change) return null;
      const entity = change.entity as ChangeEntity;
      const action = change.action as ChangeAction;
      const later = await tx.changeLog.findFirst({
        where: { entity, entityId: change.entityId, undoneAt: null, id: { gt: change.id } },
        select: { id: true },
      });
      if (later) throw new UserFacingError('undoConflict', { kind: entity });
      const claimed = await tx.changeLog.updateMany({ where: { id: change.id, undoneAt: null }, data: { undoneAt: now } });
      if (claimed.count === 0) return null;
      const rows = delegateFor(tx, entity);
      if (action === 'create') {
        await rows.deleteMany({ where: { id: change.entityId } });
      } else if (change.before !== null) {
        const { id, ...fields } = reviveRow(entity, change.before);
        if (action === 'delete') await rows.create({ data: { id, ...fields } });
        else await rows.updateMany({ where: { id: change.entityId }, data: fields });
      }
      return { entity, entityId: change.entityId, action };
    });
  }

  /** Deletes ChangeLog rows older than `before` (they can no longer be undone); for a periodic job. */
  async prune(before: Date): Promise<number> {
    const { count } = await this.db.changeLog.deleteMany({ where: { createdAt: { lt: before } } });
    return count;
  }
}
