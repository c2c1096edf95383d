import type { Db } from '../db/database.ts';
import type { Reminder } from '../generated/prisma/client.ts';
import { logChange, logCreate } from './change-log.ts';
import { createItem } from './create-item.ts';
import { NotFoundError, NotRepeatingError, rethrowMissing } from './errors.ts';
import { skipOccurrence } from '../recurrence/next-run.ts';
import type { ItemPlanning } from './item-planning.ts';
import { ScopeAccess } from './scope-access.ts';
import type { ServiceContext } from './scope.ts';
import type { Changed, SkipResult } from './todo-service.ts';

/** A new reminder ("remind me to stretch at 5"). */
export interface NewReminder {
  text: string;
  at: Date;
  recurrence?: string;
}

/**
 * Standalone reminders. They always belong to the user who set them, even when set in a group
 * (they are delivered by DM), so every query is by `ctx.userId`; `spaceId` only records where it
 * was set. The scheduler (elsewhere) turns due pending reminders into Notification rows.
 */
export class ReminderService {
  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db), private readonly planning?: ItemPlanning) {}

  /** True when create() plans the notification itself (in its transaction); callers then need not. */
  get plansReminders(): boolean {
    return this.planning !== undefined;
  }

  /** Sets a reminder for the acting user, with its notification row in the same transaction. */
  async create(ctx: ServiceContext, input: NewReminder): Promise<Reminder> {
    await this.access.assert(ctx, 'reminder');
    const planning = this.planning;
    return createItem(this.db, ctx.now, {
      insert: (tx) => tx.reminder.create({
        data: {
          userId: ctx.userId,
          spaceId: ctx.scope.kind === 'space' ? ctx.scope.spaceId : null,
          text: input.text.trim(),
          at: input.at,
          recurrence: input.recurrence ?? null,
        },
      }),
      log: (tx) => logCreate(tx, ctx.userId, 'reminder', ctx.now),
      plan: planning && ((id, tx) => planning.planReminder(id, tx)),
      idOf: (r) => r.id,
    });
  }

  /** The user's pending reminders, soonest first. */
  async listPending(ctx: ServiceContext, options: { limit?: number } = {}): Promise<Reminder[]> {
    return this.db.reminder.findMany({
      where: { userId: ctx.userId, status: 'pending' },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: Math.max(1, Math.min(options.limit ?? 50, 200)),
    });
  }

  /** One of the user's reminders, or NotFoundError. */
  async get(ctx: ServiceContext, id: number): Promise<Reminder> {
    const reminder = await this.db.reminder.findFirst({ where: { id, userId: ctx.userId } });
    if (!reminder) throw new NotFoundError('reminder');
    return reminder;
  }

  /** Cancels a reminder (kept as 'cancelled' so /undo can bring it back). */
  async cancel(ctx: ServiceContext, id: number): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    if (before.status === 'cancelled') return { before, after: before };
    return this.write(ctx, before, { status: 'cancelled' });
  }

  /** Moves a reminder to `until` and makes it pending again (also revives a sent or cancelled one). */
  async snooze(ctx: ServiceContext, id: number, until: Date): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    return this.write(ctx, before, { at: until, status: 'pending' });
  }

  /**
   * "Skip the next one": the pending occurrence of a repeating reminder does not fire; the skip is
   * written into its rule (skip=…, so it survives restarts and re-plans) and `at` moves to the
   * occurrence after it — or, when that was the last one, the reminder ends as 'cancelled'. Logged
   * for /undo. NotRepeatingError for a one-off or finished reminder. The caller re-plans the outbox
   * (hooks.reminderChanged(id)), as after cancel/snooze.
   */
  async skipNext(ctx: ServiceContext, id: number): Promise<SkipResult<Reminder>> {
    const before = await this.get(ctx, id);
    const result = before.recurrence && before.status === 'pending'
      ? skipOccurrence(before.recurrence, before.at, ctx.timeZone, ctx.now, before.repeatCount)
      : null;
    if (!result) throw new NotRepeatingError('reminder');
    const changed = await this.write(ctx, before, result.next ? { recurrence: result.rule, at: result.next } : { recurrence: result.rule, status: 'cancelled' });
    return { ...changed, skipped: before.at, next: result.next };
  }

  private async write(ctx: ServiceContext, before: Reminder, data: Partial<Reminder>): Promise<Changed<Reminder>> {
    const [after] = await this.db
      .$transaction([
        this.db.reminder.update({ where: { id: before.id, userId: ctx.userId }, data }),
        logChange(this.db, ctx.userId, 'reminder', before.id, 'update', before, ctx.now),
      ])
      .catch(rethrowMissing('reminder'));
    return { before, after };
  }
}
