/**
 * Urdu and Roman Urdu dates and times, by our own rules (chrono has no Urdu). Covers the words
 * people actually type: آج/aaj, کل/kal (tomorrow in a request), پرسوں/parson, weekdays,
 * صبح/subah, دوپہر/dopahar, شام/shaam, رات/raat, "5 بجے"/"5 baje", hours as words ("saat baje",
 * "سات بجے"), the fraction words ساڑھے/saade, سوا/sawa, پونے/paune, ڈیڑھ/derh, ڈھائی/dhai,
 * and "N گھنٹے بعد"/"aadhe ghante baad"/"saade teen ghante mein".
 */
import type { ParseContext } from './types.ts';
import { addDays, weekdayOf, type CalendarDate } from '../core/zoned-time.ts';
import { resolveWall, hourWithPart, todayIn, lastDayOfMonth, PART_OF_DAY_HOUR, type When, type PartOfDay } from './when.ts';
import { rx, type Work } from './work-text.ts';
import {
  EN_HOUR_WORD, UR_COUNT_WORD, UR_FRACTION_ALONE, UR_FRACTION_BEFORE, UR_HOUR_WORD, UR_WEAK_HOURS, numberValue, withFraction,
} from './number-words.ts';

const KO = '(?:\\s*(?:کو|کے\\s*دن|ko|ke\\s*din|tak|تک))?';

const DAY_WORDS: ReadonlyArray<[RegExp, number]> = [
  [rx(`‹(?:آج|aaj|aj)›${KO}`), 0],
  [rx(`‹(?:کل|kal|kl)›${KO}`), 1],
  [rx(`‹(?:پرسوں|پرسو|parson|parsoon|parso|parsun|parsoun)›${KO}`), 2],
  [rx(`‹(?:ترسوں|tarson|tarsoon)›${KO}`), 3],
];

/**
 * Weekday names (0 = Sunday), with the English ones Roman Urdu messages use ("Friday 2 pm ko").
 * ہفتہ/hafta also means "week", so it needs a following کو/ko.
 */
const WEEKDAYS: ReadonlyArray<[string, number]> = [
  ['اتوار|itwar|itwaar|atwar|etwar|itwaar|sundays?', 0],
  ['پیر|سوموار|peer|pir|somwar|somvar|mondays?', 1],
  ['منگل|mangal|mangla|tuesdays?', 2],
  ['بدھ|budh|budhwar|budhvar|budh|wednesdays?', 3],
  ['جمعرات|jumeraat|jumerat|jumeraat|jumaraat|jumerat|jumrat|jumeraat|thursdays?', 4],
  ['جمعہ|جمعے|jumma|jumme|juma|jummah|jumah|jumay|jummay|jumaa|fridays?', 5],
  ['ہفتے|ہفتہ|hafte|hafta|haftay', 6],
  ['saturdays?', 6],
];

const NEXT = '(?:(?:اگلے|اگلی|اگلا|آنے\\s*والے|agle|agley|agli|agla|aglay|anay\\s*wale|aane\\s*wale|next|this)\\s*)?';
const WEEKDAY_RES: ReadonlyArray<[RegExp, number]> = WEEKDAYS.map(([names, n]) => [
  names.includes('hafta')
    ? rx(`${NEXT}‹(?:${names})›\\s*(?:کو|کے\\s*دن|ko|ke\\s*din)›`)
    : rx(`${NEXT}‹(?:${names})›${KO}›`),
  n,
]);

/** Units of a duration: minutes, hours, days. */
const UNIT = '(?:منٹوں|منٹ|minutes|minute|mints|mint|mins|min|گھنٹوں|گھنٹے|گھنٹہ|ghanton|ghante|ghanta|ghantay|ghantey|hours|hour|دنوں|دن|dinon|dino|din)';

/** Clock hours said as words (Urdu, Roman, English), and "no" for nine before "baje" only. */
const HOUR_WORD = `(?:${UR_HOUR_WORD}|${EN_HOUR_WORD})`;
const BAJE = '(?:بجے|بجکر|baje|bje|bajay|bajey|bajy|bajhe|bajhay|bhaje|bhje|bjay|bjey|bajee|bajkar|bajke|baj)';
/** The postposition a clock time takes ("5 baje ke liye", "saat baje ko", "2 بجے تک"): part of the time. */
const POST = '(?:\\s*(?:ke\\s*li(?:ye|e|ay)|کے\\s*لیے|کے\\s*لئے|ko|کو|par|pe|پر|tak|تک|ka|ki|کا|کی)›)?';
const HOUR = `(\\d{1,2}|${HOUR_WORD}|no(?=\\s*${BAJE}))`;
/** Right after a part of the day, a number is its hour ("sham 5", "raat das"). */
const HOUR_NEXT = `(?=\\s*(?:\\d|${HOUR_WORD}›|${UR_FRACTION_BEFORE}›))`;

