/**
 * Finds a repeating schedule in a request, in English, Roman Urdu and Urdu script, and turns it into
 * a scheduler rule (grammar in recurrence/rule-grammar.ts): "every weekday at 8", "every other week
 * on monday", "har 3 din baad", "ہر مہینے کے آخری جمعے", "every day until 31 december", "5 dafa".
 * Matching runs on nlu's `toKey` form (same length as the text), so the words found are cut from
 * the person's own text to leave the reminder's title.
 */
import { wallTime } from '../core/zoned-time.ts';
import { isValidRule, nextOccurrence } from '../recurrence/next-run.ts';
import { dateKey, formatRule, isCalendarDate, MAX_COUNT, MAX_EVERY } from '../recurrence/rule-grammar.ts';
import { findCount, findUntil } from './recurrence-limits.ts';
import {
  B, DAY_LIST, DAY_WORD, DAYS, daysOf, E, NUMBER, numberOf, ORDINAL, ORDINALS, PART_OF_DAY, PhraseCutter, SPACING, SPACING_WORD, timeOf,
} from './recurrence-words.ts';

export { parseSkipNextPhrase } from './recurrence-limits.ts';

/** A repeating schedule found in a message, and the message without it. */
export interface RecurrencePhrase {
  /** A scheduler rule: daily@HH:MM, weekly@mon,thu@HH:MM;every=2;from=…, monthly@Lfri@HH:MM;count=5, or cron. */
  rule: string;
  /** The text with the schedule words removed. */
  rest: string;
}

/**
 * When the message is read: rules that count from a start (every N days/weeks), say "every week"
 * without a day, or end on a date without a year need today's date in the person's zone.
 */
export interface RecurrenceContext {
  now: Date;
  timeZone: string;
}

const DOW_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const WEEK = '(?:weeks?|hafte|haftay|haftey|hafton|ہفتے|ہفتوں)';
const DAY = '(?:days?|din|dinon|دن|دنوں)';
const MONTH = '(?:months?|mahine|mahinay|mahinon|مہینے|مہینوں)';
const EVERY = '(?:every|each|har|ہر)';
const DAILY = '(?:every\\s+day|everyday|daily|each\\s+day|har\\s+roz|har\\s+din|rozana|roz|ہر\\s+روز|ہر\\s+دن|روزانہ|روز)';

/** What a base phrase stands for; `hhmm` is filled in once the time of day is known. */
interface Base {
  make: (hhmm: string) => string;
  every?: number;
}
type Matcher = { re: RegExp; base: (m: RegExpExecArray, today: string | null) => Base | null };

const weekly = (days: string[]) => days.sort((a, b) => DOW_CODES.indexOf(a as never) - DOW_CODES.indexOf(b as never)).join(',');
const weeklyBase = (days: string[]): Base['make'] => (t) => (weekly([...days]) === 'mon,tue,wed,thu,fri' ? `weekdays@${t}` : `weekly@${weekly([...days])}@${t}`);

/** The month day or weekday an ordinal names: monthly@1, monthly@L, monthly@1mon, monthly@Lfri. */
function monthPosition(ordinal: string, day: string): Base | null {
  const n = ORDINALS[ordinal];
  if (!n) return null;
  const dow = DAYS[day];
  return { make: (t) => `monthly@${n}${dow ?? ''}@${t}` };
}

