/**
 * The offline natural-language parser's public surface: what the orchestrator's offline
 * Classifier and the classify CLI import. Everything else in src/nlu is an implementation detail.
 */
export { parseMessage } from './parse-message.ts';
export { detectLanguage, detectLanguageVariant } from './language.ts';
export { INTENT_NAMES } from './types.ts';
export type { IntentName, Language, LanguageVariant, ParseContext, ParsedMessage } from './types.ts';
export { isValidTimeZone, formatInZone } from './zoned-time.ts';
