/**
 * What the outbox knows about reminders that the Reminder table does not: the reminders of todos
 * and events (planned from their items, listed beside standalone reminders) and which reminder was
 * delivered last in a chat ("snooze that"). Read-only; both scoped like every other query.
 */
import type { Db } from '../db/database.ts';
import type { ServiceContext } from './scope.ts';

/** A todo's or event's upcoming reminder, as its outbox row has it. */
export interface ItemReminder {
  kind: 'todo' | 'event';
  itemId: number;
  title: string;
  /** When the reminder fires. */
  at: Date;
  recurring: boolean;
}

/** The reminder most recently delivered to a chat. */
export interface DeliveredReminder {
  notificationId: number;
  sourceType: 'reminder' | 'todo' | 'event';
  sourceId: number;
  title: string;
}

function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const s = String(v);
  return /^\d+$/.test(s) ? new Date(Number(s)) : new Date(s);
}

function payloadOf(text: unknown): { title?: string; recurring?: boolean } {
  try {
    const v: unknown = JSON.parse(String(text ?? '{}'));
    return v && typeof v === 'object' ? (v as { title?: string; recurring?: boolean }) : {};
  } catch {
    return {};
  }
}

/** The SQL condition (and params) selecting items of the context's scope in table alias `i`. */
function itemScope(ctx: ServiceContext): { sql: string; params: number[] } {
  return ctx.scope.kind === 'personal'
    ? { sql: 'i."ownerId" = ? AND i."spaceId" IS NULL', params: [ctx.scope.userId] }
    : { sql: 'i."spaceId" = ?', params: [ctx.scope.spaceId] };
}

/**
 * Upcoming reminders of the scope's todos and events (their pending outbox rows), soonest first, one
 * per item. In a DM only those that come to the acting user; in a group those of the group's items.
 */
export async function upcomingItemReminders(db: Db, ctx: ServiceContext, options: { until?: Date; limit?: number } = {}): Promise<ItemReminder[]> {
  const scope = itemScope(ctx);
  const mine = ctx.scope.kind === 'personal' ? ' AND n."userId" = ?' : '';
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT n."sourceType" AS kind, n."sourceId" AS itemId, n."dueAt" AS at, n."payload" AS payload FROM "Notification" n
      WHERE n."status" = 'pending' AND n."dueAt" < ?${mine}
        AND ((n."sourceType" = 'todo' AND n."sourceId" IN (SELECT i."id" FROM "Todo" i WHERE ${scope.sql} AND i."status" = 'open'))
          OR (n."sourceType" = 'event' AND n."sourceId" IN (SELECT i."id" FROM "Event" i WHERE ${scope.sql})))
      ORDER BY n."dueAt", n."id" LIMIT ?`,
    options.until ?? new Date('9999-12-31T00:00:00Z'), ...(mine ? [ctx.userId] : []), ...scope.params, ...scope.params, Math.max(1, Math.min(options.limit ?? 50, 200)),
  );
  const seen = new Set<string>();
  const out: ItemReminder[] = [];
  for (const r of rows) {
    const key = `${String(r.kind)}:${Number(r.itemId)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = payloadOf(r.payload);
    out.push({ kind: r.kind === 'event' ? 'event' : 'todo', itemId: Number(r.itemId), title: p.title ?? '', at: toDate(r.at), recurring: !!p.recurring });
  }
  return out;
}

/**
 * The reminder (standalone, todo or event) delivered last to this chat: in a DM the acting user's
 * direct ones, in a group the ones posted in `groupTarget` (the group chat's outbox target).
 */
export async function lastDelivered(db: Db, ctx: ServiceContext, groupTarget: string | null): Promise<DeliveredReminder | null> {
  const where = ctx.scope.kind === 'personal' || groupTarget === null
    ? { sql: `"userId" = ? AND ("target" IS NULL OR "target" NOT LIKE 'chat:%')`, params: [ctx.userId] as unknown[] }
    : { sql: `"target" = ?`, params: [groupTarget] as unknown[] };
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "id", "sourceType", "sourceId", "payload" FROM "Notification"
      WHERE "status" = 'sent' AND "sourceType" IN ('reminder', 'todo', 'event') AND "sourceId" IS NOT NULL AND ${where.sql}
      ORDER BY "sentAt" DESC, "id" DESC LIMIT 1`,
    ...where.params,
  );
  if (!row) return null;
  return {
    notificationId: Number(row.id), sourceType: row.sourceType as DeliveredReminder['sourceType'],
    sourceId: Number(row.sourceId), title: payloadOf(row.payload).title ?? '',
  };
}
