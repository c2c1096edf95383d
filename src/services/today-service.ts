import { startOfLocalDay } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';
import type { Event, Todo } from '../generated/prisma/client.ts';
import { EventService } from './event-service.ts';
import { ScopeAccess } from './scope-access.ts';
import { scopeWhere, type ServiceContext } from './scope.ts';

/** The "what's on today" view (also the daily briefing's content). */
export interface TodayView {
  /** Events overlapping the local day, by start. */
  events: Event[];
  /** Open todos due during the local day (including times already passed today). */
  dueToday: Todo[];
  /** Open todos due before the local day began. */
  overdue: Todo[];
  /** Up to 5 other open high-priority todos (no due date, or due after today). */
  topPriorities: Todo[];
}

const MAX_TODOS = 200;

/**
 * Builds the day view in the user's time zone with two queries (events; open todos that are due by
 * tonight or high priority) split in memory, rather than one query per section.
 */
export class TodayService {
  private readonly events: EventService;

  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db)) {
    this.events = new EventService(db, access);
  }

  /** Today's events, due and overdue todos and top priorities for the context's scope. */
  async today(ctx: ServiceContext): Promise<TodayView> {
    await this.access.assert(ctx, 'todo');
    const startOfToday = startOfLocalDay(ctx.now, ctx.timeZone);
    const startOfTomorrow = startOfLocalDay(ctx.now, ctx.timeZone, 1);
    const [events, todos] = await Promise.all([
      this.events.list(ctx, { range: 'today' }),
      this.db.todo.findMany({
        where: {
          ...scopeWhere(ctx.scope),
          status: 'open',
          OR: [{ dueAt: { lt: startOfTomorrow } }, { priority: 'high' }],
        },
        orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        take: MAX_TODOS,
      }),
    ]);
    const view: TodayView = { events, dueToday: [], overdue: [], topPriorities: [] };
    for (const todo of todos) {
      const due = todo.dueAt?.getTime();
      if (due !== undefined && due < startOfToday.getTime()) view.overdue.push(todo);
      else if (due !== undefined && due < startOfTomorrow.getTime()) view.dueToday.push(todo);
      else if (todo.priority === 'high' && view.topPriorities.length < 5) view.topPriorities.push(todo);
    }
    return view;
  }
}
