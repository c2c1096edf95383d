/**
 * Slash commands with natural arguments: "/remind 15m take pills", "/event dentist fri 4pm",
 * "/todo pay rent friday", "/todos done", "/done 3", "/search milk", "/timezone Asia/Karachi",
 * "/language ur". A "@botname" suffix (Telegram groups) is ignored. The command picks the intent;
 * the arguments go through the same param rules as free text.
 */
import { Work } from './work-text.ts';
import { refFrom, trimFillers } from './fillers.ts';
import { todoFilter, eventRange, takePriority, takeCategory } from './params.ts';
import { timeZoneParam } from './timezones.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { reminderFrom } from './rules-reminder.ts';
import { todoFrom } from './rules-todo.ts';
import { eventFrom } from './rules-event.ts';
import { updateRule } from './rules-update.ts';

const SLASH = /^\s*\/([a-z_]+)(?:@[\w.]+)?(?:\s+([\s\S]*))?$/i;

type Handler = (m: Msg, args: string) => RuleResult;

function withArgs(m: Msg, args: string): Msg {
  const work = new Work(args);
  return { ...m, work, key: work.key };
}

function refOf(args: string): string {
  return refFrom(new Work(args));
}

const ALIASES: Record<string, string> = {
  remind: 'remind', reminder: 'remind', r: 'remind', remindme: 'remind',
  todo: 'todo', task: 'todo', add: 'todo', t: 'todo', newtask: 'todo',
  todos: 'todos', tasks: 'todos', list: 'todos', mytasks: 'todos',
  done: 'done', complete: 'done', finish: 'done', check: 'done',
  delete: 'delete', del: 'delete', remove: 'delete', rm: 'delete', deltodo: 'delete',
  event: 'event', meeting: 'event', schedule: 'event', cal: 'event',
  events: 'events', calendar: 'events', agenda: 'events',
  cancel: 'cancel', delevent: 'cancel',
  note: 'note', memo: 'note', save: 'note',
  notes: 'notes', memos: 'notes',
  delnote: 'delnote',
  search: 'search', find: 'search', s: 'search',
  brief: 'briefing', briefing: 'briefing', today: 'briefing', daily: 'briefing',
  stats: 'stats', statistics: 'stats', progress: 'stats',
  timezone: 'timezone', tz: 'timezone', settz: 'timezone', zone: 'timezone',
  language: 'language', lang: 'language', setlang: 'language',
  ask: 'delegate', do: 'delegate', delegate: 'delegate', agent: 'delegate',
  edit: 'edit', update: 'edit', move: 'edit', reschedule: 'edit',
};

const HANDLERS: Record<string, Handler> = {
  remind: (m, a) => reminderFrom(withArgs(m, a)),
  todo: (m, a) => todoFrom(withArgs(m, a), true),
  todos: (m, a) => {
    const w = new Work(a);
    const priority = takePriority(w);
    const category = takeCategory(new Work(`, ${a}`)) ?? (/^\s*(work|home|personal)\b/i.exec(a)?.[1]?.toLowerCase());
    return result('list_todos', { filter: a ? todoFilter(w.key) : undefined, category, priority });
  },
  done: (_m, a) => result('complete_todo', { ref: refOf(a) }, ['ref']),
  delete: (_m, a) => result('delete_todo', { ref: refOf(a) }, ['ref']),
  event: (m, a) => eventFrom(withArgs(m, a)),
  events: (_m, a) => result('list_events', { range: a ? eventRange(new Work(a).key) : undefined }),
  cancel: (_m, a) => result('delete_event', { ref: refOf(a) }, ['ref']),
  note: (_m, a) => result('create_memo', { content: new Work(a).rest() }, ['content']),
  notes: (_m, a) => result('list_memos', { query: a ? refOf(a) : undefined }),
  delnote: (_m, a) => result('delete_memo', { ref: refOf(a) }, ['ref']),
  search: (_m, a) => result('search', { query: refOf(a) }, ['query']),
  briefing: (m, a) => {
    const w = new Work(a);
    if (/\b(?:off|stop|disable)\b/i.test(w.key)) return result('set_briefing', { enabled: false });
    if (/\b(?:on|enable|start)\b/i.test(w.key)) return result('set_briefing', { enabled: true });
    const t = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(w.key.trim());
    if (t) {
      let h = Number(t[1]) % 24;
      if (t[3]?.toLowerCase() === 'pm' && h < 12) h += 12;
      if (t[3]?.toLowerCase() === 'am' && h === 12) h = 0;
      return result('set_briefing', { time: `${String(h).padStart(2, '0')}:${(t[2] ?? '00').padStart(2, '0')}` });
    }
    void m;
    return result('daily_briefing', {});
  },
  stats: () => result('get_stats', {}),
  timezone: (_m, a) => result('set_timezone', { timezone: timeZoneParam(a) }, ['timezone']),
  language: (_m, a) => {
    const k = new Work(a).key.trim();
    const language = /^(?:ur|urdu|اردو|roman)/.test(k) ? 'ur' : /^(?:en|eng|english|انگریزی)/.test(k) ? 'en' : undefined;
    return result('set_language', { language }, ['language']);
  },
  delegate: (_m, a) => {
    const w = new Work(a);
    trimFillers(w);
    return result('delegate_task', { instruction: w.rest() }, ['instruction']);
  },
  edit: (m, a) => updateRule(withArgs(m, `move ${a}`)) ?? result('update_todo', { ref: refOf(a) }, ['ref']),
};

/** Parses a slash command; null when the text is not one (or names an unknown command). */
export function slashRule(m: Msg): RuleResult | null {
  const s = SLASH.exec(m.work.clean);
  if (!s) return null;
  const name = ALIASES[(s[1] ?? '').toLowerCase()];
  if (!name) return null;
  const handler = HANDLERS[name];
  return handler ? handler(m, (s[2] ?? '').trim()) : null;
}
