import type { MessageKey } from '../i18n/index.ts';
import { category, priority } from '../tools/schemas.ts';
import type { Classification, ClassifyContext } from './classifier.ts';

/** Parses a command's natural-language arguments (dates, priorities) — the offline parser. */
export type CommandTextParser = (text: string, ctx: ClassifyContext) => Classification;

/** What a slash command asks for: run a tool with params, or one of the orchestrator's own verbs. */
export type CommandPlan =
  | { kind: 'tool'; tool: string; params: Record<string, unknown>; missing?: string[] }
  | { kind: 'builtin'; name: 'start' | 'help' | 'undo' | 'new' | 'tasks' | 'cancel' | 'stop' | 'link' | 'unlink' | 'export' | 'import'; args: string }
  | { kind: 'unknown'; name: string }
  /** The arguments cannot mean anything: answer with this message instead of guessing. */
  | { kind: 'refuse'; key: MessageKey; vars: Record<string, string> };

const TODO_FILTERS = new Set(['open', 'done', 'overdue', 'today', 'tomorrow', 'week', 'all']);
const EVENT_RANGES = new Set(['today', 'tomorrow', 'week', 'next_week', 'month']);
const EDIT_FIELDS = ['title', 'due', 'priority', 'category', 'notes'] as const;

/** Commands whose arguments are natural language: they go through the parser with this intent. */
const NATURAL: Record<string, { intent: string; required: string; textParam: string }> = {
  todo: { intent: 'create_todo', required: 'title', textParam: 'title' },
  event: { intent: 'create_event', required: 'start', textParam: 'title' },
  remind: { intent: 'create_reminder', required: 'at', textParam: 'text' },
};

/**
 * Maps a slash command and its arguments to a plan. The same words work on every platform; typed
 * options (Discord) arrive already split and are merged by the caller.
 */
export function planCommand(name: string, args: string, parse: CommandTextParser, ctx: ClassifyContext): CommandPlan {
  const a = args.trim();
  switch (name) {
    case 'start': case 'help': case 'undo': case 'new': case 'tasks': case 'cancel': case 'stop':
    case 'link': case 'unlink': case 'export': case 'import':
      return { kind: 'builtin', name, args: a };
    case 'todo': case 'event': case 'remind':
      return naturalCommand(name, a, parse, ctx);
    case 'todos': {
      const word = a.toLowerCase();
      if (!a) return tool('list_todos', {});
      if (TODO_FILTERS.has(word)) return tool('list_todos', { filter: word });
      if ((category.options as readonly string[]).includes(word)) return tool('list_todos', { category: word });
      if ((priority.options as readonly string[]).includes(word)) return tool('list_todos', { priority: word });
      const parsed = parse(`show my ${a} todos`, ctx);
      if (parsed.intent === 'list_todos' && Object.keys(parsed.params).length > 0) return tool('list_todos', parsed.params);
      // "/todos shopping": not a filter, category or priority. Listing everything would look like
      // every todo is about shopping; say what can follow /todos instead.
      return {
        kind: 'refuse', key: 'todosUnknownFilter',
        vars: { word: a.slice(0, 40), categories: category.options.join(', '), priorities: priority.options.join(', '), filters: [...TODO_FILTERS].join(', ') },
      };
    }
    case 'done': return a ? tool('complete_todo', { ref: a }) : tool('complete_todo', {}, ['ref']);
    case 'delete': return a ? tool('delete_todo', { ref: a }) : tool('delete_todo', {}, ['ref']);
    case 'edit': return planEdit(a, parse, ctx);
    case 'events': {
      const word = a.toLowerCase().replace(/\s+/g, '_');
      return tool('list_events', EVENT_RANGES.has(word) ? { range: word } : {});
    }
    case 'memo': return a ? tool('create_memo', { content: a }) : tool('create_memo', {}, ['content']);
    case 'memos': return tool('list_memos', a ? { query: a } : {});
    case 'search': return a ? tool('search', { query: a }) : tool('search', {}, ['query']);
    case 'today': return tool('daily_briefing', {});
    case 'stats': return tool('get_stats', {});
    case 'timezone': return a ? tool('set_timezone', { timezone: a }) : tool('set_timezone', {}, ['timezone']);
    case 'language': {
      const word = a.toLowerCase();
      const language = ['en', 'english', 'انگریزی'].includes(word) ? 'en' : ['ur', 'urdu', 'اردو'].includes(word) ? 'ur' : a;
      return tool('set_language', { language });
    }
    case 'briefing': {
      const word = a.toLowerCase();
      if (['off', 'stop', 'disable', 'band'].includes(word)) return tool('set_briefing', { enabled: false });
      if (!a || ['on', 'enable'].includes(word)) return tool('set_briefing', { enabled: true });
      return tool('set_briefing', { time: a, enabled: true });
    }
    default:
      return { kind: 'unknown', name };
  }
}

function tool(name: string, params: Record<string, unknown>, missing?: string[]): CommandPlan {
  return missing ? { kind: 'tool', tool: name, params, missing } : { kind: 'tool', tool: name, params };
}

function naturalCommand(name: keyof typeof NATURAL & string, args: string, parse: CommandTextParser, ctx: ClassifyContext): CommandPlan {
  const spec = NATURAL[name]!;
  if (!args) return tool(spec.intent, {}, [spec.textParam, ...(spec.required !== spec.textParam ? [spec.required] : [])]);
  const parsed = parse(`/${name} ${args}`, ctx);
  if (parsed.intent === spec.intent) {
    const missing = parsed.missing?.length ? parsed.missing : spec.required in parsed.params ? undefined : [spec.required];
    return tool(spec.intent, parsed.params, missing);
  }
  // The parser read it differently; the person clearly asked for this command, so keep their words.
  return tool(spec.intent, { [spec.textParam]: args }, spec.required === spec.textParam ? undefined : [spec.required]);
}

/** `/edit <ref> <field> <value>`: field is title, due, priority, category or notes. */
function planEdit(args: string, parse: CommandTextParser, ctx: ClassifyContext): CommandPlan {
  const m = new RegExp(`^(.+?)\\s+(${EDIT_FIELDS.join('|')})\\s*[:=]?\\s+(.+)$`, 'is').exec(args);
  if (!m) return args ? tool('update_todo', { ref: args }, ['title']) : tool('update_todo', {}, ['ref']);
  const [, ref, field, value] = m as unknown as [string, string, string, string];
  const f = field.toLowerCase();
  if (f === 'due') {
    const parsed = parse(`/todo x ${value}`, ctx);
    return parsed.params.due ? tool('update_todo', { ref, due: parsed.params.due }) : tool('update_todo', { ref, due: value });
  }
  return tool('update_todo', { ref, [f]: f === 'priority' || f === 'category' ? value.toLowerCase() : value });
}
