/**
 * How the words of the reminder-management and note-edit commands become tool input: `/reminders
 * [today|week|all]`, `/editreminder <ref> <new time or text>`, `/snooze [ref] [duration]`, `/skip
 * [todo] [ref]`, `/editmemo <ref> <new text>`. A changed time is read by the injected offline parser
 * exactly like the time of `/remind …`, so "/editreminder 2 tomorrow 9am" means what "/remind
 * tomorrow 9am …" would. Kept apart from the tools so the tool files hold what the tools do.
 */
import type { CommandOptionSpec } from '../core/command-surface.ts';
import { toAsciiDigits } from './ref-resolver.ts';
import { toolPlan, type CommandArgsContext, type CommandPlan, type CommandTextParser } from './command.ts';

/** The `filter` picker option of `/reminder list`. */
export const REMINDER_FILTER_OPTION: CommandOptionSpec = {
  name: 'filter', description: 'slash_opt_reminderFilter', type: 'string', required: false,
  choices: [{ value: 'today', key: 'slash_range_today' }, { value: 'week', key: 'slash_reminders_week' }, { value: 'all', key: 'slash_filter_all' }],
};

/** "2", "#12", "۳": a ref that is one token (a list number or an id) rather than words. */
const TOKEN_REF = /^(#?\s*[0-9\u06F0-\u06F9\u0660-\u0669]{1,9})(?:\s+([\s\S]+))?$/u;

/**
 * Splits `<ref> <value>` where the value may also be named by one of `fields` (`2 time 7pm`,
 * `#12 text call dad`, `pills to 7pm`). A one-token ref (a number, `#id`) is split off first;
 * words are split at a field word or at " to ", else the first word is the ref.
 */
export function splitRefAndValue(args: string, fields: readonly string[]): { ref: string; field?: string; value: string } | null {
  const words = args.trim();
  if (!words) return null;
  const fieldWord = new RegExp(`^(${fields.join('|')})\\s*[:=]?\\s+([\\s\\S]+)$`, 'iu');
  const token = TOKEN_REF.exec(words);
  if (token) {
    const rest = (token[2] ?? '').trim();
    const named = fieldWord.exec(rest);
    return named ? { ref: token[1]!, field: named[1]!.toLowerCase(), value: named[2]!.trim() } : { ref: token[1]!, value: rest.replace(/^(?:to|:)\s+/iu, '') };
  }
  const byField = new RegExp(`^(.+?)\\s+(${fields.join('|')})\\s*[:=]?\\s+([\\s\\S]+)$`, 'iu').exec(words);
  if (byField) return { ref: byField[1]!, field: byField[2]!.toLowerCase(), value: byField[3]!.trim() };
  const to = /^(.+?)\s+(?:to|→|:)\s+([\s\S]+)$/iu.exec(words);
  if (to) return { ref: to[1]!, value: to[2]!.trim() };
  const [first, ...rest] = words.split(/\s+/);
  return { ref: first!, value: rest.join(' ') };
}

/** A new time (and text) read the way `/remind <words>` reads them. */
function reminderWords(value: string, parse: CommandTextParser, ctx: CommandArgsContext): { at?: unknown; text?: unknown } {
  const parsed = parse(`/remind ${value}`, ctx);
  return parsed.intent === 'create_reminder' ? { at: parsed.params.at, text: parsed.params.text } : {};
}

/**
 * `/editreminder <ref> <new time or text>`: "2 7pm", "pills tomorrow 9am", "#12 text call dad",
 * "#12 time friday 5pm". Words with a time change the time (and the text when words are left over);
 * words without one change the text. "/editreminder pills 7pm" reads "pills" as the ref.
 */
export function planReminderEdit(args: string, parse: CommandTextParser, ctx: CommandArgsContext): CommandPlan {
  const split = splitRefAndValue(args, ['time', 'when', 'text']);
  if (!split) return toolPlan('update_reminder', {}, ['ref']);
  if (split.field === 'text') return toolPlan('update_reminder', { ref: split.ref, text: split.value });
  if (split.field) {
    const read = reminderWords(split.value, parse, ctx);
    return toolPlan('update_reminder', { ref: split.ref, at: read.at ?? split.value });
  }
  if (!TOKEN_REF.test(args.trim())) {
    // "pills 7pm": the whole words read as a reminder; its text is the ref, its time the change.
    const whole = reminderWords(args, parse, ctx);
    const named = typeof whole.text === 'string' ? whole.text.replace(/\s+(?:to|for|at|on|ko|کو)$/iu, '').trim() : '';
    if (whole.at !== undefined && named) return toolPlan('update_reminder', { ref: named, at: whole.at });
  }
  if (!split.value) return toolPlan('update_reminder', { ref: split.ref }, ['text']);
  const read = reminderWords(split.value, parse, ctx);
  if (read.at === undefined) return toolPlan('update_reminder', { ref: split.ref, text: split.value });
  return toolPlan('update_reminder', { ref: split.ref, at: read.at, ...(typeof read.text === 'string' && read.text ? { text: read.text } : {}) });
}

/** `/snooze [ref] [duration]`: "15m", "pills 1h", "2 tomorrow 9am"; nothing = the last one, 10 minutes. */
export function planSnooze(args: string, parse: CommandTextParser, ctx: CommandArgsContext): CommandPlan {
  if (!args.trim()) return toolPlan('snooze_reminder', {});
  const parsed = parse(`/snooze ${args}`, ctx);
  if (parsed.intent === 'snooze_reminder') return toolPlan('snooze_reminder', parsed.params);
  return toolPlan('snooze_reminder', { ref: args.trim() });
}

/** `/skip [ref]` skips a reminder's next time; `/skip todo <ref>` a repeating todo's. */
export function planSkip(args: string): CommandPlan {
  const words = args.trim();
  const todo = /^(?:todo|task|kaam|کام)(?:\s+([\s\S]+))?$/iu.exec(words);
  if (todo) return todo[1] ? toolPlan('skip_occurrence', { kind: 'todo', ref: todo[1].trim() }) : toolPlan('skip_occurrence', { kind: 'todo' }, ['ref']);
  const reminder = /^(?:reminder|yaad|یاد)(?:\s+([\s\S]+))?$/iu.exec(words);
  const ref = reminder ? reminder[1]?.trim() : words;
  if (!ref) return toolPlan('skip_occurrence', reminder ? { kind: 'reminder' } : {});
  // Words name a reminder first; the tool looks among todos when no reminder matches them.
  return toolPlan('skip_occurrence', reminder ? { kind: 'reminder', ref } : { ref });
}

/** `/editmemo <ref> <new text>`, or `<ref> title <new title>` / `<ref> text <new text>`. */
export function planMemoEdit(args: string): CommandPlan {
  const split = splitRefAndValue(args, ['text', 'title']);
  if (!split) return toolPlan('update_memo', {}, ['ref']);
  if (split.field === 'title') return toolPlan('update_memo', { ref: split.ref, title: split.value });
  return split.value ? toolPlan('update_memo', { ref: split.ref, content: split.value }) : toolPlan('update_memo', { ref: split.ref }, ['content']);
}

/** `/reminders [today|week|all]` (Urdu: aaj, hafta). */
export function planReminderList(args: string): CommandPlan {
  const word = toAsciiDigits(args.trim().toLowerCase());
  const filter = /^(?:today|aaj|آج)$/u.test(word) ? 'today' : /^(?:week|this week|hafta|hafte|ہفتہ|ہفتے)$/u.test(word) ? 'week' : /^(?:all|sab|سب)$/u.test(word) ? 'all' : undefined;
  return toolPlan('list_reminders', filter ? { filter } : {});
}
