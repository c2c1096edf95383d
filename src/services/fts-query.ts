/**
 * Turns a user's words into a safe FTS5 MATCH expression. User text is never passed through as FTS
 * syntax: we keep only word tokens (letters, digits, combining marks — any script, so Urdu works)
 * and quote each one, so `"`, `*`, `-`, `(`, `NEAR`, `%`, `_` and friends are inert.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Arabic-script vowel marks, tatweel and ZWNJ: stripped from index and query alike (see migration). */
const ARABIC_MARKS = /[\u064B-\u0652\u0670\u0640\u200C]/g;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MAX_TOKENS = 12;
const MAX_TOKEN_LENGTH = 64;

/**
 * The searchable word tokens of `text`, in order. A token of nothing but combining marks is dropped
 * (FTS would see an empty phrase and match nothing); the count and length are capped so a pasted
 * essay cannot become a pathological query.
 */
export function searchTokens(text: string | readonly string[]): string[] {
  const joined = typeof text === 'string' ? text : text.join(' ');
  const tokens: string[] = [];
  for (const m of joined.normalize('NFC').replace(ARABIC_MARKS, '').matchAll(WORD)) {
    if (!HAS_LETTER_OR_DIGIT.test(m[0])) continue;
    tokens.push(m[0].slice(0, MAX_TOKEN_LENGTH));
    if (tokens.length === MAX_TOKENS) break;
  }
  return tokens;
}

/** How to combine tokens into one MATCH expression. */
export interface MatchOptions {
  /** 'AND' requires every word; 'OR' any word. */
  join: 'AND' | 'OR';
  /** Which tokens match as prefixes: only the last (search-as-you-type) or all (referring to an item by fragments). */
  prefix: 'last' | 'all';
  /** Restrict to these FTS columns (e.g. ['title']); all indexed columns when omitted. */
  columns?: readonly ('title' | 'body')[];
}

/**
 * The MATCH expression for `tokens` (which must come from `searchTokens`, so they hold no quotes),
 * or null when there is nothing to search for.
 */
export function matchExpression(tokens: readonly string[], options: MatchOptions): string | null {
  if (tokens.length === 0) return null;
  const terms = tokens.map((t, i) => {
    const isPrefix = options.prefix === 'all' || i === tokens.length - 1;
    return `"${t}"${isPrefix ? '*' : ''}`;
  });
  const body = terms.join(` ${options.join} `);
  return options.columns && options.columns.length > 0 ? `{${options.columns.join(' ')}} : (${body})` : body;
}

/**
 * True when two texts are the same words ignoring case, punctuation and spacing ("Buy milk!" and
 * "buy  milk"). Lets findByWords prefer an exact title over items that merely contain the words.
 */
export function sameWords(a: string | readonly string[], b: string | readonly string[]): boolean {
  const ta = searchTokens(a).join(' ').toLowerCase();
  return ta.length > 0 && ta === searchTokens(b).join(' ').toLowerCase();
}

/**
 * Keeps the rows in the order of `ids` (the search rank) and, if any row's text is exactly the
 * user's words, only those: "milk" should pick the todo "Milk", not also "Buy milk and eggs".
 */
export function rankAndPreferExact<T extends { id: number }>(
  rows: readonly T[],
  ids: readonly number[],
  words: string | readonly string[],
  texts: (row: T) => readonly (string | null)[],
): T[] {
  const position = new Map(ids.map((id, i) => [id, i]));
  const ordered = [...rows].sort((x, y) => (position.get(x.id) ?? 0) - (position.get(y.id) ?? 0));
  const exact = ordered.filter((r) => texts(r).some((t) => t !== null && sameWords(t, words)));
  return exact.length > 0 ? exact : ordered;
}
