import type { Db } from '../db/database.ts';
import type { Todo } from '../generated/prisma/client.ts';
import { logChange, logCreate } from './change-log.ts';
import { createItem } from './create-item.ts';
import { NotFoundError, NotRepeatingError, rethrowMissing } from './errors.ts';
import { skipOccurrence } from '../recurrence/next-run.ts';
import { rankAndPreferExact } from './fts-query.ts';
import { bestBySound, SOUND_ALIKE_POOL } from './fuzzy-title-match.ts';
import { ScopeAccess, assertMayDelete, assertMayEdit } from './scope-access.ts';
import { scopeData, scopeWhere, type ServiceContext } from './scope.ts';
import type { ItemPlanning } from './item-planning.ts';
import { SearchService } from './search-service.ts';
import { queryTodoList, type TodoFilter, type TodoWithPeople } from './todo-list-query.ts';

export type { TodoFilter, TodoWithPeople, PersonRef } from './todo-list-query.ts';

/** How urgent a todo is; lists sort high → medium → low. */
export type Priority = 'low' | 'medium' | 'high';
/** Coarse buckets for stats and filters. */
export type Category = 'work' | 'personal' | 'home' | 'other';

/** A new todo as the user described it. */
export interface NewTodo {
  title: string;
  notes?: string;
  due?: Date;
  priority?: Priority;
  category?: Category;
  recurrence?: string;
}

/** Fields to change; `null` clears an optional field, `undefined` leaves it alone. */
export interface TodoPatch {
  title?: string;
  notes?: string | null;
  due?: Date | null;
  priority?: Priority;
  category?: Category;
  recurrence?: string | null;
}

/** Options of a list (defaults: open, 20 per page). */
export interface TodoListOptions {
  filter?: TodoFilter;
  category?: Category;
  priority?: Priority;
  limit?: number;
  offset?: number;
}

/** A change's result: the row as it was and as it is now, so replies can say what changed. */
export interface Changed<T> {
  before: T;
  after: T;
}

/** A skipped occurrence: the change, the occurrence that will not happen, and the next one (null: the series ended). */
export interface SkipResult<T> extends Changed<T> {
  skipped: Date;
  next: Date | null;
}

/**
 * Todos in a scope (personal list or a group's shared list). Every read and write is filtered by
 * the context's scope, so an id from another user or space is indistinguishable from a missing one;
 * every write records the replaced row in ChangeLog within the same transaction for /undo.
 */
