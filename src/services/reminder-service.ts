import type { Db } from '../db/database.ts';
import type { Reminder } from '../generated/prisma/client.ts';
import { UserFacingError } from '../core/errors.ts';
import { logChange, logCreate } from './change-log.ts';
import { createItem } from './create-item.ts';
import { NotFoundError, NotRepeatingError, rethrowMissing } from './errors.ts';
import { skipOccurrence } from '../recurrence/next-run.ts';
import { rankAndPreferExact, searchTokens } from './fts-query.ts';
import { bestBySound } from './fuzzy-title-match.ts';
import type { ItemPlanning } from './item-planning.ts';
import { lastDelivered, upcomingItemReminders, type DeliveredReminder, type ItemReminder } from './reminder-outbox-view.ts';
import { reminderScopeWhere, UPCOMING } from './reminder-scope.ts';
import { ScopeAccess, assertMayDelete, assertMayEdit } from './scope-access.ts';
import type { ServiceContext } from './scope.ts';
import type { Changed, SkipResult } from './todo-service.ts';


/** A new reminder ("remind me to stretch at 5"; "remind us friday 5pm to submit the report"). */
export interface NewReminder {
  text: string;
  at: Date;
  recurrence?: string;
  /**
   * Set in a group and meant for the group: the chat it is posted in (see `chatTargetOf`). Absent:
   * a personal reminder, sent privately to the user who set it.
   */
  chatTarget?: string;
}

/** Fields to change; `recurrence: null` makes a repeating reminder one-off. */
export interface ReminderPatch {
  text?: string;
  at?: Date;
  recurrence?: string | null;
}

/**
 * Standalone reminders. A personal one (no `chatTarget`) belongs to the user who set it wherever it
 * was set and is delivered privately; a group one belongs to its space and is posted in the group's
 * chat. Every query is scoped through `reminderScopeWhere`: in a DM a user sees only their personal
 * reminders, in a group only that group's, so an id from elsewhere reads as missing. Changing a
 * group reminder follows the shared-item rule (its creator or a chat admin). Every write records the
 * replaced row in ChangeLog for /undo; the scheduler re-plans the outbox row after each change.
 */
