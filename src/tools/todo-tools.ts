import { z } from 'zod';
import { isTodoFilter, TODO_FILTERS } from '../core/list-filters.ts';
import { t } from '../i18n/index.ts';
import { pageActions, todoActions, undoAction } from './buttons.ts';
import { ambiguityOutcome, resolveRef } from './ref-resolver.ts';
import { category, instant, priority, recurrence, ref, words } from './schemas.ts';
import { defineTool, type ToolContext, type ToolOutcome } from './tool.ts';
import {
  itemOption, naturalPlanner, refPlanner, SCOPE_OPTION, textOption, toolPlan, type CommandArgsContext, type CommandPlan, type CommandTextParser,
} from './command.ts';
import type { CommandOptionSpec } from '../core/command-surface.ts';
import { todoView } from './views.ts';

/** Items per page in a todo list. */
export const TODO_PAGE_SIZE = 10;
const listFilter = z.enum(TODO_FILTERS);
const EDIT_FIELDS = ['title', 'due', 'priority', 'category', 'notes'] as const;

/** Discord's priority and category pickers (the values are the schemas' own). */
const PRIORITY_OPTION: CommandOptionSpec = {
  name: 'priority', description: 'slash_opt_priority', type: 'string', required: false,
  choices: [...priority.options].reverse().map((value) => ({ value, key: `priority_${value}` })),
};
const CATEGORY_OPTION: CommandOptionSpec = {
  name: 'category', description: 'slash_opt_category', type: 'string', required: false,
  choices: category.options.map((value) => ({ value, key: `category_${value}` })),
};

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
  command: {
    names: { en: ['todo', 'task', 'add', 't', 'newtask'], ur: ['kaam'] }, description: 'cmd_todo', usage: 'usage_text', order: 10,
    plan: naturalPlanner('todo', 'create_todo', 'title', 'title'),
    picker: {
      group: 'todo', name: 'add', order: 10,
      options: [textOption('text', 'slash_opt_todoText', true), PRIORITY_OPTION, CATEGORY_OPTION, SCOPE_OPTION],
      route: { kind: 'command', command: 'todo', args: 'text', options: ['priority', 'category'] },
    },
  },
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
  command: {
    names: { en: ['todos', 'list', 'mytasks'] }, description: 'cmd_todos', usage: 'usage_todos', usageVars: { filters: TODO_FILTERS.join('|') }, order: 11,
    plan: planTodos,
    picker: {
      group: 'todo', name: 'list', order: 11,
      options: [{ name: 'filter', description: 'slash_opt_filter', type: 'string', required: false, choices: TODO_FILTERS.map((f) => ({ value: f, key: `slash_filter_${f}` })) }, SCOPE_OPTION],
      route: { kind: 'command', command: 'todos', args: 'filter' },
    },
  },
  execute: (ctx, input) => todoListOutcome(ctx, input),
});

export const completeTodo = defineTool({
  name: 'complete_todo',
  description: 'Mark a todo as done.',
  input: z.object({ ref }),
  command: {
    names: { en: ['done', 'complete', 'finish', 'check'] }, description: 'cmd_done', usage: 'usage_ref', order: 12, plan: refPlanner('complete_todo'),
    picker: { group: 'todo', name: 'done', order: 12, options: [itemOption('todo', 'open'), SCOPE_OPTION], route: { kind: 'command', command: 'done', args: 'item' } },
  },
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
  command: {
    names: { en: ['delete', 'del', 'remove', 'rm'] }, description: 'cmd_delete', usage: 'usage_ref', order: 14, plan: refPlanner('delete_todo'),
    // A todo, whatever list was shown last (typed "/delete 2" follows the newest list instead).
    picker: { group: 'todo', name: 'delete', order: 14, options: [itemOption('todo'), SCOPE_OPTION], route: { kind: 'command', command: 'delete', args: 'item', fixed: { kind: 'todo' } } },
  },
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
  command: {
    names: { en: ['edit', 'update', 'move', 'reschedule'] }, description: 'cmd_edit', usage: 'usage_edit', usageVars: { fields: EDIT_FIELDS.join('|') }, order: 13, plan: planEdit,
    picker: {
      group: 'todo', name: 'edit', order: 13,
      options: [itemOption('todo'), textOption('title', 'slash_opt_title', false, 500), textOption('due', 'slash_opt_due', false, 100), PRIORITY_OPTION, CATEGORY_OPTION, textOption('notes', 'slash_opt_notes', false, 2000), SCOPE_OPTION],
      // The core's `edit <ref> <field> <value>` takes one field in words (a due date is parsed
      // like "/todo … tomorrow 5pm"); the other fields ride along as typed options.
      route: { kind: 'edit', command: 'edit', item: 'item', fields: ['due', 'title', 'priority', 'category', 'notes'] },
    },
  },
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

/**
 * `/todos [filter|category|priority|words]`. Words that are none of them go through the parser
 * ("/todos due this week"); if it finds nothing, the person is told what can follow /todos rather
 * than shown everything (which would look like every todo matched).
 */
function planTodos(a: string, parse: CommandTextParser, ctx: CommandArgsContext): CommandPlan {
  const word = a.toLowerCase();
  if (!a) return toolPlan('list_todos', {});
  if (isTodoFilter(word)) return toolPlan('list_todos', { filter: word });
  if ((category.options as readonly string[]).includes(word)) return toolPlan('list_todos', { category: word });
  if ((priority.options as readonly string[]).includes(word)) return toolPlan('list_todos', { priority: word });
  const parsed = parse(`show my ${a} todos`, ctx);
  if (parsed.intent === 'list_todos' && Object.keys(parsed.params).length > 0) return toolPlan('list_todos', parsed.params);
  return {
    kind: 'refuse', key: 'todosUnknownFilter',
    vars: { word: a.slice(0, 40), categories: category.options.join(', '), priorities: priority.options.join(', '), filters: TODO_FILTERS.join(', ') },
  };
}

/** `/edit <ref> <field> <value>`: field is title, due, priority, category or notes. */
function planEdit(args: string, parse: CommandTextParser, ctx: CommandArgsContext): CommandPlan {
  const m = new RegExp(`^(.+?)\\s+(${EDIT_FIELDS.join('|')})\\s*[:=]?\\s+(.+)$`, 'is').exec(args);
  if (!m) return args ? toolPlan('update_todo', { ref: args }, ['title']) : toolPlan('update_todo', {}, ['ref']);
  const [, ref, field, value] = m as unknown as [string, string, string, string];
  const f = field.toLowerCase();
  if (f === 'due') {
    const parsed = parse(`/todo x ${value}`, ctx);
    return parsed.params.due ? toolPlan('update_todo', { ref, due: parsed.params.due }) : toolPlan('update_todo', { ref, due: value });
  }
  return toolPlan('update_todo', { ref, [f]: f === 'priority' || f === 'category' ? value.toLowerCase() : value });
}
