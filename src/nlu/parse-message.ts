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
import { rulesFor, NO_COMMANDS, EXPLICIT_RULES } from './rule-order.ts';
import { forgetDateReadings } from './dates-en.ts';
import { chatGuardRule } from './rules-misc.ts';
import { intentModel } from './intent-model/model.ts';
import { decide, THRESHOLDS, type Thresholds } from './intent-decision.ts';
import { readAs, withAlarmLabel } from './read-as.ts';

/**
 * Parses one chat message. Never throws: empty, huge, emoji-only or garbled input comes back as
 * general_chat. `missing` names required params the message did not state (see README contract).
 * `commands` is the slash-command table built from the command catalog (the app's and the classify
 * CLI's); without it slash commands are not recognised as such. `thresholds` are the decision's
 * (scripts/tune-nlu.ts tries others to choose them).
 */
export function parseMessage(text: string, ctx: ParseContext, commands: SlashCommandTable = NO_COMMANDS, thresholds: Thresholds = THRESHOLDS): ParsedMessage {
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
  const fresh = (): Msg => ({ key: work.key, work: work.copy(), variant, ctx: safeCtx });
  const rules = rulesFor(commands);
  let found: RuleResult | null = null;
  let by: Rule | undefined;
  for (const rule of rules) {
    try {
      found = rule(fresh());
    } catch {
      found = null;
    }
    if (found) {
      by = rule;
      break;
    }
  }
  // A slash command and a question about the assistant itself are certain; no model second-guesses them.
  const certain = by !== undefined && ((commands.size > 0 && by === rules[0]) || by === chatGuardRule);
  const model = certain ? null : intentModel();
  if (!model) {
    if (!found) return { intent: 'general_chat', params: {}, language, ...(certain ? {} : { confidence: 0 }) };
    return { intent: found.intent, params: found.params, ...(found.missing && { missing: found.missing }), language, ...(certain && { confidence: 1 }) };
  }
  const scores = model.scores(clean, found?.intent ?? 'general_chat');
  const d = withAlarmLabel(decide(found, scores, (intent) => readAs(intent, fresh, rules), thresholds, by !== undefined && EXPLICIT_RULES.has(by)), fresh());
  return {
    intent: d.intent,
    params: d.params,
    ...(d.missing && { missing: d.missing }),
    language,
    confidence: Number(d.confidence.toFixed(3)),
    ...(d.clarify && { clarify: d.clarify }),
  };
}
