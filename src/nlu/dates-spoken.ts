/**
 * Spoken English times as the digits chrono reads: "five thirty am" → "5:30 am", "quarter to seven"
 * → "6:45", "in an hour and a half" → "in 90 minutes", "on the fifteenth" → "on the 15th". People
 * type like this on phones and voice transcripts (SLURP) spell every number out; chrono reads only
 * a few of these forms.
 *
 * The rewrite keeps the text's length (each phrase becomes its digits, right-aligned in spaces), so
 * an index in the rewritten text is an index in `Work.key` and `Work.clean`; `cover` widens a
 * found range to whole rewritten phrases so the user's words are blanked, not only their tail.
 */
import { EN_COUNT_WORDS, EN_HOUR_WORD, EN_MINUTE_WORDS, EN_ORDINAL_WORDS, englishNumber, englishOrdinal } from './number-words.ts';

/** The text with spoken times as digits, and the ranges that were rewritten. */
export interface SpokenView {
  text: string;
  /** Rewritten [start, end) ranges, in order. */
  spans: ReadonlyArray<readonly [number, number]>;
}

/** Widens [start, end) to cover every rewritten phrase it touches. */
export function cover(view: SpokenView, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  for (const [a, b] of view.spans) {
    if (a < e && b > s) {
      s = Math.min(s, a);
      e = Math.max(e, b);
    }
  }
  return [s, e];
}

const COUNT = `(?:${EN_COUNT_WORDS}|\\d{1,2})`;
const HOUR = `(?:${EN_HOUR_WORD}|\\d{1,2})`;
const UNIT = '(?:seconds?|secs?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?)';
/** Words right before a clock hour that make a number a time ("at five", "alarm for five thirty"). */
const LEAD = '(?<=\\b(?:at|by|around|about|until|till|before|after|from|for|to|between|and|@|since|alarm|wake\\s+me(?:\\s+up)?|up)\\s+)';
/** Right after words a rule already took ("set an alarm for" blanked to spaces: one space is a word gap). */
const BLANKED = '(?<=\\s\\s)';
/** The narrower lead for "ten to six": after "from" or "between" it is a range of hours. */
const AT = '(?<=\\b(?:at|by|around|about|alarm\\s+for)\\s+)';
/** Words right after a clock hour that make it a time ("five am", "seven o'clock", "nine in the morning"). */
const TAIL = "(?=\\s*(?:[ap]\\.?m\\b|o'?\\s?clock\\b|oclock\\b|in\\s+the\\s+(?:morning|afternoon|evening|night)|at\\s+night|tonight|this\\s+(?:morning|afternoon|evening)|today|tomorrow|sharp\\b))";
/** After a lone hour word, words that show it counts things ("at one of them", "at one point"). */
const NOT_A_TIME = '(?!\\s+(?:of|or|more|another|other|point|thing|things|person|people|item|items|each|by|at\\s+a\\s+time)\\b)';
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

type Rewrite = [RegExp, (m: RegExpExecArray) => string | null];

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const clock = (h: number, m: number): string | null => (h >= 0 && h <= 23 && m >= 0 && m <= 59 ? `${h}:${p2(m)}` : null);
const num = (s: string | undefined): number | null => (s === undefined ? null : englishNumber(s));
const minutesOf = (s: string): number | null => (s === 'quarter' ? 15 : s === 'half' ? 30 : num(s.replace(/\s+minutes?$/, '')));

/**
 * Applied in order to the text as it changes; each finds a phrase and says its digits (null: leave
 * it). Day ordinals go first ("twenty second of may" is no count of seconds), then durations, so
 * "five minutes" is a count before any rule reads "five" as an hour.
 */
