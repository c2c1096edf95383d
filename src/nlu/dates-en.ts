/**
 * English dates and times through chrono-node, resolved in the user's IANA zone. chrono reads the
 * words; we only re-anchor its calendar fields in the zone (so a date across a daylight-saving
 * change gets that day's offset) and apply the README conventions for parts of the day.
 */
import * as chrono from 'chrono-node';
import type { ParseContext } from './types.ts';
import { addDays, offsetMinutes, wallTime } from '../core/zoned-time.ts';
import { atClock, resolveWall, hourWithPart, todayIn, PART_OF_DAY_HOUR, type When, type PartOfDay } from './when.ts';
import type { Work } from './work-text.ts';

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

/** "8 tonight", "7 this evening": a bare hour just before a part of day chrono read alone. */
const HOUR_BEFORE = /(?:\bat\s+)?\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:o'?clock\s*)?$/i;

/** "on the 25th" (no month): chrono leaves it, people write it. */
const ORDINAL_DAY = /(?:\b(?:on|by|for|before|until)\s+)?\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\s+[a-z])/i;

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
  const ord = ORDINAL_DAY.exec(work.key);
  if (!ord) return takeChronoWhen(work, ctx);
  // "on the 25th": chrono needs a month, so the day is ours and any clock time is chrono's.
  const today = todayIn(ctx);
  const day = Number(ord[1]);
  if (day < 1 || day > 31) return takeChronoWhen(work, ctx);
  let date = { ...today, day };
  if (day < today.day) date = { ...addDays({ ...today, day: 1 }, 32), day };
  work.blank(ord.index, ord.index + ord[0].length);
  const time = takeChronoWhen(work, ctx);
  if (!time || !time.hasTime) return resolveWall(ctx, date, null);
  const w = wallTime(time.start, ctx.timeZone);
  return { start: atClock(ctx, date, w.hour, w.minute), hasTime: true, hasDate: true };
}

/** chrono's reading of the message (see takeEnglishWhen). */
function takeChronoWhen(work: Work, ctx: ParseContext): When | null {
  const reference = { instant: ctx.now, timezone: offsetMinutes(ctx.now, ctx.timeZone) };
  let results: chrono.ParsedResult[];
  try {
    results = parser.parse(work.key, reference, OPTIONS);
  } catch {
    return null;
  }
  for (const r of results) {
    const text = r.text.trim();
    if (LONE_FALSE_DATES.test(text)) continue;
    if (/^\d+$/.test(text)) continue;
    let start = r.index;
    let extraHour: RegExpExecArray | null = null;
    const part = partOf(r.start.tags());
    if (part && !r.start.isCertain('hour')) {
      extraHour = HOUR_BEFORE.exec(work.key.slice(0, start));
      if (extraHour) start = extraHour.index;
    }
    let end = r.index + r.text.length;
    const after = part ? null : TRAILING_PART.exec(work.key.slice(end));
    let when: When;
    if (after && r.start.isCertain('hour') && !r.start.isCertain('meridiem') && !r.end) {
      const p = PART_WORDS[(after[1] ?? '').toLowerCase()] ?? 'morning';
      end += after[0].length;
      const hour = hourWithPart(r.start.get('hour') ?? 0, p, null);
      when = componentsToWhen(r.start, ctx, null);
      const w = wallTime(when.start, ctx.timeZone);
      when.start = atClock(ctx, w, hour, r.start.get('minute') ?? 0);
    } else {
      when = componentsToWhen(r.start, ctx, extraHour);
    }
    if (r.end) {
      const end = componentsToWhen(r.end, ctx, null);
      if (end.start.getTime() > when.start.getTime()) when.end = end.start;
    }
    const lead = LEADING_PREPOSITION.exec(work.key.slice(0, start));
    if (lead) start = lead.index;
    work.blank(start, end);
    return when;
  }
  return null;
}