const PARTS: ReadonlyArray<[RegExp, PartOfDay]> = [
  [rx(`‹(?:صبح|سویرے|subah|subha|subh|subuh|sobah|savere|sawere)›(?:\\s*(?:کو|کے|ko|ke|sawere|سویرے)›)?`), 'morning'],
  [rx(`‹(?:سہ\\s*پہر|seh\\s*pehar|sehpahar|sehpehar)›(?:\\s*(?:کو|کے|ko|ke)›)?`), 'afternoon'],
  [rx(`‹(?:دوپہر|dopahar|dopehar|dophar|dopaher|dupehar|dopher|dupahar|dopahr)›(?:\\s*(?:کو|کے|ko|ke)›)?`), 'noon'],
  [rx(`‹(?:شام|shaam|sham${HOUR_NEXT})›(?:\\s*(?:کو|کے|ko|ke)›)?`), 'evening'],
  [rx(`‹(?:آج\\s*رات|رات|raat|rat${HOUR_NEXT})›(?:\\s*(?:کو|کے|ko|ke)›)?`), 'night'],
];

/**
 * "5 بجے", "saat baje", "ساڑھے 5 بجے", "5:30 baje", "5 baj kar 20 minute", "5pm", "paanch pm",
 * "sawa 8 baje", "at 4 pm": an hour with "baje" or am/pm, a fraction word before it optional.
 */
const CLOCK = rx(
  `(?:‹at\\s+|@\\s*)?(?:‹(${UR_FRACTION_BEFORE})\\s*)?‹${HOUR}(?:\\s*[:.]\\s*(\\d{2}))?` +
  `(?:\\s*${BAJE}(?:ke\\s*li(?:ye|e|ay)|ke|ko|ka|ki)?›(?:\\s*(?:کر|kar|ke)\\s*(\\d{1,2}|${UR_COUNT_WORD})\\s*(?:منٹ|minute|mint|min)s?›)?|\\s*(am|pm|a\\.m\\.|p\\.m\\.)›)${POST}`,
);
/** "saade saat", "sawa paanch", "پونے چھ": a fraction word and an hour are a time without "baje". */
const FRACTION_HOUR = rx(`‹(${UR_FRACTION_BEFORE})\\s*(\\d{1,2}|${HOUR_WORD})›(?!\\s*(?:${UNIT}|\\d))${POST}`);
/** "ڈیڑھ بجے" 1:30, "dhai baje" 2:30, "sawa baje" 1:15. */
const FRACTION_CLOCK = rx(`‹(${UR_FRACTION_ALONE})\\s*${BAJE}›${POST}`);
/** The hour right after a part of the day, without "baje": "subah 7", "raat das", "sham 5:30". */
const HOUR_AFTER_PART = rx(`^\\s*(\\d{1,2}|${HOUR_WORD})(?:\\s*[:.]\\s*(\\d{2}))?›(?!\\s*(?:${UNIT}|[:.]?\\d))${POST}`);

const COUNT = `(\\d{1,3}|${UR_COUNT_WORD})`;
const AFTER = '(?:بعد|میں|کے\\s*بعد|baad|bad|mein|main|me|mai|mei|ke\\s*baad|ke\\s*bad)';
/** "10 minute mein", "do ghante baad", "saade teen ghante baad", "aadhe ghante mein", "derh ghanta baad". */
const UNITS_LATER = rx(
  `‹(?:(${UR_FRACTION_BEFORE})\\s*${COUNT}|(${UR_FRACTION_ALONE})|${COUNT})\\s*(${UNIT})\\s*${AFTER}›`,
);

/** "مہینے کے آخر تک", "mahine ke aakhir tak", "agle mahine ke end mein": the month's last day. */
const MONTH_END = rx(
  `‹(?:(اگلے|agle|aglay)\\s*|(?:اس|is)\\s*)?(?:مہینے|ماہ|mahine|mahinay|month)\\s*(?:کے|ke|ka|کا)\\s*(?:آخر|اختتام|آخری\\s*دن|aakhir|akhir|aakhri\\s*din|akhri\\s*din|end|khatam)›` +
  `(?:\\s*(?:تک|میں|پر|کو|tak|mein|main|me|par|ko)›)?`,
);

interface Span { index: number; length: number }

function firstMatch(re: RegExp, key: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(key);
}

/** The relative forms ("in half an hour" style): an exact instant from now. */
function takeRelative(work: Work, ctx: ParseContext): When | null {
  const m = firstMatch(UNITS_LATER, work.key);
  if (!m) return null;
  const n = m[3] ? withFraction(m[3], null) : withFraction(m[1], numberValue(m[2] ?? m[4] ?? ''));
  const unit = m[5] ?? '';
  if (n === null || n <= 0) return null;
  if (/^(?:دنوں|دن|din|dino|dinon)$/.test(unit)) {
    if (!Number.isInteger(n)) return null;
    work.blank(m.index, m.index + m[0].length);
    return resolveWall(ctx, addDays(todayIn(ctx), n), null);
  }
  work.blank(m.index, m.index + m[0].length);
  const minutes = /^(?:منٹوں|منٹ|min|mint|mins|mints|minute|minutes)$/.test(unit) ? n : n * 60;
  return { start: new Date(ctx.now.getTime() + Math.round(minutes * 60) * 1000), hasTime: true, hasDate: true };
}