export class TodoService {
  private readonly search: SearchService;

  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db), private readonly planning?: ItemPlanning) {
    this.search = new SearchService(db, access);
  }

  /** True when create() plans the reminder itself (in its transaction); callers then need not. */
  get plansReminders(): boolean {
    return this.planning !== undefined;
  }

  /** Adds a todo to the context's scope, created by the acting user; one with a due time gets its reminder in the same transaction. */
  async create(ctx: ServiceContext, input: NewTodo): Promise<Todo> {
    await this.access.assert(ctx, 'todo');
    const scope = scopeData(ctx.scope);
    const title = input.title.trim();
    const planned = input.due && this.planning
      ? await this.planning.planNewTodo({ title, dueAt: input.due, recurrence: input.recurrence ?? null, userId: scope.ownerId ?? ctx.userId })
      : undefined;
    // Raw INSERT … RETURNING: a create is the hottest write (/todo), and this skips Prisma's query
    // planning while returning the same typed row.
    const rows = await createItem(this.db, ctx.now, {
      insert: (tx) => tx.$queryRawUnsafe<Todo[]>(
        `INSERT INTO "Todo" ("title", "notes", "dueAt", "priority", "category", "recurrence", "createdById", "ownerId", "spaceId", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        title, input.notes ?? null, input.due ?? null, input.priority ?? 'medium', input.category ?? 'other',
        input.recurrence ?? null, ctx.userId, scope.ownerId, scope.spaceId, ctx.now, ctx.now,
      ),
      log: (tx) => logCreate(tx, ctx.userId, 'todo', ctx.now),
      planned,
      idOf: (r) => r[0]!.id,
    });
    return rows[0]!;
  }

  /** A page of todos with their people, sorted for display, and the total for "showing 20 of 57". */
  async list(ctx: ServiceContext, options: TodoListOptions = {}): Promise<{ items: TodoWithPeople[]; total: number }> {
    await this.access.assert(ctx, 'todo');
    return queryTodoList(this.db, ctx.scope, {
      filter: options.filter ?? 'open',
      category: options.category,
      priority: options.priority,
      limit: Math.max(1, Math.min(options.limit ?? 20, 200)),
      offset: Math.max(0, options.offset ?? 0),
      timeZone: ctx.timeZone,
      now: ctx.now,
    });
  }

  /** One todo of the scope, or NotFoundError. */
  async get(ctx: ServiceContext, id: number): Promise<Todo> {
    await this.access.assert(ctx, 'todo');
    const todo = await this.db.todo.findFirst({ where: { id, ...scopeWhere(ctx.scope) } });
    if (!todo) throw new NotFoundError('todo');
    return todo;
  }

  /**
   * Todos whose title contains every one of the user's words as a word prefix (case-, accent- and
   * script-insensitive, via the FTS index), best match first; an exact title match wins alone.
   * When no title has the words, the newest todos whose titles sound like them (another script or
   * spelling: "دودھ" for "doodh lena") are the answer. `status` defaults to 'any'.
   */
  async findByWords(ctx: ServiceContext, words: string | readonly string[], options: { status?: 'open' | 'done' | 'any' } = {}): Promise<Todo[]> {
    await this.access.assert(ctx, 'todo');
    const ids = await this.search.idsByWords(ctx.scope, 'todo', words, ['title']);
    const status = options.status ?? 'any';
    if (ids.length === 0) {
      const pool = await this.db.todo.findMany({
        where: { ...scopeWhere(ctx.scope), ...(status === 'any' ? {} : { status }) }, orderBy: { id: 'desc' }, take: SOUND_ALIKE_POOL,
      });
      return bestBySound(words, pool, (t) => [t.title]);
    }
    const rows = await this.db.todo.findMany({
      where: { id: { in: ids }, ...scopeWhere(ctx.scope), ...(status === 'any' ? {} : { status }) },
    });
    return rankAndPreferExact(rows, ids, words, (t) => [t.title]);
  }

  /** Marks a todo done by the acting user (a no-op, without a ChangeLog row, if already done). */
  async complete(ctx: ServiceContext, id: number): Promise<Changed<Todo>> {
    const before = await this.get(ctx, id);
    if (before.status === 'done') return { before, after: before };
    return this.write(ctx, before, 'complete', { status: 'done', completedAt: ctx.now, completedById: ctx.userId });
  }

  /** Puts a done todo back on the open list. */
  async reopen(ctx: ServiceContext, id: number): Promise<Changed<Todo>> {
    const before = await this.get(ctx, id);
    if (before.status === 'open') return { before, after: before };
    return this.write(ctx, before, 'update', { status: 'open', completedAt: null, completedById: null });
  }

  /** Edits a todo; an empty patch changes nothing and logs nothing. */
  async update(ctx: ServiceContext, id: number, patch: TodoPatch): Promise<Changed<Todo>> {
    const before = await this.get(ctx, id);
    const data: Partial<Todo> = {};
    if (patch.title !== undefined) data.title = patch.title.trim();
    if (patch.notes !== undefined) data.notes = patch.notes;
    if (patch.due !== undefined) data.dueAt = patch.due;
    if (patch.priority !== undefined) data.priority = patch.priority;
    if (patch.category !== undefined) data.category = patch.category;
    if (patch.recurrence !== undefined) data.recurrence = patch.recurrence;
    if (Object.keys(data).length === 0) return { before, after: before };
    assertMayEdit(ctx, before.createdById);
    return this.write(ctx, before, 'update', data);
  }

  /**
   * "Skip the next one" of a repeating open todo: its current due occurrence is excepted in the rule
   * (skip=…, survives restarts and re-plans) and it moves to the following occurrence without being
   * completed (the skipped one does not count towards count=); when it was the last, the todo is
   * closed as done. The rule is read in the zone the scheduler uses for its reminder (the owner's,
   * assignee's or creator's). Logged for /undo; NotRepeatingError when there is nothing to skip.
   * The caller re-plans (hooks.todoChanged), as after update.
   */
  async skipNext(ctx: ServiceContext, id: number): Promise<SkipResult<Todo>> {
    const before = await this.get(ctx, id);
    if (!before.recurrence || !before.dueAt || before.status !== 'open') throw new NotRepeatingError('todo');
    assertMayEdit(ctx, before.createdById);
    const recipient = await this.db.user.findUnique({ where: { id: before.ownerId ?? before.assigneeId ?? before.createdById }, select: { timezone: true } });
    const result = skipOccurrence(before.recurrence, before.dueAt, recipient?.timezone || ctx.timeZone, ctx.now, before.repeatCount);
    if (!result) throw new NotRepeatingError('todo');
    const data: Partial<Todo> = result.next
      ? { recurrence: result.rule, dueAt: result.next }
      : { recurrence: result.rule, status: 'done', completedAt: ctx.now, completedById: ctx.userId };
    const changed = await this.write(ctx, before, 'update', data);
    return { ...changed, skipped: before.dueAt, next: result.next };
  }

  /** Deletes a todo (shared ones: creator or chat admin only) and returns the deleted row. */
  async delete(ctx: ServiceContext, id: number): Promise<Todo> {
    const before = await this.get(ctx, id);
    assertMayDelete(ctx, before.createdById);
    await this.db
      .$transaction([
        this.db.todo.delete({ where: { id, ...scopeWhere(ctx.scope) }, select: { id: true } }),
        logChange(this.db, ctx.userId, 'todo', id, 'delete', before, ctx.now),
      ])
      .catch(rethrowMissing('todo'));
    return before;
  }

  private async write(ctx: ServiceContext, before: Todo, action: 'update' | 'complete', data: Partial<Todo>): Promise<Changed<Todo>> {
    const [after] = await this.db
      .$transaction([
        this.db.todo.update({ where: { id: before.id, ...scopeWhere(ctx.scope) }, data }),
        logChange(this.db, ctx.userId, 'todo', before.id, action, before, ctx.now),
      ])
      .catch(rethrowMissing('todo'));
    return { before, after };
  }
}