const REWRITES: readonly Rewrite[] = [
  // "6: 50 am", "9 : 30": the spaces a phone or a transcript put inside a clock time.
  [/(?<![\d:.])(\d{1,2})(?:\s+:\s*|:\s+|\s*\.\s+|\s+\.\s*)(\d{2})(?!\d)(?=\s*(?:[ap]\.?m\b|$|\s))/g, (m) => clock(Number(m[1]), Number(m[2]))],
  // "on the fifteenth", "the fourth of july", "feb fourth", "feb four", "may the 5th".
  [new RegExp(`(?<=\\bon\\s+the\\s+)(${EN_ORDINAL_WORDS})\\b|\\b(${EN_ORDINAL_WORDS})(?=\\s+of\\s+${MONTH}\\b)|(?<=\\b${MONTH}\\s+)(?:the\\s+)?(${EN_ORDINAL_WORDS}|${EN_COUNT_WORDS}|\\d{1,2}(?:st|nd|rd|th))\\b`, 'g'),
    (m) => {
      const words = m[1] ?? m[2] ?? m[3] ?? '';
      const d = englishOrdinal(words) ?? num(words.replace(/(?<=\d)(?:st|nd|rd|th)$/, ''));
      return d && d <= 31 ? ordinalText(d) : null;
    }],
  // "an hour and a half", "two hours and a half", "one and a half hours", "2.5 hours".
  [new RegExp(`\\b(an?|${COUNT})\\s+hours?\\s+and\\s+a\\s+half\\b`, 'g'), (m) => halfHours(m[1])],
  [new RegExp(`\\b(an?|${COUNT})\\s+and\\s+a\\s+half\\s+hours?\\b`, 'g'), (m) => halfHours(m[1])],
  [/\b(\d{1,2})\.5\s+hours?\b/g, (m) => `${Number(m[1]) * 60 + 30} minutes`],
  [/\b(?:a\s+)?half\s+(?:an?\s+)?hour\b/g, () => '30 minutes'],
  [/\b(?:a\s+)?quarter\s+(?:of\s+)?(?:an?\s+)?hour\b/g, () => '15 minutes'],
  // "twenty minutes", "fifteen mins", "two days".
  [new RegExp(`\\b(${EN_COUNT_WORDS})(?=\\s+${UNIT}\\b)`, 'g'), (m) => numText(m[1])],
  // "12 noon", "twelve midnight": the hour only repeats the word chrono reads.
  [/\b(?:twelve|12)\s+(noon|midnight)\b/g, (m) => m[1] ?? null],
  // "quarter past five", "half past 8", "twenty past six", "ten minutes past two".
  [new RegExp(`\\b(quarter|half|${EN_COUNT_WORDS}(?:\\s+minutes?)?|\\d{1,2}\\s+minutes?)\\s+(?:past|after)\\s+(${HOUR})\\b`, 'g'),
    (m) => { const h = num(m[2]); const mm = minutesOf(m[1] ?? ''); return h === null || mm === null || h > 12 ? null : clock(h, mm); }],
  // "quarter to seven", "twenty to five", "ten minutes to six", "at ten to six" ("ten to six" alone may be a range).
  [new RegExp(`(?:\\b(quarter|twenty(?:[\\s-]five)?|${EN_COUNT_WORDS}\\s+minutes?|\\d{1,2}\\s+minutes?)|${AT}(${EN_COUNT_WORDS}))\\s+(?:to|till|before|of)\\s+(${HOUR})\\b`, 'g'),
    (m) => {
      const h = num(m[3]);
      const mm = minutesOf(m[1] ?? m[2] ?? '');
      return h === null || mm === null || h < 1 || h > 12 || mm >= 60 ? null : clock(h === 1 ? 12 : h - 1, 60 - mm);
    }],
  // "six thirty am", "at ten fifteen", "for seven forty five", "seven oh five".
  [new RegExp(`(?:(?:${LEAD}|${BLANKED})\\b(${EN_HOUR_WORD})\\s+(${EN_MINUTE_WORDS})\\b(?!\\s+${UNIT})|\\b(${EN_HOUR_WORD})\\s+(${EN_MINUTE_WORDS})${TAIL})`, 'g'),
    (m) => { const h = num(m[1] ?? m[3]); const mm = num(m[2] ?? m[4]); return h === null || mm === null ? null : clock(h, mm); }],
  // "five am", "seven o'clock", "at five", "nine in the morning".
  [new RegExp(`(?:${LEAD}\\b(${EN_HOUR_WORD})\\b${NOT_A_TIME}(?!\\s+${UNIT})|\\b(${EN_HOUR_WORD})${TAIL})`, 'g'), (m) => numText(m[1] ?? m[2])],
];

function halfHours(n: string | undefined): string | null {
  const h = n === 'a' || n === 'an' ? 1 : num(n);
  return h === null ? null : `${h * 60 + 30} minutes`;
}

function numText(s: string | undefined): string | null {
  const n = num(s);
  return n === null ? null : String(n);
}

function ordinalText(d: number): string {
  const suffix = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return `${d}${suffix}`;
}

/** Anything a rewrite could start from: a number word, "half"/"quarter", a spaced clock. */
const MAY_REWRITE = new RegExp(`\\b(?:${EN_COUNT_WORDS}|${EN_ORDINAL_WORDS}|half|quarter|twelve)\\b|\\d\\s+(?:noon|midnight)|\\bthe\\s+\\d|\\d\\s*[:.]\\s|\\d\\s+[:.]|\\d\\.5\\s`);

/** `key` with its spoken times as digits (see the module comment); the same text when it has none. */
export function spokenAsDigits(key: string): SpokenView {
  if (!MAY_REWRITE.test(key)) return { text: key, spans: [] };
  let text = key;
  const spans: Array<[number, number]> = [];
  for (const [re, say] of REWRITES) {
    re.lastIndex = 0;
    const edits: Array<[number, number, string]> = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      const digits = say(m);
      if (digits !== null && digits.length <= m[0].length) edits.push([m.index, m.index + m[0].length, digits]);
    }
    for (const [s, e, digits] of edits) {
      text = text.slice(0, s) + digits.padStart(e - s) + text.slice(e);
      spans.push([s, e]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  return { text, spans };
}
