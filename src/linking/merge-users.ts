import type { Db } from '../db/database.ts';
import type { Prisma } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/** What a merge did, for the reply and the logs; ids let the caller re-plan reminders. */
export interface MergeSummary {
  moved: number;
  merged: number;
  todoIds: number[];
  eventIds: number[];
  reminderIds: number[];
}

/** Same text for duplicate detection: case, spacing and Unicode form ignored. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const PRIORITY_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };

/**
 * Joins user `otherId` into `survivorId` in one transaction: personal todos, events, memos,
 * reminders, notifications, background tasks, conversations, space memberships, token usage and
 * identities move over; shared items the other created stay in their space under the survivor's
 * name (their creator row must not cascade away). Items that exist on both sides (same title and
 * due/start, same memo text, same reminder text and time) are kept once, with the survivor's copy
 * filled in from the other's. Settings: the survivor's where set, else the other's. Finally the
 * other user row is deleted. Caches and reminder plans are the caller's business.
 */
export async function mergeUsers(db: Db, survivorId: number, otherId: number, now: Date): Promise<MergeSummary> {
  if (survivorId === otherId) throw new Error('cannot merge a user into itself');
  return db.$transaction(async (tx) => {
    let merged = 0;
    merged += await mergeTodos(tx, survivorId, otherId, now);
    merged += await mergeEvents(tx, survivorId, otherId, now);
    merged += await mergeMemos(tx, survivorId, otherId);
    merged += await mergeReminders(tx, survivorId, otherId, now);
    const [todos, events, memos, reminders] = await Promise.all([
      tx.todo.findMany({ where: { ownerId: otherId }, select: { id: true } }),
      tx.event.findMany({ where: { ownerId: otherId }, select: { id: true } }),
      tx.memo.count({ where: { ownerId: otherId } }),
      tx.reminder.findMany({ where: { userId: otherId }, select: { id: true } }),
    ]);
    const move = (table: string, column: string) =>
      tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = ? WHERE "${column}" = ?`, survivorId, otherId);
    for (const column of ['ownerId', 'createdById', 'completedById', 'assigneeId']) await move('Todo', column);
    for (const column of ['ownerId', 'createdById']) await move('Event', column);
    for (const column of ['ownerId', 'createdById']) await move('Memo', column);
    // The other's daily briefing is planned per user; the survivor's is re-planned afterwards.
    await tx.notification.updateMany({ where: { userId: otherId, sourceType: 'briefing', status: 'pending' }, data: { status: 'cancelled', updatedAt: now } });
    for (const table of ['Reminder', 'Notification', 'AgentTask', 'Conversation', 'Identity', 'MessageItem']) await move(table, 'userId');
    await tx.$executeRawUnsafe(
      `UPDATE "LlmUsage" AS s SET
         "promptTokens" = s."promptTokens" + (SELECT o."promptTokens" FROM "LlmUsage" AS o WHERE o."userId" = ? AND o."day" = s."day"),
         "completionTokens" = s."completionTokens" + (SELECT o."completionTokens" FROM "LlmUsage" AS o WHERE o."userId" = ? AND o."day" = s."day"),
         "requests" = s."requests" + (SELECT o."requests" FROM "LlmUsage" AS o WHERE o."userId" = ? AND o."day" = s."day")
       WHERE s."userId" = ? AND s."day" IN (SELECT "day" FROM "LlmUsage" WHERE "userId" = ?)`,
      otherId, otherId, otherId, survivorId, otherId,
    );
    await tx.$executeRawUnsafe(`DELETE FROM "LlmUsage" WHERE "userId" = ? AND "day" IN (SELECT "day" FROM "LlmUsage" WHERE "userId" = ?)`, otherId, survivorId);
    await move('LlmUsage', 'userId');
    await tx.$executeRawUnsafe(
      `UPDATE "SpaceMember" SET "isAdmin" = 1 WHERE "userId" = ? AND "spaceId" IN (SELECT "spaceId" FROM "SpaceMember" WHERE "userId" = ? AND "isAdmin" = 1)`,
      survivorId, otherId,
    );
    await tx.$executeRawUnsafe(
      `INSERT OR IGNORE INTO "SpaceMember" ("spaceId", "userId", "isAdmin", "joinedAt") SELECT "spaceId", ?, "isAdmin", "joinedAt" FROM "SpaceMember" WHERE "userId" = ?`,
      survivorId, otherId,
    );
    await mergeSettings(tx, survivorId, otherId);
    await tx.user.delete({ where: { id: otherId } });
    return {
      moved: todos.length + events.length + memos + reminders.length, merged,
      todoIds: todos.map((t) => t.id), eventIds: events.map((e) => e.id), reminderIds: reminders.map((r) => r.id),
    };
  });
}

async function cancelNotifications(tx: Tx, sourceType: string, sourceIds: number[], now: Date): Promise<void> {
  if (sourceIds.length) await tx.notification.updateMany({ where: { sourceType, sourceId: { in: sourceIds }, status: 'pending' }, data: { status: 'cancelled', updatedAt: now } });
}

async function mergeTodos(tx: Tx, s: number, o: number, now: Date): Promise<number> {
  const [mine, theirs] = await Promise.all([
    tx.todo.findMany({ where: { ownerId: s, spaceId: null } }),
    tx.todo.findMany({ where: { ownerId: o, spaceId: null } }),
  ]);
  const dropped: number[] = [];
  for (const t of theirs) {
    const twin = mine.find((m) => sameText(m.title, t.title) && sameTime(m.dueAt, t.dueAt));
    if (!twin) continue;
    const keepOpen = twin.status === 'open' || t.status === 'open';
    await tx.todo.update({
      where: { id: twin.id },
      data: {
        notes: twin.notes ?? t.notes, recurrence: twin.recurrence ?? t.recurrence,
        priority: (PRIORITY_RANK[t.priority] ?? 1) > (PRIORITY_RANK[twin.priority] ?? 1) ? t.priority : twin.priority,
        // Still to do on either account means still to do.
        ...(keepOpen && twin.status !== 'open' ? { status: 'open', completedAt: null, completedById: null } : {}),
      },
    });
    dropped.push(t.id);
  }
  await cancelNotifications(tx, 'todo', dropped, now);
  if (dropped.length) await tx.todo.deleteMany({ where: { id: { in: dropped } } });
  return dropped.length;
}

async function mergeEvents(tx: Tx, s: number, o: number, now: Date): Promise<number> {
  const [mine, theirs] = await Promise.all([
    tx.event.findMany({ where: { ownerId: s, spaceId: null } }),
    tx.event.findMany({ where: { ownerId: o, spaceId: null } }),
  ]);
  const dropped: number[] = [];
  for (const e of theirs) {
    const twin = mine.find((m) => sameText(m.title, e.title) && sameTime(m.startAt, e.startAt));
    if (!twin) continue;
    await tx.event.update({
      where: { id: twin.id },
      data: {
        endAt: twin.endAt ?? e.endAt, location: twin.location ?? e.location, notes: twin.notes ?? e.notes,
        recurrence: twin.recurrence ?? e.recurrence, reminderLeadMinutes: twin.reminderLeadMinutes ?? e.reminderLeadMinutes, icalUid: twin.icalUid ?? e.icalUid,
      },
    });
    dropped.push(e.id);
  }
  await cancelNotifications(tx, 'event', dropped, now);
  if (dropped.length) await tx.event.deleteMany({ where: { id: { in: dropped } } });
  return dropped.length;
}

async function mergeMemos(tx: Tx, s: number, o: number): Promise<number> {
  const [mine, theirs] = await Promise.all([
    tx.memo.findMany({ where: { ownerId: s, spaceId: null } }),
    tx.memo.findMany({ where: { ownerId: o, spaceId: null } }),
  ]);
  const dropped: number[] = [];
  for (const m of theirs) {
    const twin = mine.find((x) => sameText(x.content, m.content) && sameText(x.title, m.title));
    if (!twin) continue;
    const tags = [...new Set([...twin.tags.split(' '), ...m.tags.split(' ')].filter(Boolean))].join(' ');
    if (tags !== twin.tags) await tx.memo.update({ where: { id: twin.id }, data: { tags } });
    dropped.push(m.id);
  }
  if (dropped.length) await tx.memo.deleteMany({ where: { id: { in: dropped } } });
  return dropped.length;
}

async function mergeReminders(tx: Tx, s: number, o: number, now: Date): Promise<number> {
  const [mine, theirs] = await Promise.all([
    tx.reminder.findMany({ where: { userId: s } }),
    tx.reminder.findMany({ where: { userId: o } }),
  ]);
  const dropped: number[] = [];
  for (const r of theirs) {
    const twin = mine.find((m) => sameText(m.text, r.text) && sameTime(m.at, r.at) && (m.recurrence ?? '') === (r.recurrence ?? ''));
    if (!twin) continue;
    if (twin.status !== 'pending' && r.status === 'pending') await tx.reminder.update({ where: { id: twin.id }, data: { status: 'pending' } });
    dropped.push(r.id);
  }
  await cancelNotifications(tx, 'reminder', dropped, now);
  if (dropped.length) await tx.reminder.deleteMany({ where: { id: { in: dropped } } });
  return dropped.length;
}

async function mergeSettings(tx: Tx, s: number, o: number): Promise<void> {
  const [a, b] = await Promise.all([tx.user.findUniqueOrThrow({ where: { id: s } }), tx.user.findUniqueOrThrow({ where: { id: o } })]);
  await tx.user.update({
    where: { id: s },
    data: {
      timezone: a.timezone ?? b.timezone,
      language: a.language ?? b.language,
      briefingTime: a.briefingTime ?? b.briefingTime,
      briefingEnabled: a.briefingEnabled || (!a.briefingTime && b.briefingEnabled),
      reminderLeadMinutes: a.reminderLeadMinutes || b.reminderLeadMinutes,
    },
  });
}
