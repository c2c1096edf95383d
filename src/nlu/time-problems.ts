/**
 * Dates, times, durations and repeats in a request that cannot be meant as written: "feb 30",
 * "25:99", "2147483648 minutes", "in 0 minutes", "every 30 seconds". chrono and our own rules skip
 * what they cannot read, which used to turn "/todo pay feb 30" into an undated todo and
 * "/event party 25:99 tomorrow" into 09:00; the router asks this first for requests that create or
 * move something, and refuses with a clear reply instead of saving a guess.
 */

/** Why a request's time cannot be used; `text` is the words as written. */
export type TimeProblem =
  | { kind: 'impossibleDate'; text: string; month: number; day: number }
  | { kind: 'impossibleTime'; text: string }
  | { kind: 'tooFar'; text: string }
  | { kind: 'zeroDuration'; text: string }
  | { kind: 'tooOften'; text: string };

/** Years ahead a duration may reach (the tool registry's horizon for stored dates is the same). */
const MAX_YEARS = 10;
const YEAR_MS = 365.25 * 86_400_000;

const MONTHS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:jan|january|جنوری)$/i, 1], [/^(?:feb|febr?uary|فروری|farvari|farwari)$/i, 2], [/^(?:mar|march|مارچ)$/i, 3],
  [/^(?:apr|april|اپریل)$/i, 4], [/^(?:may|مئی)$/i, 5], [/^(?:jun|june|جون)$/i, 6], [/^(?:jul|july|جولائی)$/i, 7],
  [/^(?:aug|august|اگست)$/i, 8], [/^(?:sep|sept|september|ستمبر)$/i, 9], [/^(?:oct|october|اکتوبر)$/i, 10],
  [/^(?:nov|november|نومبر)$/i, 11], [/^(?:dec|december|دسمبر)$/i, 12],
];
const MONTH_WORD = 'jan(?:uary)?|febr?(?:uary)?|farvari|farwari|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر';
const ORD = '(?:st|nd|rd|th)?';
/** "feb 30", "february 30th 2027", "30 feb", "30th of february", "30 فروری". */
const MONTH_DAY = new RegExp(`(?<![\\p{L}\\d])(${MONTH_WORD})\\.?\\s+(?:the\\s+)?(\\d{1,2})${ORD}(?![\\p{L}\\d:])(?:,?\\s+(\\d{4})\\b)?`, 'iu');
const DAY_MONTH = new RegExp(`(?<![\\p{L}\\d:.])(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${MONTH_WORD})(?![\\p{L}])(?:,?\\s+(\\d{4})\\b)?`, 'iu');
/** "30/02", "02/30/2027" (either order), "2027-02-30". */
const SLASH_DATE = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?![\d/])/;
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?!\d)/;

/** "25:99", "24:30" (a clock, not a ratio such as 1:100 or a time with seconds). */
const CLOCK = /(?<![\d:.])(\d{1,2}):(\d{2})(?![\d:])/g;
/** "13pm", "0am", "25 baje", "25 بجے". */
const MERIDIEM = /(?<![\d:.])(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\b\.?|(baje|بجے))/giu;

const UNIT_MS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:s|secs?|seconds?|سیکنڈ)$/i, 1_000],
  [/^(?:m|mins?|minutes?|mints?|منٹ)$/i, 60_000],
  [/^(?:h|hrs?|hours?|ghant[ae]y?|گھنٹ[ےہ])$/i, 3_600_000],
  [/^(?:d|days?|din|دن)$/i, 86_400_000],
  [/^(?:w|wks?|weeks?|haft[ae]y?|ہفت[ےہ])$/i, 7 * 86_400_000],
  [/^(?:mo|months?|mahin[ae]y?|مہین[ےہ])$/i, 30 * 86_400_000],
  [/^(?:y|yrs?|years?|saal|سال)$/i, YEAR_MS],
  [/^(?:decades?)$/i, 10 * YEAR_MS],
];
const DURATION = /(?<![\d.:/])(\d+(?:\.\d+)?)\s*(secs?|seconds?|s|mins?|minutes?|mints?|m|hrs?|hours?|h|ghant[ae]y?|days?|din|d|wks?|weeks?|haft[ae]y?|w|months?|mo|mahin[ae]y?|years?|yrs?|y|saal|decades?|سیکنڈ|منٹ|گھنٹ[ےہ]|دن|ہفت[ےہ]|مہین[ےہ]|سال)(?![\p{L}\d])/giu;

