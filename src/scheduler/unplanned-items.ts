/**
 * Start-up repair of the outbox: finds items that should have a notification row for their next
 * occurrence and have none (a process that died between writing an item and planning it, before
 * both happened in one transaction, or a database restored from a backup), and plans them. One
 * bounded query per kind finds the candidates through the outbox's unique key, so it costs the same
 * whether there are ten items or a million, and only the unplanned ones are touched.
 */
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_EVENT_LEAD_MINUTES, type ReminderPlanner } from './reminder-planner.ts';

/** The outbox key of an occurrence, built in SQL exactly as the planner builds it (`<kind>:<id>:<ISO time>`). */
const keyOf = (kind: string, idCol: string, timeCol: string): string => `'${kind}:' || ${idCol} || ':' || strftime('%Y-%m-%dT%H:%M:%fZ', ${timeCol})`;

/** A row exists for that occurrence and was not cancelled. */
const planned = (key: string): string => `EXISTS (SELECT 1 FROM "Notification" n WHERE n."dedupeKey" = ${key} AND n."status" <> 'cancelled')`;

/** Items found unplanned, by kind. */
export interface UnplannedItems {
  todos: number[];
  events: number[];
  reminders: number[];
}

/**
 * Ids of items lacking their next notification row, at most `limit` of each kind: open todos due
 * from now on, pending reminders (a past one still owes its late delivery), one-off events whose
 * reminder time is still ahead, and repeating events with no pending row.
 */
export async function findUnplannedItems(db: Db, now: Date, limit = 1_000): Promise<UnplannedItems> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const ids = (rows: { id: number | bigint }[]) => rows.map((r) => Number(r.id));
  const todos = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT t."id" FROM "Todo" t WHERE t."status" = 'open' AND t."dueAt" IS NOT NULL AND t."dueAt" >= ?
       AND NOT ${planned(keyOf('todo', 't."id"', 't."dueAt"'))} LIMIT ?`,
    now, limit,
  );
  const reminders = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT r."id" FROM "Reminder" r WHERE r."status" = 'pending' AND NOT ${planned(keyOf('reminder', 'r."id"', 'r."at"'))} LIMIT ?`,
    limit,
  );
  const events = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT e."id" FROM "Event" e WHERE
       (e."recurrence" IS NULL AND CAST(strftime('%s', e."startAt") AS INTEGER) - COALESCE(e."reminderLeadMinutes", ?) * 60 >= ?
          AND NOT ${planned(keyOf('event', 'e."id"', 'e."startAt"'))})
       OR (e."recurrence" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."sourceType" = 'event' AND n."sourceId" = e."id" AND n."status" IN ('pending', 'claimed')))
     LIMIT ?`,
    DEFAULT_EVENT_LEAD_MINUTES, nowSeconds, limit,
  );
  return { todos: ids(todos), events: ids(events), reminders: ids(reminders) };
}

/** Plans every item `findUnplannedItems` reports; returns how many were looked at. */
export async function replanUnplannedItems(deps: { db: Db; clock: Clock; planner: ReminderPlanner; logger: Logger }): Promise<number> {
  const found = await findUnplannedItems(deps.db, deps.clock.now());
  for (const id of found.todos) await deps.planner.planTodo(id);
  for (const id of found.events) await deps.planner.planEvent(id);
  for (const id of found.reminders) await deps.planner.planReminder(id);
  const total = found.todos.length + found.events.length + found.reminders.length;
  if (total > 0) deps.logger.warn({ todos: found.todos.length, events: found.events.length, reminders: found.reminders.length }, 'planned reminders that were missing');
  return total;
}
