/**
 * Keeps the outbox in step with the items it reminds about. Each `plan*` recomputes the rows of one
 * item from its current state (deleted, completed or cancelled → pending rows cancelled; moved →
 * old row cancelled, new one planned), so tools just call it after every change, and calling it twice
 * is harmless (rows are keyed per occurrence). After a row is delivered the loop calls
 * `afterDelivery`, which plans a recurring item's next occurrence (and notes a sent task result on
 * its task).
 */
import type { Clock } from '../core/clock.ts';
import { wallTime, zonedToUtc } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';
import { eventReminderAt, eventZone, nextRemindedStart } from '../services/event-occurrence.ts';
import type { Prisma, Todo } from '../generated/prisma/client.ts';
import type { ItemPlanning, NewTodoDraft, NewTodoPlan } from '../services/item-planning.ts';
import { dailyRule, nextOccurrence } from '../recurrence/next-run.ts';
import { groupConversation, groupOutboxTarget } from './group-target.ts';
import { parsePayload, type NotificationPayload } from './notification-payload.ts';
import { NotificationStore, type NotificationRow, type PlannedNotification } from './notification-store.ts';
import { markTaskResultsDelivered, TASK_RESULT_KIND } from './task-results.ts';

export { DEFAULT_EVENT_LEAD_MINUTES } from '../services/event-occurrence.ts';
/** A todo/event notification already this far in the past when planned is not created (it would only be noise). */
const PAST_TOLERANCE_MS = 60_000;

/** How a row ended, as far as planning the next occurrence is concerned. */
export type DeliveryOutcome = 'sent' | 'failed' | 'skipped' | 'summarized';

/** Snooze choices offered on reminder buttons. */
export type SnoozeChoice = '10m' | '1h' | 'tomorrow';

/** Where the planner gets its dependencies; `onChange` is wired to DeliveryLoop.poke so the loop re-arms. */
export interface ReminderPlannerOptions {
  db: Db;
  clock: Clock;
  /** Zone for users who have not set one. */
  defaultTimeZone?: string;
  onChange?: (dueAt?: Date) => void;
}

/**
 * When a snooze ends: 10 minutes, an hour, or tomorrow morning (`morning`, local HH:MM, default
 * 09:00; the lead may pass the user's briefing time) in the user's zone. Pressed between midnight
 * and 05:00, "tomorrow morning" is the coming morning.
 */
export function snoozeUntil(choice: SnoozeChoice, now: Date, timeZone: string, morning = '09:00'): Date {
  if (choice === '10m') return new Date(now.getTime() + 10 * 60_000);
  if (choice === '1h') return new Date(now.getTime() + 60 * 60_000);
  const [h, m] = morning.split(':').map(Number);
  const w = wallTime(now, timeZone);
  // In the small hours "tomorrow morning" means the coming morning, not the one after.
  const day = w.hour < 5 ? w.day : w.day + 1;
  return zonedToUtc(timeZone, w.year, w.month, day, h ?? 9, m ?? 0);
}

/** The database or an open transaction: planning may run inside the transaction that wrote the item. */
type DbClient = Prisma.TransactionClient;

/** Plans and re-plans the outbox rows of reminders, todos, events and briefings. */
export class ReminderPlanner implements ItemPlanning {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly store: NotificationStore;
  private readonly defaultZone: string;
  /** Set after construction when the loop is built later (composition root). */
  onChange: ((dueAt?: Date) => void) | undefined;

  constructor(options: ReminderPlannerOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.store = new NotificationStore(options.db);
    this.defaultZone = options.defaultTimeZone ?? 'UTC';
    this.onChange = options.onChange;
  }

  /** Tells the loop a row changed; with `dueAt` the loop may skip waking if it is already due to wake earlier. */
  private changed(dueAt?: Date): void {
    this.onChange?.(dueAt);
  }

  private zoneOf(user: { timezone: string | null } | null | undefined): string {
    return user?.timezone || this.defaultZone;
  }

