/**
 * How a repeating schedule ends, as said in English, Roman Urdu or Urdu script: "until 31
 * december", "31 december tak", "۳۱ دسمبر تک" (until=), "for 5 times", "5 dafa", "پانچ بار"
 * (count=); and "skip the next one" / "agla wala chhor do" / "اگلا چھوڑ دو", the request to skip
 * one occurrence. Each finder cuts what it read from the phrase, so it does not end up in the title.
 */
import type { WallTime } from '../core/zoned-time.ts';
import { SKIP_NEXT_PATTERNS } from '../nlu/index.ts';
import { B, E, MONTH_WORD, MONTHS, NUMBER, numberOf, PhraseCutter } from './recurrence-words.ts';

const DAY_NUM = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+(\\d{4}))?';
/** "31 december [2027]", "december 31[st] [2027]", "2027-12-31". */
const DATE = `(?:${DAY_NUM}\\s+(?:of\\s+)?(${MONTH_WORD})${YEAR}|(${MONTH_WORD})\\s+${DAY_NUM}${YEAR}|(\\d{4})-(\\d{2})-(\\d{2}))`;
const UNTIL_EN = new RegExp(`${B}(?:until|till|til|untill|through|up\\s+to)\\s+(?:the\\s+)?${DATE}${E}`, 'iu');
const UNTIL_UR = new RegExp(`${B}${DATE}\\s+(?:tak|تک)${E}`, 'iu');
const COUNT = new RegExp(`${B}(?:for\\s+)?(${NUMBER})\\s+(?:times|dafa|dafaa|dafah|baar|martaba|دفعہ|دفعے|بار|مرتبہ)${E}`, 'iu');

/**
 * The until= date said in the phrase (YYYY-MM-DD), null when none is said, undefined when one is
 * said but cannot be read (a date without a year needs `today`: the next such date from today).
 */
export function findUntil(cutter: PhraseCutter, today: WallTime | null): string | null | undefined {
  const m = UNTIL_EN.exec(cutter.work) ?? UNTIL_UR.exec(cutter.work);
  if (!m) return null;
  cutter.cut(m.index, m[0].length);
  let year: number;
  let month: number;
  let day: number;
  if (m[7]) [year, month, day] = [Number(m[7]), Number(m[8]), Number(m[9])];
  else {
    day = Number(m[1] ?? m[5]);
    month = MONTHS[(m[2] ?? m[4])!]!;
    const said = m[3] ?? m[6];
    if (said) year = Number(said);
    else if (!today) return undefined;
    else year = month * 100 + day >= today.month * 100 + today.day ? today.year : today.year + 1;
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(month)}-${p(day)}`;
}

/** The count= said in the phrase ("5 times", "das dafa"), null when none, undefined when unreadable. */
export function findCount(cutter: PhraseCutter): number | null | undefined {
  const m = COUNT.exec(cutter.work);
  if (!m) return null;
  cutter.cut(m.index, m[0].length);
  const n = numberOf(m[1]!);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}


/**
 * "skip the next one" / "agla wala chhor do" / "اگلا چھوڑ دو": the request to skip one occurrence
 * of a repeating reminder or todo, and the rest of the message (the words naming which one, e.g.
 * "gym reminder"). Null when the message asks no such thing. The tool that acts on it calls
 * ReminderService.skipNext / TodoService.skipNext.
 */
export function parseSkipNextPhrase(text: string): { rest: string } | null {
  const cutter = new PhraseCutter(text);
  for (const re of SKIP_NEXT_PATTERNS) {
    const m = re.exec(cutter.work);
    if (!m) continue;
    cutter.cut(m.index, m[0].length);
    return { rest: cutter.rest().replace(/\s+/g, ' ').trim() };
  }
  return null;
}
