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
import type { ParseContext, ParsedMessage } from './types.ts';
import { sanitize } from './normalize.ts';
import { detectLanguageVariant } from './language.ts';
import { Work } from './work-text.ts';
import type { Msg, Rule, RuleResult } from './message.ts';
import { isValidTimeZone } from '../core/zoned-time.ts';
import { slashRule } from './slash-commands.ts';
import { chatGuardRule, searchRule, delegateRule } from './rules-misc.ts';
import { setTimezoneRule, setLanguageRule, setBriefingRule, statsRule, briefingRule } from './rules-settings.ts';
import { reminderRule } from './rules-reminder.ts';
import { createMemoRule, listMemosRule, deleteMemoRule } from './rules-memo.ts';
import { updateRule } from './rules-update.ts';
import { completeTodoRule, createTodoRule, listTodosRule, todoFrom } from './rules-todo.ts';
import { deleteRule } from './rules-delete.ts';
import { createEventRule, listEventsRule, addWithTimeIsEvent, eventFrom, timedEventRule } from './rules-event.ts';
import { rx } from './work-text.ts';
import { forgetDateReadings } from './dates-en.ts';
import { searchQuestionRule, implicitTodoRule } from './rules-implicit.ts';

const GENERIC_ADD = rx("^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|kindly|also)[\\s,]+)*(?:add|put|create|new|make)\\s+(?!(?:a\\s+)?(?:note|memo|reminder)›)");

/** "add X" with no list or calendar named: an event when a clock time is given, else a todo. */
const genericAddRule: Rule = (m) => {
  if (!GENERIC_ADD.test(m.key)) return null;
  return addWithTimeIsEvent(m) ? eventFrom(m) : todoFrom(m);
};

/** Order matters: earlier rules are more specific. See the module comment. */
const RULES: readonly Rule[] = [
  slashRule,
  chatGuardRule,
  setLanguageRule,
  setTimezoneRule,
  setBriefingRule,
  statsRule,
  searchQuestionRule,
  reminderRule,
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

/**
 * Parses one chat message. Never throws: empty, huge, emoji-only or garbled input comes back as
 * general_chat. `missing` names required params the message did not state (see README contract).
 */
export function parseMessage(text: string, ctx: ParseContext): ParsedMessage {
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
  for (const rule of RULES) {
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
