/**
 * The offline natural-language parser's public surface: what the orchestrator's offline
 * Classifier, the classify CLI and the set_timezone tool (place → zone) import. Everything else in
 * src/nlu is an implementation detail.
 */
export { parseMessage } from './parse-message.ts';
/** The intent model the parser uses: read at start-up (a bad NLU_MODEL_FILE stops it). */
export { loadIntentModel } from './intent-model/model.ts';
export { detectLanguage, detectLanguageVariant } from './language.ts';
export type { IntentName, Language, LanguageVariant, ParseContext, ParsedMessage, SlashCommandTable } from './types.ts';
/** Zone maths lives in core; re-exported under the names this surface has always had. */
export { isValidTimeZone, toZonedIso as formatInZone } from '../core/zoned-time.ts';
/** Place or zone name → IANA zone; the set_timezone tool resolves its input with it too. */
export { findTimeZone } from './timezones.ts';
/** UTC offsets ("UTC+5:30") → a storable zone or the reason one cannot be used. */
export { readUtcOffset, type OffsetReading } from './utc-offset.ts';
/** Problems in a message's dates and times that must be refused, not guessed around. */
export { findTimeProblem, type TimeProblem } from './time-problems.ts';
/** Whether a reminder said in a group is for the sender ("remind me") or the group ("remind us"). */
export { reminderAudience } from './rules-reminder.ts';
/** Whether words say snooze outright (the router decides a wordless "remind me in 10 minutes"). */
export { saysSnooze } from './rules-reminder-manage.ts';
/** The "skip the next one" phrases (the orchestrator's recurrence reader cuts them too). */
export { SKIP_NEXT_PATTERNS } from './rules-skip.ts';
/** A change request's named kind and what its new time said (the orchestrator finds the item of any kind). */
export { namedItemKind, changeTiming, type ItemKind } from './change-words.ts';
/** Whether a message asks to undo the last change ("undo", "wapas karo"): the router runs /undo. */
export { saysUndo } from './undo-words.ts';
