/**
 * English dates and times through chrono-node, resolved in the user's IANA zone. chrono reads the
 * words; we only re-anchor its calendar fields in the zone (so a date across a daylight-saving
 * change gets that day's offset) and apply the README conventions for parts of the day.
 */
import * as chrono from 'chrono-node';
import type { ParseContext } from './types.ts';
import { addDays, offsetMinutes, type CalendarDate } from '../core/zoned-time.ts';
import { wallIn, atClock, resolveWall, hourWithPart, todayIn, lastDayOfMonth, PART_OF_DAY_HOUR, type When, type PartOfDay } from './when.ts';
import type { Work } from './work-text.ts';
import { spokenAsDigits, cover } from './dates-spoken.ts';

/** One parser for the process: building chrono's parser list per call would dominate the cost. */
const parser = chrono.casual.clone();

const OPTIONS = { forwardDate: true } as const;

/** Single words chrono reads as dates that are usually something else in a chat message. */
const LONE_FALSE_DATES = /^(?:may|march|sun|sat|mon|wed|second|now|a|one|an|today's|weekend|this weekend)$/i;

const CASUAL_PARTS: ReadonlyArray<[string, PartOfDay]> = [
  ['casualReference/morning', 'morning'],
  ['casualReference/noon', 'noon'],
  ['casualReference/afternoon', 'afternoon'],
  ['casualReference/evening', 'evening'],
  ['casualReference/tonight', 'night'],
  ['casualReference/night', 'night'],
  ['casualReference/midnight', 'midnight'],
];

/** "8 tonight", "7 this evening", "7 in the evening": a bare hour just before a part of day chrono read alone. */
const HOUR_BEFORE = /(?:\bat\s+)?\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:o'?clock\s*)?(?:in\s+the\s+)?$/i;

/** "on the 25th" (no month): chrono leaves it, people write it. "may the 5th" is chrono's. */
const ORDINAL_DAY = /(?:\b(?:on|by|for|before|until)\s+)?(?<!\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+)\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\s+[a-z])/i;

/** "at", "by", "on" left dangling right before a time expression belong to it. */
const LEADING_PREPOSITION = /\b(?:(?:due|deadline)\s+)?(?:at|on|by|for|until|till|before|from|due|starting|around|about)\s+$/i;

/** "6:30 tomorrow morning": chrono stops before the part of day that settles am/pm. */
const TRAILING_PART = /^\s*(?:in\s+the\s+|at\s+|this\s+)?(morning|evening|afternoon|night|tonight)\b/i;
const PART_WORDS: Record<string, PartOfDay> = { morning: 'morning', evening: 'evening', afternoon: 'afternoon', night: 'night', tonight: 'night' };

function partOf(tags: Set<string>): PartOfDay | null {
  for (const [tag, part] of CASUAL_PARTS) if (tags.has(tag)) return part;
  return null;
}

function componentsToWhen(c: chrono.ParsedComponents, ctx: ParseContext, extraHour: RegExpExecArray | null): When {
  const tags = c.tags();
  if (tags.has('result/relativeDateAndTime')) return { start: c.date(), hasTime: true, hasDate: true };
  const dateStated = c.isCertain('day') || c.isCertain('weekday') || tags.has('result/relativeDate') ||
    [...tags].some((t) => t.startsWith('casualReference/') && !partOf(new Set([t])));
  const date = { year: c.get('year') ?? 0, month: c.get('month') ?? 1, day: c.get('day') ?? 1, hour: 0, minute: 0 };
  const part = partOf(tags);
  if (c.isCertain('hour') && !(part === 'noon' || part === 'midnight') || extraHour) {
    const rawHour = extraHour ? Number(extraHour[1]) : c.get('hour') ?? 0;
    const minute = extraHour ? Number(extraHour[2] ?? 0) : c.get('minute') ?? 0;
    const meridiemKnown = !extraHour && c.isCertain('meridiem');
    const hour = meridiemKnown ? rawHour : hourWithPart(rawHour, part, null);
    const ambiguous = !meridiemKnown && !part && rawHour >= 8 && rawHour <= 11;
    if (dateStated || part === 'night') {
      return { ...resolveWall(ctx, date, { hour, minute, ambiguous: false }), hasDate: dateStated };
    }
    return resolveWall(ctx, null, { hour, minute, ambiguous });
  }
  if (part) {
    const start = atClock(ctx, date, PART_OF_DAY_HOUR[part], 0);
    return { start, hasTime: true, hasDate: dateStated };
  }
  return resolveWall(ctx, date, null);
}

