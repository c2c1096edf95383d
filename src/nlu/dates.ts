/**
 * One entry point for "when does this message mean": English goes to chrono first, Urdu and
 * Roman Urdu to our rules first, and each falls back to the other for mixed messages such as
 * "kal 5pm" or "meeting tomorrow شام 6 بجے".
 */
import type { LanguageVariant, ParseContext } from './types.ts';
import type { Work } from './work-text.ts';
import type { When } from './when.ts';
import { takeEnglishWhen } from './dates-en.ts';
import { takeUrduWhen } from './dates-ur.ts';

/** Takes the first time expression out of `work` and resolves it; null when there is none. */
export function takeWhen(work: Work, variant: LanguageVariant, ctx: ParseContext): When | null {
  if (variant === 'en') return takeEnglishWhen(work, ctx);
  return takeUrduWhen(work, ctx) ?? (variant === 'roman-ur' ? takeEnglishWhen(work, ctx) : null);
}