  /** The outbox over `db` (the planner's own, or an open transaction). */
  private storeFor(db: DbClient): NotificationStore {
    return db === this.db ? this.store : new NotificationStore(db as Db);
  }

  /**
   * Upserts `planned` and cancels the item's other pending rows of the same family (`prefix`);
   * an item `created` in this very transaction has no other rows to cancel.
   */
  private async replace(planned: PlannedNotification, sourceType: string, sourceId: number, prefix: string, db: DbClient = this.db, created = false): Promise<void> {
    const now = this.clock.now();
    const store = this.storeFor(db);
    await store.upsertForSource(planned, now);
    if (!created) await store.cancelForSource(sourceType, sourceId, now, { keyPrefix: prefix, keepKey: planned.dedupeKey });
    // Inside a transaction the loop's wake-up query waits for the connection until it commits.
    this.changed(planned.dueAt);
  }

  /** Cancels an item's pending rows. The loop needs no wake-up: a cancelled row is simply not claimed. */
  private async cancelAll(sourceType: string, sourceId: number, db: DbClient = this.db): Promise<void> {
    await this.storeFor(db).cancelForSource(sourceType, sourceId, this.clock.now());
  }

  /**
   * (Re)plans a standalone reminder: one row at `at` while it is pending; none otherwise (cancelled,
   * paused, done). A group reminder's row is addressed to its group chat. Snoozed copies of an earlier
   * time go too, so a moved reminder fires at its new time only. `db` may be the transaction that
   * just wrote it, so the reminder and its row commit together.
   */
  async planReminder(reminderId: number, db: DbClient = this.db): Promise<void> {
    const r = await db.reminder.findUnique({ where: { id: reminderId }, include: { user: { select: { timezone: true } } } });
    if (!r || r.status !== 'pending') return this.cancelAll('reminder', reminderId, db);
    const prefix = `reminder:${r.id}:`;
    const at = r.at.toISOString();
    const payload: NotificationPayload = { title: r.text, at, leadMinutes: 0, recurring: !!r.recurrence, timeZone: this.zoneOf(r.user) };
    await this.storeFor(db).cancelForSource('reminder', r.id, this.clock.now(), { keyPrefix: 'snooze:', unlessAt: at });
    await this.replace({
      kind: 'reminder', userId: r.userId, sourceType: 'reminder', sourceId: r.id, dueAt: r.at, dedupeKey: prefix + at, payload,
      target: r.chatTarget ? groupOutboxTarget(r.chatTarget) : null,
    }, 'reminder', r.id, prefix, db);
  }

  /** See ItemPlanning.planNewTodo: the same row planTodo would write, as a statement of the creating batch. */
  async planNewTodo(draft: NewTodoDraft): Promise<NewTodoPlan | null> {
    const user = await this.db.user.findUnique({ where: { id: draft.userId }, select: { timezone: true, reminderLeadMinutes: true } });
    if (draft.dueAt.getTime() < this.clock.now().getTime() - PAST_TOLERANCE_MS) return null;
    const lead = Math.max(0, user?.reminderLeadMinutes ?? 0);
    const dueAt = new Date(draft.dueAt.getTime() - lead * 60_000);
    const at = draft.dueAt.toISOString();
    const payload: NotificationPayload = { title: draft.title, at, leadMinutes: lead, recurring: !!draft.recurrence, timeZone: this.zoneOf(user) };
    const now = this.clock.now();
    return {
      // The todo's id is the table's latest AUTOINCREMENT value, read in the same batch right after its INSERT.
      statement: (tx) => tx.$executeRawUnsafe(
        `INSERT INTO "Notification" ("kind","userId","sourceType","sourceId","payload","dueAt","status","attempts","dedupeKey","createdAt","updatedAt")
         SELECT 'todo', ?, 'todo', "seq", ?, ?, 'pending', 0, 'todo:' || "seq" || ':' || ?, ?, ? FROM "sqlite_sequence" WHERE "name" = 'Todo'
         ON CONFLICT("dedupeKey") DO NOTHING`,
        draft.userId, JSON.stringify(payload), dueAt, at, now, now,
      ),
      committed: () => this.changed(dueAt),
    };
  }

