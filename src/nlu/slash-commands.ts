/**
 * Slash commands with natural arguments: "/remind 15m take pills", "/event dentist fri 4pm",
 * "/todo pay rent friday", "/todos done", "/done 3", "/search milk", "/timezone Asia/Karachi",
 * "/language ur". A "@botname" suffix (Telegram groups) is ignored. Which names exist and which
 * tool each stands for comes from the command catalog (injected as a SlashCommandTable); here is
 * only how each intent's arguments are read, with the same param rules as free text.
 */
import { Work } from './work-text.ts';
import { refFrom, trimFillers } from './fillers.ts';
import { todoFilter, eventRange, takePriority, takeCategory } from './params.ts';
import { timeZoneParam } from './timezones.ts';
import { result, type Msg, type Rule, type RuleResult } from './message.ts';
import type { SlashCommandTable } from './types.ts';
import { reminderFrom } from './rules-reminder.ts';
import { todoFrom } from './rules-todo.ts';
import { eventFrom } from './rules-event.ts';
import { updateRule } from './rules-update.ts';
import { snooze } from './rules-reminder-manage.ts';

const SLASH = /^\s*\/([a-z_]+)(?:@[\w.]+)?(?:\s+([\s\S]*))?$/i;

type Handler = (m: Msg, args: string) => RuleResult;

function withArgs(m: Msg, args: string): Msg {
  const work = new Work(args);
  return { ...m, work, key: work.key };
}

function refOf(args: string): string {
  return refFrom(new Work(args));
}

/** "/briefing off|on|7am", "/today": a time or on/off sets the briefing, otherwise `otherwise`. */
function briefingArgs(a: string, otherwise: () => RuleResult): RuleResult {
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
  return otherwise();
}

/** How each intent's command arguments are read. An intent without an entry takes no arguments. */
const ARGUMENTS: Record<string, Handler> = {
  create_reminder: (m, a) => reminderFrom(withArgs(m, a)),
  create_todo: (m, a) => todoFrom(withArgs(m, a), true),
  list_todos: (_m, a) => {
    const w = new Work(a);
    const priority = takePriority(w);
    const category = takeCategory(new Work(`, ${a}`)) ?? (/^\s*(work|home|personal)\b/i.exec(a)?.[1]?.toLowerCase());
    return result('list_todos', { filter: a ? todoFilter(w.key) : undefined, category, priority });
  },
  complete_todo: (_m, a) => result('complete_todo', { ref: refOf(a) }, ['ref']),
  delete_todo: (_m, a) => result('delete_todo', { ref: refOf(a) }, ['ref']),
  update_todo: (m, a) => updateRule(withArgs(m, `move ${a}`)) ?? result('update_todo', { ref: refOf(a) }, ['ref']),
  create_event: (m, a) => eventFrom(withArgs(m, a)),
  list_events: (_m, a) => result('list_events', { range: a ? eventRange(new Work(a).key) : undefined }),
  update_event: (m, a) => {
    const read = updateRule(withArgs(m, `move ${a}`));
    if (!read) return result('update_event', { ref: refOf(a) }, ['ref']);
    const { due, ...params } = read.params;
    return result('update_event', { ...params, ...(due !== undefined && params.start === undefined && { start: due }) }, ['ref']);
  },
  delete_event: (_m, a) => result('delete_event', { ref: refOf(a) }, ['ref']),
  create_memo: (_m, a) => result('create_memo', { content: new Work(a).rest() }, ['content']),
  list_memos: (_m, a) => result('list_memos', { query: a ? refOf(a) : undefined }),
  delete_memo: (_m, a) => result('delete_memo', { ref: refOf(a) }, ['ref']),
  list_reminders: (_m, a) => {
    const k = new Work(a).key.trim();
    const filter = /^(?:today|aaj|آج)$/.test(k) ? 'today' : /^(?:week|this week|hafta|hafte|ہفتہ|ہفتے)$/.test(k) ? 'week' : /^(?:all|sab|سب)$/.test(k) ? 'all' : undefined;
    return result('list_reminders', { filter });
  },
  cancel_reminder: (_m, a) => result('cancel_reminder', { ref: refOf(a) }, ['ref']),
  pause_reminder: (_m, a) => result('pause_reminder', { ref: refOf(a) }, ['ref']),
  resume_reminder: (_m, a) => result('resume_reminder', { ref: refOf(a) }, ['ref']),
  // "/snooze 15m", "/snooze pills 1h"; nothing = the reminder that arrived last, 10 minutes.
  snooze_reminder: (m, a) => snooze(withArgs(m, a)),
  skip_occurrence: (_m, a) => result('skip_occurrence', { ref: a ? refOf(a) : undefined }),
  search: (_m, a) => result('search', { query: refOf(a) }, ['query']),
  daily_briefing: (_m, a) => briefingArgs(a, () => result('daily_briefing', {})),
  set_briefing: (_m, a) => briefingArgs(a, () => result('set_briefing', a.trim() ? {} : { enabled: true })),
  set_timezone: (_m, a) => result('set_timezone', { timezone: timeZoneParam(a) }, ['timezone']),
  set_language: (_m, a) => {
    const k = new Work(a).key.trim();
    const language = /^(?:ur|urdu|اردو|roman)/.test(k) ? 'ur' : /^(?:en|eng|english|انگریزی)/.test(k) ? 'en' : undefined;
    return result('set_language', { language }, ['language']);
  },
  delegate_task: (_m, a) => {
    const w = new Work(a);
    trimFillers(w);
    return result('delegate_task', { instruction: w.rest() }, ['instruction']);
  },
};

/**
 * The slash-command rule for a command table: a known tool command is read with its intent's
 * argument rules; a conversation command (/help, /tasks, /cancel …) is no action on items and
 * reads as general_chat; an unknown name passes to the other rules.
 */
export function slashRule(commands: SlashCommandTable): Rule {
  return (m) => {
    const s = SLASH.exec(m.work.clean);
    if (!s) return null;
    const intent = commands.get((s[1] ?? '').toLowerCase());
    if (intent === undefined) return null;
    if (intent === null) return result('general_chat', {});
    const read = ARGUMENTS[intent];
    return read ? read(m, (s[2] ?? '').trim()) : result(intent, {});
  };
}
