import { startOfLocalDay } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';
import type { Event, Reminder, Todo } from '../generated/prisma/client.ts';
import { EventService } from './event-service.ts';
import { reminderScopeWhere } from './reminder-scope.ts';
import { ScopeAccess } from './scope-access.ts';
import { scopeWhere, type ServiceContext } from './scope.ts';

/** The "what's on today" view (also the daily briefing's content), or the same for another day. */
export interface TodayView {
  /** The local day shown: its first instant. */
  day: Date;
  /** True when the day is the user's today (then overdue and top priorities are filled too). */
  isToday: boolean;
  /** Events overlapping the local day, by start. */
  events: Event[];
  /** Open todos due during the local day (including times already passed today). */
  dueToday: Todo[];
  /** Open todos due before the local day began (today only: another day's answer is about that day). */
  overdue: Todo[];
  /** Up to 5 other open high-priority todos (no due date, or due after today; today only). */
  topPriorities: Todo[];
  /** Pending reminders set for the local day, by time. */
  reminders: Reminder[];
}

const MAX_TODOS = 200;
const MAX_REMINDERS = 50;

/**
 * Builds the day view in the user's time zone with one query per kind (events; open todos that
 * are due by tonight or high priority; the day's reminders) split in memory, rather than one
 * query per section.
 */
export class TodayService {
  private readonly events: EventService;

  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db)) {
    this.events = new EventService(db, access);
  }

  /** Today's events, due and overdue todos, top priorities and reminders for the context's scope. */
  today(ctx: ServiceContext): Promise<TodayView> {
    return this.day(ctx, ctx.now);
  }

  /**
   * The local day containing `instant` ("what do I have on friday"): its events, the todos due
   * that day and its reminders. For today it is the full /today view (overdue, top priorities).
   */
  async day(ctx: ServiceContext, instant: Date): Promise<TodayView> {
    await this.access.assert(ctx, 'todo');
    const start = startOfLocalDay(instant, ctx.timeZone);
    const end = startOfLocalDay(start, ctx.timeZone, 1);
    const isToday = start.getTime() === startOfLocalDay(ctx.now, ctx.timeZone).getTime();
    const [events, todos, reminders] = await Promise.all([
      this.events.list(ctx, { from: start, to: end }),
      this.db.todo.findMany({
        where: {
          ...scopeWhere(ctx.scope),
          status: 'open',
          ...(isToday ? { OR: [{ dueAt: { lt: end } }, { priority: 'high' }] } : { dueAt: { gte: start, lt: end } }),
        },
        orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        take: MAX_TODOS,
      }),
      this.db.reminder.findMany({
        where: { ...reminderScopeWhere(ctx), status: 'pending', at: { gte: start, lt: end } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        take: MAX_REMINDERS,
      }),
    ]);
    const view: TodayView = { day: start, isToday, events, dueToday: [], overdue: [], topPriorities: [], reminders };
    for (const todo of todos) {
      const due = todo.dueAt?.getTime();
      if (due !== undefined && due < start.getTime()) view.overdue.push(todo);
      else if (due !== undefined && due < end.getTime()) view.dueToday.push(todo);
      else if (todo.priority === 'high' && view.topPriorities.length < 5) view.topPriorities.push(todo);
    }
    return view;
  }
}
