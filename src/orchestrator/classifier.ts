import type { Language } from '../i18n/index.ts';

/** What a message means: an intent of the tool registry with its params (README contract names). */
export interface Classification {
  intent: string;
  params: Record<string, unknown>;
  /** Required params the message did not give; the orchestrator asks for them. */
  missing?: string[];
}

/** What a classifier may know about the person and the moment. */
export interface ClassifyContext {
  now: Date;
  timeZone: string;
  language: Language;
}

/**
 * Turns free text into an action. Implemented by the offline rule parser and by the LLM; the
 * orchestrator does not care which.
 */
export interface Classifier {
  classify(text: string, ctx: ClassifyContext): Promise<Classification>;
}
