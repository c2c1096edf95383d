import { stripControlChars } from '../core/sanitize-text.ts';

/** The longest message the assistant reads; longer ones get a friendly "too long" reply. */
export const MAX_INPUT_LENGTH = 4_000;

/** A cleaned message, or why it cannot be used. */
export type GuardedText = { ok: true; text: string } | { ok: false; reason: 'empty' } | { ok: false; reason: 'tooLong'; length: number };

/**
 * Normalizes what a person typed before anything reads it: Unicode NFC (so Urdu typed on different
 * keyboards compares equal), escape sequences and control characters removed by the shared edge
 * sanitizer (keeping newlines and tabs), bidi and
 * zero-width marks that carry no meaning dropped at the ends, whitespace trimmed.
 */
export function guardText(raw: string): GuardedText {
  const length = [...raw].length;
  if (length > MAX_INPUT_LENGTH) return { ok: false, reason: 'tooLong', length };
  const text = stripControlChars(raw.normalize('NFC'))
    .replace(/^[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+|[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+$/g, '');
  if (!text) return { ok: false, reason: 'empty' };
  return { ok: true, text };
}