/** Base phrases, most specific first. */
const MATCHERS: Matcher[] = [
  // "the last friday of every month", "first day of each month", "every month on the first monday"
  { re: new RegExp(`${B}(?:on\\s+)?(?:the\\s+)?(${ORDINAL})\\s+(${DAY_WORD}|day)\\s+of\\s+(?:every|each|the|a)\\s+month${E}`, 'iu'), base: (m) => monthPosition(m[1]!, m[2]!) },
  { re: new RegExp(`${B}(?:every|each)\\s+month\\s+on\\s+the\\s+(${ORDINAL})\\s+(${DAY_WORD}|day)${E}`, 'iu'), base: (m) => monthPosition(m[1]!, m[2]!) },
  // "har mahine ke aakhri jumme", "mahine ka pehla peer", "ہر مہینے کا پہلا پیر", "ہر مہینے کی پہلی تاریخ"
  { re: new RegExp(`${B}(?:(?:har|ہر)\\s+)?(?:mahine|mahinay|mahiney|مہینے)\\s+(?:ka|ki|ke|kay|کا|کی|کے)\\s+(${ORDINAL})\\s+(${DAY_WORD}|din|tareekh|tarikh|دن|تاریخ)(?:\\s+(?:ko|کو))?${E}`, 'iu'),
    base: (m) => monthPosition(m[1]!, m[2]!) },
  // "every 3 days", "every other week on monday", "every two months"
  { re: new RegExp(`${B}(?:every|each)\\s+(${SPACING_WORD}|${NUMBER})\\s+(${DAY}|${WEEK}|${MONTH})(?:\\s+on\\s+(${DAY_LIST}))?${E}`, 'iu'),
    base: (m, today) => spaced(m[1]!, m[2]!, m[3], today) },
  // "har 3 din baad", "har doosre hafte peer ko", "ہر تین دن بعد", "ہر دوسرے ہفتے"
  { re: new RegExp(`${B}(?:har|ہر)\\s+(${SPACING_WORD}|${NUMBER})\\s+(${DAY}|${WEEK}|${MONTH})(?:\\s+(?:baad|bad|بعد))?(?:\\s+(${DAY_LIST})(?:\\s+(?:ko|کو))?)?${E}`, 'iu'),
    base: (m, today) => spaced(m[1]!, m[2]!, m[3], today) },
  // "every other monday", "biweekly on friday", "fortnightly"
  { re: new RegExp(`${B}(?:every\\s+(${SPACING_WORD})|(?:every\\s+)?(?:bi-?weekly|fortnightly)(?:\\s+on)?)\\s+(${DAY_LIST})${E}`, 'iu'),
    base: (m) => ({ make: weeklyBase(daysOf(m[2]!)), every: m[1] ? SPACING[m[1]] ?? 2 : 2 }) },
  { re: new RegExp(`${B}(?:bi-?weekly|fortnightly|every\\s+fortnight)${E}`, 'iu'), base: (_m, today) => (today ? { make: weeklyBase([today]), every: 2 } : null) },
  // "peer se jumma tak roz", "پیر سے جمعہ تک روز", "every monday to friday", "mon-fri daily"
  { re: new RegExp(`${B}(?:(${EVERY}|${DAILY})\\s+)?(?:from\\s+)?(${DAY_WORD})\\s*(?:-|to|through|till|until|se|سے)\\s*(${DAY_WORD})(?:\\s+(?:tak|تک))?(?:\\s+(${DAILY}))?${E}`, 'iu'),
    base: (m) => (m[1] || m[4] ? range(m[2]!, m[3]!) : null) },
  { re: /(?<![\p{L}\p{N}])(?:every\s+weekday|on\s+weekdays|weekdays|har\s+kaam\s+ke\s+din)(?![\p{L}\p{N}])|ہر\s+کام\s+کے\s+دن/iu, base: () => ({ make: (t) => `weekdays@${t}` }) },
  // "every week", "weekly on tuesday", "har hafte", "ہر ہفتے"
  { re: new RegExp(`${B}(?:every\\s+week|each\\s+week|weekly|har\\s+(?:hafte|haftay|haftey)|ہر\\s+ہفتے)(?:\\s+on\\s+(${DAY_LIST}))?${E}`, 'iu'),
    base: (m, today) => (m[1] ? { make: weeklyBase(daysOf(m[1])) } : today ? { make: weeklyBase([today]) } : null) },
  { re: new RegExp(`${B}(?:every|har|ہر)\\s+(${DAY_LIST})${E}`, 'iu'), base: (m) => ({ make: weeklyBase(daysOf(m[1]!)) }) },
  { re: /(?<![\p{L}\p{N}])(?:every\s+month\s+on\s+the\s+|monthly\s+on\s+the\s+|on\s+the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?every\s+month(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:every\s+month|monthly)\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}])/iu,
    base: (m) => { const d = Number(m[1] ?? m[2]); return d >= 1 && d <= 31 ? { make: (t) => `monthly@${d}@${t}` } : null; } },
  { re: new RegExp(`${B}(?:${DAILY}|every\\s+(?:morning|evening|night))${E}`, 'iu'), base: () => ({ make: (t) => `daily@${t}` }) },
];

