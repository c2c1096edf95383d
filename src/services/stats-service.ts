import { startOfLocalDay, startOfLocalWeek } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';
import { ScopeAccess } from './scope-access.ts';
import { scopeWhere, type ServiceContext } from './scope.ts';
import type { Category } from './todo-service.ts';

/** Todo counts for "how am I doing". */
export interface TodoStats {
  open: number;
  /** Completed since local Monday 00:00. */
  doneThisWeek: number;
  /** Open and due before the start of the local day (same meaning as the 'overdue' list). */
  overdue: number;
  /** Open todos per category (every category present, zero when empty). */
  byCategory: Record<Category, number>;
}

/** Counts in three indexed queries run together; the open total is the sum of the category groups. */
export class StatsService {
  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db)) {}

  /** Stats of the context's scope in the user's time zone. */
  async stats(ctx: ServiceContext): Promise<TodoStats> {
    await this.access.assert(ctx, 'todo');
    const scope = scopeWhere(ctx.scope);
    const [groups, doneThisWeek, overdue] = await Promise.all([
      this.db.todo.groupBy({ by: ['category'], where: { ...scope, status: 'open' }, _count: { _all: true } }),
      this.db.todo.count({ where: { ...scope, status: 'done', completedAt: { gte: startOfLocalWeek(ctx.now, ctx.timeZone) } } }),
      this.db.todo.count({ where: { ...scope, status: 'open', dueAt: { lt: startOfLocalDay(ctx.now, ctx.timeZone) } } }),
    ]);
    const byCategory: Record<Category, number> = { work: 0, personal: 0, home: 0, other: 0 };
    let open = 0;
    for (const g of groups) {
      const n = g._count._all;
      open += n;
      byCategory[g.category as Category] = (byCategory[g.category as Category] ?? 0) + n;
    }
    return { open, doneThisWeek, overdue, byCategory };
  }
}