/**
 * Finds the first English time expression in the message, blanks it out of `work` and returns
 * it resolved in the user's zone; null when there is none.
 */
export function takeEnglishWhen(work: Work, ctx: ParseContext): When | null {
  const anchor = takeDayAnchor(work, ctx);
  if (!anchor) return takeChronoWhen(work, ctx);
  // The day is ours ("on the 25th", "by end of month"); any clock time is chrono's.
  const time = takeChronoWhen(work, ctx);
  if (!time || !time.hasTime) return resolveWall(ctx, anchor, null);
  const w = wallIn(time.start, ctx.timeZone);
  return { start: atClock(ctx, anchor, w.hour, w.minute), hasTime: true, hasDate: true };
}

/** "end of month", "by the end of the month", "eom", "month end", "end of next month". */
const END_OF_MONTH = /(?:\b(?:by|before|until|till|at|on|for|due|around)\s+)?(?:\bthe\s+)?(?:\bend\s+of\s+(?:the\s+|this\s+)?(next\s+)?month\b|\b(?:eom|month[\s-]end)\b)/i;

/** Days chrono does not read: "the 25th" without a month, the end of a month. Blanked when found. */
function takeDayAnchor(work: Work, ctx: ParseContext): CalendarDate | null {
  const today = todayIn(ctx);
  const eom = END_OF_MONTH.exec(work.key);
  if (eom) {
    work.blank(eom.index, eom.index + eom[0].length);
    return lastDayOfMonth(today, eom[1] ? 1 : 0);
  }
  const view = spokenAsDigits(work.key);
  const ord = ORDINAL_DAY.exec(view.text);
  if (!ord) return null;
  const day = Number(ord[1]);
  if (day < 1 || day > 31) return null;
  let date = { ...today, day };
  if (day < today.day) date = { ...addDays({ ...today, day: 1 }, 32), day };
  work.blank(...cover(view, ord.index, ord.index + ord[0].length));
  return date;
}

