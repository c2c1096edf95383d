/**
 * The offline parser's entry point: message text -> { intent, params, language, missing? }.
 * Pure and synchronous (only `ctx` supplies time and zone), so the orchestrator can call it on
 * every message when no LLM is configured and tests need no clock tricks.
 *
 * Rules are tried from the most specific (settings, reminders) to the most open (search,
 * delegate); when nothing claims the message it is general_chat, because a wrong action is worse
 * than a chat reply.
 */
import { systemClock } from '../core/clock.ts';
import type { ParseContext, ParsedMessage, SlashCommandTable } from './types.ts';
import { sanitize } from './normalize.ts';
import { detectLanguageVariant } from './language.ts';
import { Work } from './work-text.ts';
import type { Msg, Rule, RuleResult } from './message.ts';
import { isValidTimeZone } from '../core/zoned-time.ts';
import { slashRule } from './slash-commands.ts';
import { chatGuardRule, searchRule, delegateRule } from './rules-misc.ts';
import { setTimezoneRule, setLanguageRule, setBriefingRule, statsRule, briefingRule } from './rules-settings.ts';
import { reminderRule } from './rules-reminder.ts';
import { manageReminderRule, textlessReminderIsSnooze } from './rules-reminder-manage.ts';
import { updateMemoRule } from './rules-memo-update.ts';
import { skipNextRule } from './rules-skip.ts';
import { createMemoRule, listMemosRule, deleteMemoRule } from './rules-memo.ts';
import { updateRule } from './rules-update.ts';
import { completeTodoRule, createTodoRule, listTodosRule, todoFrom } from './rules-todo.ts';
import { deleteRule } from './rules-delete.ts';
import { createEventRule, listEventsRule, addWithTimeIsEvent, eventFrom, timedEventRule } from './rules-event.ts';
import { rx } from './work-text.ts';
import { forgetDateReadings } from './dates-en.ts';
import { searchQuestionRule, implicitTodoRule } from './rules-implicit.ts';
import { dayQuestionRule } from './rules-day-question.ts';

const GENERIC_ADD = rx("^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|kindly|also)[\\s,]+)*(?:add|put|create|new|make)\\s+(?!(?:a\\s+)?(?:note|memo|reminder)›)");

/** "add X" with no list or calendar named: an event when a clock time is given, else a todo. */
const genericAddRule: Rule = (m) => {
  if (!GENERIC_ADD.test(m.key)) return null;
  return addWithTimeIsEvent(m) ? eventFrom(m) : todoFrom(m);
};

/** Order matters: earlier rules are more specific. See the module comment. */
const RULES: readonly Rule[] = [
  chatGuardRule,
  setLanguageRule,
  setTimezoneRule,
  setBriefingRule,
  statsRule,
  dayQuestionRule,
  skipNextRule,
  manageReminderRule,
  searchQuestionRule,
  (m) => { const r = reminderRule(m); return r && textlessReminderIsSnooze(r, m); },
  updateMemoRule,
  deleteMemoRule,
  createMemoRule,
  listMemosRule,
  updateRule,
  completeTodoRule,
  deleteRule,
  createEventRule,
  createTodoRule,
  delegateRule,
  listEventsRule,
  briefingRule,
  listTodosRule,
  searchRule,
  genericAddRule,
  implicitTodoRule,
  timedEventRule,
];

/** No slash commands: a parser used without the command catalog reads "/x" like other words. */
const NO_COMMANDS: SlashCommandTable = new Map();

/** The rule list with the slash-command rule of a command table first; the empty table's is reused. */
const rulesFor = (() => {
  const built = new WeakMap<SlashCommandTable, readonly Rule[]>();
  return (commands: SlashCommandTable): readonly Rule[] => {
    let rules = built.get(commands);
    if (!rules) {
      rules = commands.size ? [slashRule(commands), ...RULES] : RULES;
      built.set(commands, rules);
    }
    return rules;
  };
})();

/**
 * Parses one chat message. Never throws: empty, huge, emoji-only or garbled input comes back as
 * general_chat. `missing` names required params the message did not state (see README contract).
 * `commands` is the slash-command table built from the command catalog (the app's and the classify
 * CLI's); without it slash commands are not recognised as such.
 */
export function parseMessage(text: string, ctx: ParseContext, commands: SlashCommandTable = NO_COMMANDS): ParsedMessage {
  const clean = sanitize(text);
  const variant = detectLanguageVariant(clean);
  const language = variant === 'en' ? 'en' : 'ur';
  if (!clean || !/[\p{L}\p{N}]/u.test(clean)) return { intent: 'general_chat', params: {}, language };
  const safeCtx: ParseContext = {
    now: ctx?.now instanceof Date && Number.isFinite(ctx.now.getTime()) ? ctx.now : systemClock.now(),
    timeZone: ctx?.timeZone && isValidTimeZone(ctx.timeZone) ? ctx.timeZone : 'UTC',
  };
  forgetDateReadings();
  const work = new Work(clean);
  const msg: Msg = { key: work.key, work, variant, ctx: safeCtx };
  let found: RuleResult | null = null;
  for (const rule of rulesFor(commands)) {
    try {
      msg.work = work.copy();
      found = rule(msg);
    } catch {
      found = null;
    }
    if (found) break;
  }
  if (!found) return { intent: 'general_chat', params: {}, language };
  return found.missing ? { ...found, language } : { intent: found.intent, params: found.params, language };
}
