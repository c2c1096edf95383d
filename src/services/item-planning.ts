/**
 * The port through which item services plan an item's reminder inside the transaction that writes
 * the item (the scheduler's ReminderPlanner implements it), so no crash can leave a todo with a due
 * time, an event or a reminder without its notification row.
 */
import type { Prisma, Todo } from '../generated/prisma/client.ts';

/** A todo about to be inserted, as far as planning its reminder needs it. */
export interface NewTodoDraft {
  title: string;
  dueAt: Date;
  recurrence: string | null;
  /** Who gets the reminder: the owner, else the creator (a new todo has no assignee). */
  userId: number;
}

/**
 * The notification row of a todo being created, as one statement for the creating batch (the id is
 * read by SQL, like the ChangeLog row's), and what to do once the batch committed.
 */
export interface NewTodoPlan {
  statement(tx: Prisma.TransactionClient): Prisma.PrismaPromise<number>;
  committed(): void;
}

/** Plans the notification row of an item just written, on the writing transaction `tx`. */
export interface ItemPlanning {
  /**
   * Plans a todo before it is inserted, so its creation stays one batch (no interactive
   * transaction holding the one connection across awaits: that halved /todo throughput with a due
   * time under a burst). Null when no row is due (already overdue).
   */
  planNewTodo(draft: NewTodoDraft): Promise<NewTodoPlan | null>;
  /** `created`: the row just inserted, when planning a new todo (it has no older rows to cancel). */
  planTodo(todoId: number, tx: Prisma.TransactionClient, created?: Todo): Promise<void>;
  planEvent(eventId: number, tx: Prisma.TransactionClient): Promise<void>;
  planReminder(reminderId: number, tx: Prisma.TransactionClient): Promise<void>;
  /**
   * A delivered notification snoozed by words ("snooze that 10 minutes" after a todo's reminder):
   * a copy due at `until`, as its Snooze button makes. False when the row is gone.
   */
  snooze?(notificationId: number, until: Date): Promise<boolean>;
}
