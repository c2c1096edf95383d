/**
 * The contract shared by the offline parser, the tool registry and the LLM tool schemas.
 * Intent names and param names follow /work/shared/nlu/README.md exactly, so a parsed message
 * can be handed to the same tool the LLM would have called.
 */

/**
 * An action's name: a tool of the registry (the README's intents, and whatever tools the registry
 * adds). The intent list itself is the registry's; the parser never keeps a copy.
 */
export type IntentName = string;

/**
 * The slash commands the parser understands, injected by whoever owns the command catalog (nlu
 * never imports tools): each typed name or alias → the tool it stands for, or null for a
 * conversation command (/help, /tasks, /cancel …), which is no action on items.
 */
export type SlashCommandTable = ReadonlyMap<string, string | null>;

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
  /** 0–1, how sure the parser is of `intent` (the intent model's probability, rules agreeing or not). */
  confidence?: number;
  /**
   * The likeliest readings, best first, when the message might be a write and the parser is unsure:
   * the app asks before acting; `npm run classify` prints them as `"intent":"clarify"` with `options`.
   */
  clarify?: Array<{ intent: IntentName; params: Record<string, unknown>; missing?: string[] }>;
}