  /**
   * (Re)plans an open todo with a due time: at the due time minus the recipient's default lead.
   * The recipient is the owner, or for a shared todo its assignee, else its creator. `db` may be
   * the transaction that wrote the todo, and `created` the row it just inserted (saving a read).
   */
  async planTodo(todoId: number, db: DbClient = this.db, created?: Todo): Promise<void> {
    const t = created ?? await db.todo.findUnique({ where: { id: todoId } });
    if (!t || t.status !== 'open' || !t.dueAt) return this.cancelAll('todo', todoId, db);
    const userId = t.ownerId ?? t.assigneeId ?? t.createdById;
    const user = await db.user.findUnique({ where: { id: userId }, select: { timezone: true, reminderLeadMinutes: true } });
    const lead = Math.max(0, user?.reminderLeadMinutes ?? 0);
    const prefix = `todo:${t.id}:`;
    const dueAt = new Date(t.dueAt.getTime() - lead * 60_000);
    const planned: PlannedNotification = {
      kind: 'todo', userId, sourceType: 'todo', sourceId: t.id, dueAt, dedupeKey: prefix + t.dueAt.toISOString(),
      payload: { title: t.title, at: t.dueAt.toISOString(), leadMinutes: lead, recurring: !!t.recurrence, timeZone: this.zoneOf(user) },
    };
    const now = this.clock.now();
    if (t.dueAt.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
      // Already overdue when planned: keep a row that exists for this due time (a missed one awaiting
      // catch-up) but create none — an overdue todo shows in the briefing instead.
      await this.storeFor(db).cancelForSource('todo', t.id, now, { keyPrefix: prefix, keepKey: planned.dedupeKey });
      return this.changed();
    }
    await this.replace(planned, 'todo', t.id, prefix, db, created !== undefined);
  }

  /**
   * (Re)plans an event's reminder `reminderLeadMinutes` (default 15) before its start, or for an
   * all-day event at 09:00 on its day (see eventReminderAt); a recurring event gets the next
   * occurrence whose reminder time is still ahead, counted on the wall clock of the event's own
   * zone. The payload carries the recipient's zone, so the reminder shows their local time.
   * `db` may be the transaction that wrote the event.
   */
  async planEvent(eventId: number, db: DbClient = this.db): Promise<void> {
    const e = await db.event.findUnique({ where: { id: eventId } });
    if (!e) return this.cancelAll('event', eventId, db);
    const userId = e.ownerId ?? e.createdById;
    const user = await db.user.findUnique({ where: { id: userId }, select: { timezone: true } });
    const userZone = this.zoneOf(user);
    const zone = eventZone(e, userZone);
    const now = this.clock.now();
    const start = nextRemindedStart(e, zone, now);
    const prefix = `event:${e.id}:`;
    const dueAt = start ? eventReminderAt(e, start, zone) : null;
    if (!start || !dueAt || (!e.recurrence && dueAt.getTime() < now.getTime() - PAST_TOLERANCE_MS)) {
      // Past one-off: keep whatever row exists for this start (it may be a missed one awaiting catch-up).
      await this.storeFor(db).cancelForSource('event', e.id, now, { keyPrefix: prefix, keepKey: prefix + e.startAt.toISOString() });
      return this.changed();
    }
    const lead = Math.max(0, Math.round((start.getTime() - dueAt.getTime()) / 60_000));
    await this.replace({
      kind: 'event', userId, sourceType: 'event', sourceId: e.id, dueAt, dedupeKey: prefix + start.toISOString(),
      payload: {
        title: e.title, at: start.toISOString(), leadMinutes: lead, recurring: !!e.recurrence, timeZone: userZone,
        ...(e.allDay ? { allDay: true, eventTimeZone: zone } : {}), ...(e.location ? { location: e.location } : {}),
      },
    }, 'event', e.id, prefix, db);
  }

