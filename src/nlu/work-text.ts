/**
 * The message as rules see it while they take it apart. Rules match on `key` (lower-cased,
 * unified) and blank what they consumed (command words, time expressions) in both strings at the
 * same indices, so what is left of `clean` is the user's own words for a title, text or query.
 */
import { toKey } from './normalize.ts';

/**
 * The letters of a key, as a class body: lower-case Latin with its accented forms and combining
 * marks, and the Arabic script's letters and marks for Urdu (not its punctuation). Explicit ranges
 * rather than `\p{L}\p{M}`: V8 compiles every word edge of every pattern into native code, and the
 * whole-Unicode classes made that cost tens of milliseconds on the first messages after start-up.
 */
export const LETTER_RANGES = 'a-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u024f\\u0300-\\u036f\\u1e00-\\u1eff\\u0610-\\u061a\\u0620-\\u06d3\\u06d5-\\u06ff\\u0750-\\u077f\\u08a0-\\u08ff\\ufb50-\\ufdff\\ufe70-\\ufeff';
/** A character that continues a word: a letter, a digit or `_`. */
const WORD_CHAR = `[0-9_${LETTER_RANGES}]`;
/** Word-start edge that works for Urdu letters too (`\b` does not). */
export const B = `(?<!${WORD_CHAR})`;
/** End-of-word edge matching B. */
export const E = `(?!${WORD_CHAR})`;

/**
 * Builds a regex whose `\b`-like edges also work for Urdu: every `‹` becomes a word start and every
 * `›` a word end. Compiled once at module load by the callers.
 *
 * Rules match on `Work.key`, which is already lower-cased, so the `i` flag is dropped: with `u` it
 * makes V8 build case-folded Unicode classes for every `‹ ›` edge, which made the first messages
 * after start-up slow (regex compilation) and every match a little slower. Write sources in lower case.
 */
export function rx(source: string, flags = 'u'): RegExp {
  return new RegExp(runStart(source.replaceAll('‹', B).replaceAll('›', E)), flags.replace('i', ''));
}

/** A pattern's unanchored lead of optional spaces or punctuation: `\s*`, `[,(\s]*`, `(?:[\s,]*`. */
const OPTIONAL_LEAD = /^(\(\?:)?(\\s|\[(?:[^\]\\]|\\.)+\])\*/;

/**
 * Blanked text is full of long runs of spaces, and a pattern that opens with an optional run is
 * retried at every space of it (quadratic). Starting only where a run starts finds the same
 * leftmost matches: from there the run's star can take any prefix of the run.
 */
function runStart(source: string): string {
  const lead = OPTIONAL_LEAD.exec(source);
  return lead ? `(?<!${lead[2]})${source}` : source;
}

const globalOf = new WeakMap<RegExp, RegExp>();
function globalVersion(re: RegExp): RegExp {
  if (re.global) return re;
  let g = globalOf.get(re);
  if (!g) {
    g = new RegExp(re.source, `${re.flags}g`);
    globalOf.set(re, g);
  }
  return g;
}

/** A word list as one alternation group, longest first so "kar do" wins over "kar". */
export function alt(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*')).join('|')})`;
}

const EDGE_PUNCT = /^[\s,.;:!?'"()\[\]{}\-–—_*~|/\\،؟۔]+|[\s,.;:!?'"()\[\]{}\-–—_*~|/\\،؟۔]+$/gu;

/** Trims spaces and the punctuation people leave around a phrase ("- plumber's number", "x,"). */
export function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/ ([,;:!?،])/g, '$1').replace(/([,;:،])(?:\s*[,;:،])+/g, '$1')
    .replace(EDGE_PUNCT, '').trim();
}

/** The message being taken apart; see the module comment. */
export class Work {
  clean: string;
  key: string;

  constructor(clean: string) {
    this.clean = clean;
    this.key = toKey(clean);
  }

  /** Forgets the characters between start and end (they were a command word or a time). */
  blank(start: number, end: number): void {
    if (end <= start) return;
    const pad = ' '.repeat(end - start);
    this.clean = this.clean.slice(0, start) + pad + this.clean.slice(end);
    this.key = this.key.slice(0, start) + pad + this.key.slice(end);
  }

  /** Puts back what `from` (an earlier copy) had between start and end: a blanking undone. */
  restore(from: Work, start: number, end: number): void {
    this.clean = this.clean.slice(0, start) + from.clean.slice(start, end) + this.clean.slice(end);
    this.key = this.key.slice(0, start) + from.key.slice(start, end) + this.key.slice(end);
  }

  /** Blanks every match of a regex (the `g` flag is added); returns how many were blanked. */
  blankAll(re: RegExp): number {
    const g = globalVersion(re);
    g.lastIndex = 0;
    const hits: Array<[number, number]> = [];
    for (const m of this.key.matchAll(g)) hits.push([m.index, m.index + m[0].length]);
    for (const [s, e] of hits) this.blank(s, e);
    return hits.length;
  }

  /** Blanks the first match; returns the match so callers can read its groups. */
  blankFirst(re: RegExp): RegExpExecArray | null {
    re.lastIndex = 0;
    const m = re.exec(this.key);
    if (m) this.blank(m.index, m.index + m[0].length);
    return m;
  }

  /** The user's own text between two indices, tidied. */
  slice(start: number, end?: number): string {
    return tidy(this.clean.slice(start, end));
  }

  /** What is left of the user's words after the blanking, tidied. */
  rest(): string {
    return tidy(this.clean);
  }

  /** A copy to try a reading on without spoiling this one. */
  copy(): Work {
    const w = new Work('');
    w.clean = this.clean;
    w.key = this.key;
    return w;
  }
}
