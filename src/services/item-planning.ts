/**
 * The port through which item services plan an item's reminder inside the transaction that writes
 * the item (the scheduler's ReminderPlanner implements it), so no crash can leave a todo with a due
 * time, an event or a reminder without its notification row.
 */
import type { Prisma, Todo } from '../generated/prisma/client.ts';

/** Plans the notification row of an item just written, on the writing transaction `tx`. */
export interface ItemPlanning {
  /** `created`: the row just inserted, when planning a new todo (it has no older rows to cancel). */
  planTodo(todoId: number, tx: Prisma.TransactionClient, created?: Todo): Promise<void>;
  planEvent(eventId: number, tx: Prisma.TransactionClient): Promise<void>;
  planReminder(reminderId: number, tx: Prisma.TransactionClient): Promise<void>;
}
