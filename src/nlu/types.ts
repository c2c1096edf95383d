/**
 * The contract shared by the offline parser, the tool registry and the LLM tool schemas.
 * Intent names and param names follow /work/shared/nlu/README.md exactly, so a parsed message
 * can be handed to the same tool the LLM would have called.
 */

/** Every action the parser can recognise; one list so schemas, help text and tests agree. */
export const INTENT_NAMES = [
  'create_todo',
  'list_todos',
  'complete_todo',
  'delete_todo',
  'update_todo',
  'create_reminder',
  'list_reminders',
  'update_reminder',
  'cancel_reminder',
  'pause_reminder',
  'resume_reminder',
  'snooze_reminder',
  'create_event',
  'list_events',
  'update_event',
  'delete_event',
  'create_memo',
  'list_memos',
  'delete_memo',
  'update_memo',
  'search',
  'daily_briefing',
  'get_stats',
  'set_timezone',
  'set_language',
  'set_briefing',
  'delegate_task',
  'general_chat',
] as const;

/** One of the recognised actions (or plain chat), as a string union for exhaustive switches. */
export type IntentName = (typeof INTENT_NAMES)[number];

/** Reply language: Roman Urdu writers are answered in Urdu, so there are only two. */
export type Language = 'en' | 'ur';

/** Finer than Language: the date and verb rules differ between Urdu script and Roman Urdu. */
export type LanguageVariant = 'en' | 'ur' | 'roman-ur';

/** What the parser needs from the outside world: the instant "now" and the user's IANA zone. */
export interface ParseContext {
  now: Date;
  timeZone: string;
}

/**
 * The parser's answer. `missing` lists required params the message did not state, so the
 * orchestrator can ask for them instead of guessing (a wrong reminder time is worse than none).
 */
export interface ParsedMessage {
  intent: IntentName;
  params: Record<string, unknown>;
  language: Language;
  missing?: string[];
}
