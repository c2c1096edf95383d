import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { pageActions, todoActions, undoAction } from './buttons.ts';
import { ambiguityOutcome, resolveRef } from './ref-resolver.ts';
import { category, instant, priority, recurrence, ref, words } from './schemas.ts';
import { defineTool, type ToolContext, type ToolOutcome } from './tool.ts';
import { todoView } from './views.ts';

/** Items per page in a todo list. */
export const TODO_PAGE_SIZE = 10;
const listFilter = z.enum(['open', 'done', 'overdue', 'today', 'tomorrow', 'week', 'all']);

export const createTodo = defineTool({
  name: 'create_todo',
  description: 'Add a todo to the current list (personal in a DM, shared in a group).',
  input: z.object({
    title: words().describe('What to do, in the user\'s own words, without the date'),
    due: instant.optional(),
    priority: priority.optional(),
    category: category.optional(),
    recurrence: recurrence.optional(),
  }),
  async execute(ctx, input) {
    const todo = await ctx.services.todos.create(ctx.svc, input);
    // A new todo without a due time has no reminder to plan (and none to cancel); with a planner
    // wired into the service it was planned in the creating transaction already.
    if (todo.dueAt && !ctx.services.todos.plansReminders) await ctx.hooks.todoChanged(todo.id);
    const view = todoView(todo, ctx.lang, ctx.svc);
    return {
      reply: { text: t(ctx.lang, 'todoCreated', { title: todo.title }), card: { type: 'item', item: view }, actions: todoActions(ctx.lang, todo.id, true, true), language: ctx.lang },
      result: { status: 'created', todo: { id: todo.id, title: todo.title, due: todo.dueAt?.toISOString() ?? null } },
    };
  },
});

/** Shows one page of todos and remembers it so "/done 2" refers to the second line. */
export async function todoListOutcome(ctx: ToolContext, input: { filter?: z.infer<typeof listFilter>; category?: string; priority?: string }, page = 1): Promise<ToolOutcome> {
  const filter = input.filter ?? 'open';
  const { items, total } = await ctx.services.todos.list(ctx.svc, {
    filter, category: input.category as never, priority: input.priority as never,
    limit: TODO_PAGE_SIZE, offset: (page - 1) * TODO_PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / TODO_PAGE_SIZE));
  const views = items.map((todo, i) => todoView(todo, ctx.lang, ctx.svc, (page - 1) * TODO_PAGE_SIZE + i + 1));
  // Positions continue across pages (page 2 shows 11–20), so earlier slots stay empty (0 = no item).
  await ctx.lastList.set('todo', [...Array<number>((page - 1) * TODO_PAGE_SIZE).fill(0), ...items.map((i) => i.id)]);
  const title = ctx.svc.scope.kind === 'space' ? t(ctx.lang, 'groupTodosTitle', { group: ctx.spaceTitle ?? '' }) : t(ctx.lang, 'todosTitle');
  // An empty filtered list says which filter was empty, not that there are no todos at all.
  const empty = input.category ? t(ctx.lang, 'todosEmptyCategory', { category: t(ctx.lang, `category_${input.category as 'work'}`) })
    : input.priority ? t(ctx.lang, 'todosEmptyPriority', { priority: t(ctx.lang, `priority_${input.priority as 'high'}`) })
    : t(ctx.lang, 'todosEmpty');
  const text = total === 0 ? empty : title;
  return {
    reply: {
      text,
      card: { type: 'list', title, items: views, page, pages, emptyText: empty },
      actions: pageActions(ctx.lang, 'todo', page, pages, filter),
      language: ctx.lang,
    },
    result: { total, page, pages, todos: items.map((i) => ({ id: i.id, title: i.title, status: i.status, due: i.dueAt?.toISOString() ?? null, priority: i.priority })) },
  };
}

export const listTodos = defineTool({
  name: 'list_todos',
  description: 'List todos, optionally filtered (open, done, overdue, today, tomorrow, week, all), by category or priority.',
  input: z.object({ filter: listFilter.optional(), category: category.optional(), priority: priority.optional() }),
  execute: (ctx, input) => todoListOutcome(ctx, input),
});

export const completeTodo = defineTool({
  name: 'complete_todo',
  description: 'Mark a todo as done.',
  input: z.object({ ref }),
  async execute(ctx, input) {
    const found = await resolveRef(ctx, 'todo', ctx.services.todos, input.ref, 'open');
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'todo', input.ref, found.items.map((x) => todoView(x, ctx.lang, ctx.svc)));
    if (found.item.status === 'done') {
      return { reply: { text: t(ctx.lang, 'todoAlreadyDone', { title: found.item.title }), language: ctx.lang }, result: { status: 'already_done', id: found.item.id } };
    }
    const { after } = await ctx.services.todos.complete(ctx.svc, found.item.id);
    await ctx.hooks.todoCompleted(after.id);
    // The actor just completed it: a shared list's card says so without another query.
    const shown = { ...after, completedBy: { displayName: ctx.userName } };
    return {
      reply: { text: t(ctx.lang, 'todoCompleted', { title: after.title }), card: { type: 'item', item: todoView(shown, ctx.lang, ctx.svc) }, actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'completed', id: after.id, title: after.title },
    };
  },
});

export const deleteTodo = defineTool({
  name: 'delete_todo',
  description: 'Delete a todo.',
  input: z.object({ ref }),
  async execute(ctx, input) {
    const found = await resolveRef(ctx, 'todo', ctx.services.todos, input.ref);
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'todo', input.ref, found.items.map((x) => todoView(x, ctx.lang, ctx.svc)));
    const deleted = await ctx.services.todos.delete(ctx.svc, found.item.id);
    await ctx.hooks.todoChanged(deleted.id);
    return {
      reply: { text: t(ctx.lang, 'todoDeleted', { title: deleted.title }), actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'deleted', id: deleted.id, title: deleted.title },
    };
  },
});

export const updateTodo = defineTool({
  name: 'update_todo',
  description: 'Change a todo\'s title, due date, priority or category.',
  input: z.object({ ref, title: words().optional(), due: instant.optional(), priority: priority.optional(), category: category.optional(), notes: words(2_000).optional() }),
  async execute(ctx, { ref: r, ...patch }) {
    const found = await resolveRef(ctx, 'todo', ctx.services.todos, r);
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'todo', r, found.items.map((x) => todoView(x, ctx.lang, ctx.svc)));
    const { after } = await ctx.services.todos.update(ctx.svc, found.item.id, patch);
    await ctx.hooks.todoChanged(after.id);
    return {
      reply: { text: t(ctx.lang, 'todoUpdated', { title: after.title }), card: { type: 'item', item: todoView(after, ctx.lang, ctx.svc) }, actions: todoActions(ctx.lang, after.id, after.status === 'open', true), language: ctx.lang },
      result: { status: 'updated', id: after.id, title: after.title, due: after.dueAt?.toISOString() ?? null, priority: after.priority, category: after.category },
    };
  },
});