/** "every 30 seconds", "har 10 second", "ہر 5 سیکنڈ": a number of seconds is always a repeat that often. */
const TOO_OFTEN_COUNT = /(?<![\p{L}])(?:every|each|har|ہر)\s+\d+\s*(?:secs?|seconds?|s|سیکنڈ)(?![\p{L}\d])/iu;
/**
 * "every second" with no number only where it ends the schedule ("remind me every second to
 * blink", "har second yaad dilao"), not "every second tuesday" or "check every second box".
 */
const TOO_OFTEN_ALONE = /(?<![\p{L}])(?:every|each|har|ہر)\s+(?:sec|second|سیکنڈ)(?=\s*(?:$|[,.!?;:،۔]|(?:to|and|please|pls|remind|ping|yaad|یاد|مجھے)(?![\p{L}])))/iu;

function daysIn(month: number, year?: number): number {
  if (month === 2) return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function monthOf(word: string): number {
  return MONTHS.find(([re]) => re.test(word.replace(/\.$/, '')))?.[1] ?? 0;
}

/** Urdu and Arabic-Indic digits as ASCII, so "۲۵:۹۹" is checked like "25:99". */
function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

function impossibleDate(text: string): TimeProblem | null {
  for (const [re, monthAt, dayAt] of [[MONTH_DAY, 1, 2], [DAY_MONTH, 2, 1]] as const) {
    const m = re.exec(text);
    if (!m) continue;
    const month = monthOf(m[monthAt]!);
    const day = Number(m[dayAt]);
    const year = m[3] ? Number(m[3]) : undefined;
    if (month && day <= 31 && (day < 1 || day > daysIn(month, year))) return { kind: 'impossibleDate', text: m[0].trim(), month, day };
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (month < 1 || month > 12) return { kind: 'impossibleDate', text: iso[0], month: 0, day };
    if (day < 1 || day > daysIn(month, year)) return { kind: 'impossibleDate', text: iso[0], month, day };
  }
  const slash = SLASH_DATE.exec(text);
  if (slash) {
    const a = Number(slash[1]);
    const b = Number(slash[2]);
    const year = slash[3] ? Number(slash[3].length === 2 ? `20${slash[3]}` : slash[3]) : undefined;
    const valid = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year);
    // Only numbers that look like a date (one of them could be a month): "50/50" is not one.
    if ((a <= 12 || b <= 12) && !valid(a, b) && !valid(b, a)) {
      const month = b <= 12 ? b : a;
      return { kind: 'impossibleDate', text: slash[0], month, day: month === b ? a : b };
    }
  }
  return null;
}

function impossibleTime(text: string): TimeProblem | null {
  for (const m of text.matchAll(CLOCK)) {
    if (Number(m[1]) > 23 || Number(m[2]) > 59) return { kind: 'impossibleTime', text: m[0] };
  }
  for (const m of text.matchAll(MERIDIEM)) {
    const hour = Number(m[1]);
    const minute = Number(m[2] ?? 0);
    if (minute > 59 || (m[3] ? hour > 12 : hour > 24)) return { kind: 'impossibleTime', text: m[0].trim() };
  }
  return null;
}

/** Words that make a number with a unit a time from now: "in 20 years", "20 saal baad", "2 days later". */
const BEFORE_DURATION = /(?:^\s*|(?<![\p{L}])(?:in|after|within|for|every|har)\s+)$/iu;
const AFTER_DURATION = /^\s*(?:from\s+now|later|hence|baad|bad|بعد|میں)(?![\p{L}])/iu;

function badDuration(text: string): TimeProblem | null {
  for (const m of text.matchAll(DURATION)) {
    // "100 years of solitude" in a title is not a time; "in 100 years" and "/remind 100 years …" are.
    if (!BEFORE_DURATION.test(text.slice(0, m.index)) && !AFTER_DURATION.test(text.slice(m.index + m[0].length))) continue;
    const unit = UNIT_MS.find(([re]) => re.test(m[2]!))?.[1];
    if (unit === undefined) continue;
    const amount = Number(m[1]);
    if (amount === 0) return { kind: 'zeroDuration', text: m[0] };
    if (amount * unit > MAX_YEARS * YEAR_MS) return { kind: 'tooFar', text: m[0] };
  }
  return null;
}

/**
 * The first problem with the dates, times, durations or repeats written in `text`, or null when
 * there is none. A pure function of the text: it judges what was written, whatever a parser or
 * model later makes of it.
 */
export function findTimeProblem(text: string): TimeProblem | null {
  const t = asciiDigits(text);
  const often = TOO_OFTEN_COUNT.exec(t) ?? TOO_OFTEN_ALONE.exec(t);
  if (often) return { kind: 'tooOften', text: often[0] };
  return impossibleDate(t) ?? impossibleTime(t) ?? badDuration(t);
}
