import type { Language } from '../i18n/index.ts';

/** One way of reading a message: an intent of the tool registry with its params. */
export interface Reading {
  intent: string;
  params: Record<string, unknown>;
  /** Required params the message did not give; the orchestrator asks for them. */
  missing?: string[];
}

/** What a message means: an intent of the tool registry with its params (README contract names). */
export interface Classification extends Reading {
  /** 0–1, how sure the classifier is of `intent`; absent when it is certain (commands, the model). */
  confidence?: number;
  /**
   * Set when the message might ask for a change but the classifier is not sure which (or whether):
   * the two or three likeliest readings, best first. Nothing is written on a guess: the orchestrator
   * asks which one was meant (buttons, or numbers where a platform has none) and runs only the
   * reading picked. A `general_chat` reading stands for "none of these, just talking".
   */
  clarify?: Reading[];
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
