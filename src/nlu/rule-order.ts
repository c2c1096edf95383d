/**
 * The intent rules in the order they are tried: from the most specific (settings, reminders) to
 * the most open (search, delegate, "add X"). The first rule that claims a message gives the rules'
 * reading; the intent model (intent-decision.ts) then agrees, overrides or asks.
 */
import type { SlashCommandTable } from './types.ts';
import type { Rule } from './message.ts';
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
import { searchQuestionRule, implicitTodoRule } from './rules-implicit.ts';
import { dayQuestionRule } from './rules-day-question.ts';
import { calendarQuestionRule } from './rules-calendar-question.ts';

const GENERIC_ADD = rx("^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|kindly|also)[\\s,]+)*(?:add|put|create|new|make)\\s+(?!(?:a\\s+)?(?:note|memo|reminder)›)");

/** "add X" with no list or calendar named: an event when a clock time is given, else a todo. */
const genericAddRule: Rule = (m) => {
  if (!GENERIC_ADD.test(m.key)) return null;
  return addWithTimeIsEvent(m) ? eventFrom(m) : todoFrom(m);
};

/** "remind me …", or a snooze when it names no words ("remind me again in 10 minutes"). */
const reminderOrSnoozeRule: Rule = (m) => {
  const r = reminderRule(m);
  return r && textlessReminderIsSnooze(r, m);
};

/** Order matters: earlier rules are more specific. See the module comment. */
export const RULES: readonly Rule[] = [
  chatGuardRule,
  setLanguageRule,
  setTimezoneRule,
  setBriefingRule,
  statsRule,
  dayQuestionRule,
  skipNextRule,
  manageReminderRule,
  searchQuestionRule,
  reminderOrSnoozeRule,
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
  calendarQuestionRule,
  listEventsRule,
  briefingRule,
  listTodosRule,
  searchRule,
  genericAddRule,
  implicitTodoRule,
  timedEventRule,
];

/** No slash commands: a parser used without the command catalog reads "/x" like other words. */
export const NO_COMMANDS: SlashCommandTable = new Map();

/** The rule list with the slash-command rule of a command table first; the empty table's is reused. */
export const rulesFor = (() => {
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
 * Rules that claim a message only on an explicit request ("remind me to …", "add … to my calendar",
 * "delete …", "set my timezone …"), as opposed to the open readings tried last (a question that
 * may be a search, "add X" without a list, a bare task-like phrase, a list asked for loosely). The
 * model needs more certainty to overrule these (intent-decision.ts).
 */
export const EXPLICIT_RULES: ReadonlySet<Rule> = new Set([
  setLanguageRule, setTimezoneRule, setBriefingRule, statsRule, dayQuestionRule, skipNextRule, manageReminderRule,
  reminderOrSnoozeRule, updateMemoRule, deleteMemoRule, createMemoRule, updateRule, completeTodoRule, deleteRule,
  createEventRule, createTodoRule,
]);