export class ReminderService {
  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db), private readonly planning?: ItemPlanning) {}

  /** True when create() plans the notification itself (in its transaction); callers then need not. */
  get plansReminders(): boolean {
    return this.planning !== undefined;
  }

  /** Sets a reminder for the acting user (or, with `chatTarget` in a group, for the group), with its notification row in the same transaction. */
  async create(ctx: ServiceContext, input: NewReminder): Promise<Reminder> {
    await this.access.assert(ctx, 'reminder');
    const planning = this.planning;
    const forGroup = ctx.scope.kind === 'space' && input.chatTarget !== undefined;
    return createItem(this.db, ctx.now, {
      insert: (tx) => tx.reminder.create({
        data: {
          userId: ctx.userId,
          spaceId: ctx.scope.kind === 'space' ? ctx.scope.spaceId : null,
          text: input.text.trim(),
          at: input.at,
          recurrence: input.recurrence ?? null,
          chatTarget: forGroup ? input.chatTarget! : null,
        },
      }),
      log: (tx) => logCreate(tx, ctx.userId, 'reminder', ctx.now),
      plan: planning && ((id, tx) => planning.planReminder(id, tx)),
      idOf: (r) => r.id,
    });
  }

  /** The user's pending personal reminders, soonest first. */
  async listPending(ctx: ServiceContext, options: { limit?: number } = {}): Promise<Reminder[]> {
    return this.db.reminder.findMany({
      where: { userId: ctx.userId, chatTarget: null, status: 'pending' },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: Math.max(1, Math.min(options.limit ?? 50, 200)),
    });
  }

  /**
   * Upcoming reminders of the scope (pending, and paused ones unless `pendingOnly`), soonest first;
   * `until` keeps those due before it ("today", "this week").
   */
  async listUpcoming(ctx: ServiceContext, options: { until?: Date; pendingOnly?: boolean; limit?: number } = {}): Promise<Reminder[]> {
    await this.access.assert(ctx, 'reminder');
    return this.db.reminder.findMany({
      where: {
        ...reminderScopeWhere(ctx),
        status: options.pendingOnly ? 'pending' : { in: [...UPCOMING] },
        ...(options.until ? { at: { lt: options.until } } : {}),
      },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: Math.max(1, Math.min(options.limit ?? 50, 200)),
    });
  }

  /** Upcoming reminders of the scope's todos and events (they follow their items; listed beside these). */
  async itemReminders(ctx: ServiceContext, options: { until?: Date; limit?: number } = {}): Promise<ItemReminder[]> {
    await this.access.assert(ctx, 'reminder');
    return upcomingItemReminders(this.db, ctx, options);
  }

  /** The reminder delivered last to this chat ("snooze that"); `groupTarget` is the group chat's outbox target. */
  async lastDelivered(ctx: ServiceContext, groupTarget: string | null): Promise<DeliveredReminder | null> {
    await this.access.assert(ctx, 'reminder');
    return lastDelivered(this.db, ctx, groupTarget);
  }

  /** One reminder of the scope, or NotFoundError. */
  async get(ctx: ServiceContext, id: number): Promise<Reminder> {
    await this.access.assert(ctx, 'reminder');
    const reminder = await this.db.reminder.findFirst({ where: { id, ...reminderScopeWhere(ctx) } });
    if (!reminder) throw new NotFoundError('reminder');
    return reminder;
  }

  /**
   * Upcoming reminders of the scope whose text has all the words (as word prefixes, any script),
   * best first; an exact text wins alone; when none has them, those whose text sounds like them
   * (another script or spelling). Reminders are few per person, so this reads the scope's upcoming
   * ones rather than keeping a search index for them.
   */
  async findByWords(ctx: ServiceContext, words: string | readonly string[]): Promise<Reminder[]> {
    const wanted = searchTokens(words).map((w) => w.toLowerCase());
    if (wanted.length === 0) return [];
    const rows = await this.listUpcoming(ctx, { limit: 200 });
    const hits = rows.filter((r) => {
      const have = searchTokens(r.text).map((w) => w.toLowerCase());
      return wanted.every((w) => have.some((h) => h.startsWith(w)));
    });
    if (hits.length === 0) return bestBySound(words, rows, (r) => [r.text]);
    return rankAndPreferExact(hits, hits.map((r) => r.id), words, (r) => [r.text]);
  }

  /**
   * Changes text, time or repeat. A new time on a reminder that already fired (or was cancelled)
   * sets it again; a paused one stays paused at its new time until resumed.
   */
  async update(ctx: ServiceContext, id: number, patch: ReminderPatch): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    const data: Partial<Reminder> = {};
    if (patch.text !== undefined) data.text = patch.text.trim();
    if (patch.at !== undefined) data.at = patch.at;
    if (patch.recurrence !== undefined) data.recurrence = patch.recurrence;
    if (Object.keys(data).length === 0) return { before, after: before };
    assertMayEdit(ctx, before.userId);
    if (patch.at !== undefined && before.status !== 'pending' && before.status !== 'paused') data.status = 'pending';
    if (patch.recurrence === null && before.status === 'paused') data.status = 'pending';
    return this.write(ctx, before, data);
  }

  /** Cancels a reminder (kept as 'cancelled' so /undo can bring it back); a group one: its creator or an admin. */
  async cancel(ctx: ServiceContext, id: number): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    assertMayDelete(ctx, before.userId);
    if (before.status === 'cancelled') return { before, after: before };
    return this.write(ctx, before, { status: 'cancelled' });
  }

  /** Puts a repeating reminder on hold: nothing fires until it is resumed. */
  async pause(ctx: ServiceContext, id: number): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    assertMayEdit(ctx, before.userId);
    if (!before.recurrence) throw new UserFacingError('reminderPauseOneOff', { text: before.text });
    if (before.status === 'paused') return { before, after: before };
    return this.write(ctx, before, { status: 'paused' });
  }

  /** Resumes a paused reminder; `next` is its next time when the paused one's time has passed meanwhile. */
  async resume(ctx: ServiceContext, id: number, next: Date | null): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    assertMayEdit(ctx, before.userId);
    if (before.status !== 'paused') return { before, after: before };
    const at = before.at.getTime() < ctx.now.getTime() && next ? next : before.at;
    return this.write(ctx, before, { status: 'pending', at });
  }

  /** Moves a reminder to `until` and makes it pending again (also revives a sent or cancelled one). */
  async snooze(ctx: ServiceContext, id: number, until: Date): Promise<Changed<Reminder>> {
    const before = await this.get(ctx, id);
    assertMayEdit(ctx, before.userId);
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

  /**
   * A copy of a delivered todo/event notification due at `until` (as its Snooze button does), when a
   * scheduler plans notifications; false otherwise. Not undoable: it changes no item.
   */
  async snoozeNotification(notificationId: number, until: Date): Promise<boolean> {
    return this.planning?.snooze ? this.planning.snooze(notificationId, until) : false;
  }

  private async write(ctx: ServiceContext, before: Reminder, data: Partial<Reminder>): Promise<Changed<Reminder>> {
    const [after] = await this.db
      .$transaction([
        this.db.reminder.update({ where: { id: before.id, ...reminderScopeWhere(ctx) }, data }),
        logChange(this.db, ctx.userId, 'reminder', before.id, 'update', before, ctx.now),
      ])
      .catch(rethrowMissing('reminder'));
    return { before, after };
  }
}