interface Clock { hour: number; minute: number; ambiguous: boolean }

/**
 * A clock from an amount of hours as said ("saade saat" 7.5, "paune chhe" 5.75, "5" and 20 minutes
 * past), settled by the part of the day or am/pm; null when it is no time of day.
 */
function clockOf(amount: number, extraMinute: number, part: PartOfDay | null, pm: boolean | null): Clock | null {
  let hour = Math.floor(amount);
  const minute = Math.round((amount - hour) * 60) + extraMinute;
  if (hour === 0 && amount > 0) hour = 12; // "paune ek": a quarter to one
  if (hour < 1 || hour > 23 || minute > 59) return null;
  return { hour: hourWithPart(hour, part, pm), minute, ambiguous: pm === null && !part && hour >= 8 && hour <= 11 };
}

/** The clock time a message names, with the words it was read from; null when none. */
function findClock(key: string, part: PartOfDay | null, partEnd: number, partHasKo: boolean): { clock: Clock; span: Span } | null {
  const c = firstMatch(CLOCK, key);
  if (c) {
    const hour = numberValue(c[2] === 'no' ? '9' : c[2] ?? '');
    const amount = withFraction(c[1], hour);
    const extra = c[3] ? Number(c[3]) : c[4] ? numberValue(c[4]) ?? 0 : 0;
    const pm = c[5] ? /^p/.test(c[5]) : null;
    const clock = amount === null ? null : clockOf(amount, extra, part, pm);
    if (clock) return { clock, span: { index: c.index, length: c[0].length } };
  }
  const fh = firstMatch(FRACTION_HOUR, key);
  if (fh) {
    const amount = withFraction(fh[1], numberValue(fh[2] ?? ''));
    const clock = amount === null ? null : clockOf(amount, 0, part, null);
    if (clock) return { clock, span: { index: fh.index, length: fh[0].length } };
  }
  const f = firstMatch(FRACTION_CLOCK, key);
  if (f) {
    const amount = withFraction(f[1], null);
    const clock = amount === null || amount < 1 ? null : clockOf(amount, 0, part, null);
    if (clock) return { clock, span: { index: f.index, length: f[0].length } };
  }
  if (part) {
    const h = HOUR_AFTER_PART.exec(key.slice(partEnd));
    const word = h && !/^\d/.test(h[1] ?? '');
    if (h && !(word && (partHasKo || UR_WEAK_HOURS.test(h[1] ?? '')))) {
      const hour = numberValue(h[1] ?? '');
      const clock = hour === null ? null : clockOf(hour, h[2] ? Number(h[2]) : 0, part, null);
      if (clock) return { clock, span: { index: partEnd, length: h[0].length } };
    }
  }
  return null;
}

/**
 * Finds an Urdu / Roman Urdu time expression, blanks its words out of `work` and resolves it in
 * the user's zone; null when the message names no day or time.
 */
export function takeUrduWhen(work: Work, ctx: ParseContext): When | null {
  const relative = takeRelative(work, ctx);
  if (relative) return relative;
  const spans: Span[] = [];
  const key = work.key;

  let dayOffset: number | null = null;
  let monthEnd: CalendarDate | null = null;
  const me = firstMatch(MONTH_END, key);
  if (me) {
    monthEnd = lastDayOfMonth(todayIn(ctx), me[1] ? 1 : 0);
    spans.push({ index: me.index, length: me[0].length });
  }
  for (const [re, off] of monthEnd ? [] : DAY_WORDS) {
    const m = firstMatch(re, key);
    if (m) { dayOffset = off; spans.push({ index: m.index, length: m[0].length }); break; }
  }
  let weekday: number | null = null;
  if (dayOffset === null && !monthEnd) {
    for (const [re, n] of WEEKDAY_RES) {
      const m = firstMatch(re, key);
      if (m) { weekday = n; spans.push({ index: m.index, length: m[0].length }); break; }
    }
  }
  let part: PartOfDay | null = null;
  let partEnd = 0;
  let partHasKo = false;
  for (const [re, p] of PARTS) {
    const m = firstMatch(re, key);
    if (m) {
      part = p;
      partEnd = m.index + m[0].length;
      partHasKo = /(?:کو|کے|ko|ke)$/.test(m[0]);
      spans.push({ index: m.index, length: m[0].length });
      break;
    }
  }
  const found = findClock(key, part, partEnd, partHasKo);
  let clock: Clock | null = found?.clock ?? null;
  if (found) spans.push(found.span);
  if (!clock && part) clock = { hour: PART_OF_DAY_HOUR[part], minute: 0, ambiguous: false };
  if (dayOffset === null && weekday === null && !clock && !monthEnd) return null;

  for (const s of spans) work.blank(s.index, s.index + s.length);
  const today = todayIn(ctx);
  let date: CalendarDate | null = monthEnd;
  if (dayOffset !== null) date = addDays(today, dayOffset);
  else if (weekday !== null) {
    const ahead = (weekday - weekdayOf(today) + 7) % 7 || 7;
    date = addDays(today, ahead);
  }
  return resolveWall(ctx, date, clock);
}