  /**
   * (Re)plans a user's next daily briefing at their local `briefingTime`, or cancels it when turned
   * off. Keyed by local date, so moving the time after today's briefing went out never sends a second.
   */
  async planBriefing(userId: number): Promise<void> {
    const u = await this.db.user.findUnique({ where: { id: userId }, select: { id: true, timezone: true, briefingEnabled: true, briefingTime: true } });
    const rule = u?.briefingTime ? dailyRule(u.briefingTime) : null;
    const zone = this.zoneOf(u);
    const at = u?.briefingEnabled && rule ? nextOccurrence(rule, zone, this.clock.now()) : null;
    if (!at) return this.cancelAll('briefing', userId);
    const w = wallTime(at, zone);
    const localDate = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    const prefix = `briefing:${userId}:`;
    await this.replace({ kind: 'briefing', userId, sourceType: 'briefing', sourceId: userId, dueAt: at, dedupeKey: prefix + localDate, payload: { timeZone: zone, localDate } }, 'briefing', userId, prefix);
  }

  /** Plans every enabled user's next briefing; cheap enough to run at start-up. */
  async planAllBriefings(): Promise<void> {
    const users = await this.db.user.findMany({ where: { briefingEnabled: true }, select: { id: true } });
    for (const u of users) await this.planBriefing(u.id);
  }

  /**
   * Called by the delivery loop once a row is finished. Recurring reminders and events move to their
   * next occurrence after now (so downtime skips forward instead of replaying), briefings plan
   * tomorrow's, and one-shot reminders are closed (status 'sent', or 'failed').
   */
  async afterDelivery(row: NotificationRow, outcome: DeliveryOutcome): Promise<void> {
    if (row.kind === TASK_RESULT_KIND) return outcome === 'sent' ? markTaskResultsDelivered(this.db, [row], this.clock.now()) : undefined;
    const payload = parsePayload(row.payload);
    if (row.kind === 'briefing' && row.sourceId !== null) return this.planBriefing(row.sourceId);
    if (row.sourceId === null || payload.snoozedFrom !== undefined) {
      if (row.sourceType === 'reminder' && row.sourceId !== null && !payload.recurring) await this.closeReminder(row.sourceId, null, outcome);
      return;
    }
    if (row.sourceType === 'event' && payload.recurring) return this.planEvent(row.sourceId);
    if (row.sourceType !== 'reminder') return;
    const r = await this.db.reminder.findUnique({ where: { id: row.sourceId }, include: { user: { select: { timezone: true } } } });
    if (!r || r.status !== 'pending') return;
    const firedAt = payload.at ? new Date(payload.at) : row.dueAt;
    if (r.at.getTime() !== firedAt.getTime()) return; // edited since planning: its own plan stands
    if (!r.recurrence) return this.closeReminder(r.id, firedAt, outcome);
    const now = this.clock.now();
    // This occurrence is used up (whatever the outcome); a count= rule ends after that many.
    const fired = r.repeatCount + 1;
    const next = nextOccurrence(r.recurrence, this.zoneOf(r.user), firedAt > now ? firedAt : now, fired);
    if (!next) {
      // The series ended (until= passed or count= reached): closed like a one-shot reminder.
      await this.db.reminder.updateMany({ where: { id: r.id, status: 'pending', at: firedAt }, data: { status: outcome === 'failed' ? 'failed' : 'sent', repeatCount: fired } });
      return;
    }
    await this.db.reminder.updateMany({ where: { id: r.id, status: 'pending', at: firedAt }, data: { at: next, repeatCount: fired } });
    await this.planReminder(r.id);
  }

