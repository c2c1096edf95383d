/**
 * What every intent rule receives and returns. Rules are plain functions tried in order by
 * parse-message.ts; each either claims the message or passes (returns null).
 */
import type { IntentName, LanguageVariant, ParseContext } from './types.ts';
import type { Work } from './work-text.ts';
import type { When } from './when.ts';
import { takeWhen } from './dates.ts';
import { isoIn } from './when.ts';

/** A message prepared for the rules: `key` stays whole for matching, `work` is taken apart. */
export interface Msg {
  key: string;
  work: Work;
  variant: LanguageVariant;
  ctx: ParseContext;
}

/** A rule's answer, before the language is attached. */
export interface RuleResult {
  intent: IntentName;
  params: Record<string, unknown>;
  missing?: string[];
}

/** A rule: claims the message with a result, or passes with null. */
export type Rule = (m: Msg) => RuleResult | null;

/** Takes the time expression out of the message's working text. */
export function when(m: Msg): When | null {
  return takeWhen(m.work, m.variant, m.ctx);
}

/** An instant as the ISO string the contract wants (the zone's offset at that instant). */
export function iso(m: Msg, d: Date): string {
  return isoIn(d, m.ctx.timeZone);
}

/** Builds a result, dropping params that came out empty and listing absent required ones. */
export function result(intent: IntentName, params: Record<string, unknown>, required: string[] = []): RuleResult {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    clean[k] = v;
  }
  const missing = required.filter((k) => !(k in clean));
  return missing.length ? { intent, params: clean, missing } : { intent, params: clean };
}