/** Words without which chrono finds no date. */
const DATE_WORDS = /\b(?:now|today|tonight|tomorrow|tmrw?|yesterday|noon|midnight|morning|afternoon|evening|night|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sec|min|hour|hr|day|week|month|year|yr|fortnight|quarter|decade|weekend|christmas|xmas|eve|mid|half|o'?clock)/i;

/**
 * Digits chrono can read as a date or time: joined to another number (17:30, 5/12, 2026-11-21),
 * with am/pm or a unit (5pm, 20m, 2 s), after at/by/from… (at 5), or ordinal (21st). A bare number
 * ("buy 3 eggs", "room 101") is none of these.
 */
const DATE_DIGITS = /\d\s*(?:[:./\-–]\s*\d|[ap](?:\.?m\b\.?|\b)|[smhdwy]\b|o\W?clock)|\b(?:at|from|@|to|till|until|before|after|by|between|around|since)\s*\d|\d(?:st|nd|rd|th)\b|\bt\d/i;

/**
 * False when chrono would find nothing in `key` that we keep: most messages, and skipping chrono
 * for them is the parser's biggest saving. test/nlu/date-prefilter.test.ts checks this claim over
 * every case text and a set of number shapes.
 */
export function mayHoldEnglishDate(key: string): boolean {
  return DATE_WORDS.test(key) || DATE_DIGITS.test(key);
}

/** A chrono result we use: not a lone word that is usually something else, not a bare number. */
function isDateReading(r: chrono.ParsedResult): boolean {
  const text = r.text.trim();
  return !LONE_FALSE_DATES.test(text) && !/^\d+$/.test(text);
}

/**
 * chrono's results for a text, remembered for one message: the rules ask about the same words
 * several times (a probe, then the real take), and chrono is the costliest step. Results are only
 * read. parseMessage forgets them before each message, so nothing carries over between messages.
 */
const chronoCache = new Map<string, chrono.ParsedResult[]>();
const NONE: chrono.ParsedResult[] = [];

/** Starts a new message: chrono readings of the previous one are dropped. */
export function forgetDateReadings(): void {
  chronoCache.clear();
}

/**
 * The date readings chrono finds in `key` (lower-cased message text), in order. `prefilter: false`
 * asks chrono even when mayHoldEnglishDate says there is nothing (for the test of that claim).
 */
export function englishDateReadings(key: string, ctx: ParseContext, options: { prefilter?: boolean } = {}): chrono.ParsedResult[] {
  if (options.prefilter !== false && !mayHoldEnglishDate(key)) return NONE;
  const cacheKey = `${ctx.timeZone}|${ctx.now.getTime()}|${key}`;
  const hit = chronoCache.get(cacheKey);
  if (hit) return hit;
  let results: chrono.ParsedResult[];
  try {
    results = parser.parse(key, { instant: ctx.now, timezone: offsetMinutes(ctx.now, ctx.timeZone) }, OPTIONS).filter(isDateReading);
  } catch {
    results = NONE;
  }
  chronoCache.set(cacheKey, results);
  return results;
}

/** Between a clock time and the day chrono read apart from it: "at 8 pm | on the | 9th of august". */
const TIME_DAY_GAP = /^\s*,?\s*(?:on\s+)?(?:the\s+)?$/;

/** The day of the reading right after a clock time ("at 8 pm on the 9th of august"), and where it ends. */
function dayRightAfter(next: chrono.ParsedResult | undefined, key: string, end: number, ctx: ParseContext): { date: CalendarDate; end: number } | null {
  if (!next || next.end || next.start.isCertain('hour') || !TIME_DAY_GAP.test(key.slice(end, next.index))) return null;
  const day = componentsToWhen(next.start, ctx, null);
  if (day.hasTime || !day.hasDate) return null;
  const w = wallIn(day.start, ctx.timeZone);
  return { date: { year: w.year, month: w.month, day: w.day }, end: next.index + next.text.length };
}

/** chrono's reading of the message (see takeEnglishWhen). */
function takeChronoWhen(work: Work, ctx: ParseContext): When | null {
  // chrono reads the spoken times ("five thirty am") as digits; the indices stay the message's.
  const view = spokenAsDigits(work.key);
  const key = view.text;
  const readings = englishDateReadings(key, ctx);
  for (const [i, r] of readings.entries()) {
    let start = r.index;
    let extraHour: RegExpExecArray | null = null;
    const part = partOf(r.start.tags());
    if (part && !r.start.isCertain('hour')) {
      extraHour = HOUR_BEFORE.exec(key.slice(0, start));
      if (extraHour) start = extraHour.index;
    }
    let end = r.index + r.text.length;
    const after = part ? null : TRAILING_PART.exec(key.slice(end));
    let when: When;
    if (after && r.start.isCertain('hour') && !r.start.isCertain('meridiem') && !r.end) {
      const p = PART_WORDS[(after[1] ?? '').toLowerCase()] ?? 'morning';
      end += after[0].length;
      const hour = hourWithPart(r.start.get('hour') ?? 0, p, null);
      when = componentsToWhen(r.start, ctx, null);
      const w = wallIn(when.start, ctx.timeZone);
      when.start = atClock(ctx, w, hour, r.start.get('minute') ?? 0);
    } else {
      when = componentsToWhen(r.start, ctx, extraHour);
    }
    if (r.end) {
      const end = componentsToWhen(r.end, ctx, null);
      if (end.start.getTime() > when.start.getTime()) when.end = end.start;
    }
    const day = when.hasTime && !when.hasDate && !r.end ? dayRightAfter(readings[i + 1], key, end, ctx) : null;
    if (day) {
      const w = wallIn(when.start, ctx.timeZone);
      when = { start: atClock(ctx, day.date, w.hour, w.minute), hasTime: true, hasDate: true };
      end = day.end;
    }
    [start, end] = cover(view, start, end);
    const lead = LEADING_PREPOSITION.exec(key.slice(0, start));
    if (lead) start = lead.index;
    work.blank(start, end);
    return when;
  }
  return null;
}