  /**
   * `afterDelivery` for a batch of sent rows: one-shot reminders are closed in one statement, the
   * rest (recurring items, briefings) one by one, delivered task results in one statement. Keeps a
   * burst of deliveries from costing a query each.
   */
  async afterDeliveryMany(rows: readonly NotificationRow[]): Promise<void> {
    await markTaskResultsDelivered(this.db, rows, this.clock.now());
    const oneShot: number[] = [];
    for (const row of rows) {
      const p = parsePayload(row.payload);
      if (row.sourceType === 'reminder' && row.sourceId !== null && !p.recurring) oneShot.push(row.sourceId);
      else if (row.kind === 'briefing' || p.recurring) await this.afterDelivery(row, 'sent');
    }
    for (let i = 0; i < oneShot.length; i += 500) {
      await this.db.reminder.updateMany({
        where: { id: { in: oneShot.slice(i, i + 500) }, status: 'pending', recurrence: null, at: { lte: this.clock.now() } },
        data: { status: 'sent' },
      });
    }
  }

  private async closeReminder(reminderId: number, at: Date | null, outcome: DeliveryOutcome): Promise<void> {
    await this.db.reminder.updateMany({
      where: { id: reminderId, status: 'pending', recurrence: null, ...(at ? { at } : { at: { lte: this.clock.now() } }) },
      data: { status: outcome === 'failed' ? 'failed' : 'sent' },
    });
  }

  /**
   * Snooze button: a copy of the notification due at `until`. The copy is its own one-off row, so a
   * recurring series keeps its schedule, and it is cancelled with its item (same source).
   */
  async snooze(notificationId: number, until: Date): Promise<boolean> {
    const row = await this.store.findById(notificationId);
    if (!row) return false;
    const payload = { ...parsePayload(row.payload), late: false, snoozedFrom: row.id };
    await this.store.insertOnce({
      kind: row.kind as PlannedNotification['kind'], userId: row.userId, sourceType: row.sourceType, sourceId: row.sourceId,
      dueAt: until, dedupeKey: `snooze:${row.id}:${until.toISOString()}`, payload,
      target: groupConversation(row.target) ? row.target : null,
    }, this.clock.now());
    this.changed(until);
    return true;
  }

  /**
   * Done button on a reminder: a one-shot reminder is closed with all its rows; a recurring one
   * keeps its series and only loses pending snoozes.
   */
  async reminderDone(reminderId: number): Promise<void> {
    const r = await this.db.reminder.findUnique({ where: { id: reminderId } });
    if (!r) return this.cancelAll('reminder', reminderId);
    if (r.recurrence) {
      await this.store.cancelForSource('reminder', reminderId, this.clock.now(), { keyPrefix: 'snooze:' });
      return this.changed();
    }
    await this.db.reminder.updateMany({ where: { id: reminderId, status: { in: ['pending', 'sent'] } }, data: { status: 'done' } });
    return this.cancelAll('reminder', reminderId);
  }

  /**
   * Call after a todo is completed. A recurring todo reopens with its next due time after
   * max(previous due, now) — the series continues on the same row, its repeatCount one higher — and
   * is planned; when its rule ends there (until=, count=) it stays done. A one-shot todo
   * just loses its pending reminders. If the todo service already rolled it forward (status open
   * again), this only re-plans.
   */
  async todoCompleted(todoId: number): Promise<void> {
    const t = await this.db.todo.findUnique({ where: { id: todoId } });
    if (t && t.status === 'done' && t.recurrence) {
      const user = await this.db.user.findUnique({ where: { id: t.ownerId ?? t.assigneeId ?? t.createdById }, select: { timezone: true } });
      const zone = this.zoneOf(user);
      const now = this.clock.now();
      const base = t.dueAt && t.dueAt > now ? t.dueAt : now;
      // A series that already ended (count= used up) stays done; a second call changes nothing.
      if (nextOccurrence(t.recurrence, zone, base, t.repeatCount) !== null) {
        const used = t.repeatCount + 1;
        const next = nextOccurrence(t.recurrence, zone, base, used);
        await this.db.todo.update({ where: { id: t.id }, data: next ? { status: 'open', dueAt: next, completedAt: null, completedById: null, repeatCount: used } : { repeatCount: used } });
      }
    }
    return this.planTodo(todoId);
  }
}