/** "every N days/weeks/months" (N from a number or "other"/"doosre"), on the listed days or today's. */
function spaced(spacing: string, unit: string, dayList: string | undefined, today: string | null): Base | null {
  const every = SPACING[spacing] ?? numberOf(spacing);
  if (!Number.isInteger(every) || every < 1 || every > MAX_EVERY) return null;
  if (new RegExp(`^${DAY}$`, 'iu').test(unit)) return { make: (t) => `daily@${t}`, every };
  if (new RegExp(`^${WEEK}$`, 'iu').test(unit)) {
    const days = dayList ? daysOf(dayList) : today ? [today] : [];
    return days.length ? { make: weeklyBase(days), every } : null;
  }
  return null;
}

/** "monday to friday" → weekdays; another span → those days (wrapping past Sunday). */
function range(fromWord: string, toWord: string): Base | null {
  const from = DOW_CODES.indexOf(DAYS[fromWord] as never);
  const to = DOW_CODES.indexOf(DAYS[toWord] as never);
  if (from < 0 || to < 0 || from === to) return null;
  const days: string[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    days.push(DOW_CODES[d]!);
    if (d === to) break;
  }
  return { make: weeklyBase(days) };
}

const CRON_FIELD = '[\\d*/,LW#?A-Za-z-]+';
const CRON_5 = new RegExp(`\\bcron\\s*[:=]?\\s*((?:${CRON_FIELD}\\s+){4}${CRON_FIELD})`, 'i');
const CRON_6 = new RegExp(`\\bcron\\s*[:=]?\\s*((?:${CRON_FIELD}\\s+){5}${CRON_FIELD})`, 'i');

/**
 * Finds a repeating schedule in a request ("every weekday at 9", "every month on the 1st",
 * "har roz subah", "every other week on monday until 31 december", "cron 0 9 * * 1-5"). Null when
 * the message states none, so nothing repeats by accident. Without `context` the phrases that need
 * today's date (every N…, every week, a date without a year) are not read. The parser contract has
 * no recurrence param, so this runs beside it.
 */
export function parseRecurrencePhrase(text: string, context?: RecurrenceContext): RecurrencePhrase | null {
  for (const re of [CRON_6, CRON_5]) {
    const cron = re.exec(text);
    if (cron && isValidRule(cron[1]!.trim())) return { rule: cron[1]!.trim(), rest: tidy(text.replace(cron[0], ' ')) };
  }
  const cutter = new PhraseCutter(text);
  const today = context ? wallTime(context.now, context.timeZone) : null;
  for (const matcher of MATCHERS) {
    const m = matcher.re.exec(cutter.work);
    if (!m) continue;
    const base = matcher.base(m, today ? DOW_CODES[today.weekday]! : null);
    if (!base) return null;
    const until = findUntil(cutter, today);
    const count = findCount(cutter);
    if (until === undefined || count === undefined) return null;
    const time = timeOf(cutter.work);
    cutter.cut(m.index, m[0].length);
    if (time) cutter.cut(time.index, time.length);
    for (const [re] of PART_OF_DAY) {
      const part = new RegExp(re.source, 'giu');
      for (const p of cutter.work.matchAll(part)) cutter.cut(p.index, p[0].length);
    }
    const rule = buildRule(base.make(time?.hhmm ?? '09:00'), base.every ?? 1, until, count, context);
    return rule ? { rule, rest: tidy(cutter.rest()) } : null;
  }
  return null;
}

/** The full rule; every=N starts on the local date of the first occurrence (from=). */
function buildRule(base: string, every: number, until: string | null, count: number | null, context?: RecurrenceContext): string | null {
  if (until && !isCalendarDate(until)) return null;
  if (count !== null && (count < 1 || count > MAX_COUNT)) return null;
  let from: string | null = null;
  if (every > 1) {
    if (!context) return null;
    const first = nextOccurrence(formatRule({ base, until }), context.timeZone, context.now);
    if (!first) return null;
    from = dateKey(wallTime(first, context.timeZone));
  }
  const rule = formatRule({ base, every, from, until, count });
  return isValidRule(rule) ? rule : null;
}

function tidy(s: string): string {
  return s.replace(/(?<![\p{L}\p{N}])(at|on|baje|ko|for|tak|کو|تک)\s*$/iu, '').replace(/\s+/g, ' ').replace(/\s+([,.!?])/g, '$1').trim();
}
