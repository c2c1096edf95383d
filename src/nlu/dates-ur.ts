/**
 * Urdu and Roman Urdu dates and times, by our own rules (chrono has no Urdu). Covers the words
 * people actually type: آج/aaj, کل/kal (tomorrow in a request), پرسوں/parson, weekdays,
 * صبح/subah, دوپہر/dopahar, شام/shaam, رات/raat, "5 بجے"/"5 baje", ساڑھے/sawa/pone,
 * and "N گھنٹے بعد"/"aadhe ghante baad".
 */
import type { ParseContext } from './types.ts';
import { addDays, weekdayOf, type CalendarDate } from '../core/zoned-time.ts';
import { resolveWall, hourWithPart, todayIn, lastDayOfMonth, PART_OF_DAY_HOUR, type When, type PartOfDay } from './when.ts';
import { rx, type Work } from './work-text.ts';

const KO = '(?:\\s*(?:کو|کے\\s*دن|ko|ke\\s*din|tak|تک))?';

const DAY_WORDS: ReadonlyArray<[RegExp, number]> = [
  [rx(`‹(?:آج|aaj|aj)›${KO}`), 0],
  [rx(`‹(?:کل|kal|kl)›${KO}`), 1],
  [rx(`‹(?:پرسوں|پرسو|parson|parsoon|parso|parsun|parsoun)›${KO}`), 2],
  [rx(`‹(?:ترسوں|tarson|tarsoon)›${KO}`), 3],
];

/** Weekday names (0 = Sunday). ہفتہ/hafta also means "week", so it needs a following کو/ko. */
const WEEKDAYS: ReadonlyArray<[string, number]> = [
  ['اتوار|itwar|itwaar|atwar|etwar|itwaar', 0],
  ['پیر|سوموار|peer|pir|somwar|somvar', 1],
  ['منگل|mangal|mangla', 2],
  ['بدھ|budh|budhwar|budhvar|budh', 3],
  ['جمعرات|jumeraat|jumerat|jumeraat|jumaraat|jumerat|jumrat|jumeraat', 4],
  ['جمعہ|جمعے|jumma|jumme|juma|jummah|jumah|jumay|jummay|jumaa', 5],
  ['ہفتے|ہفتہ|hafte|hafta|haftay', 6],
];

const NEXT = '(?:(?:اگلے|اگلی|اگلا|آنے\\s*والے|agle|agli|agla|aglay|anay\\s*wale|aane\\s*wale)\\s*)?';
const WEEKDAY_RES: ReadonlyArray<[RegExp, number]> = WEEKDAYS.map(([names, n]) => [
  n === 6
    ? rx(`${NEXT}‹(?:${names})›\\s*(?:کو|کے\\s*دن|ko|ke\\s*din)›`)
    : rx(`${NEXT}‹(?:${names})›${KO}›`),
  n,
]);

const PARTS: ReadonlyArray<[RegExp, PartOfDay]> = [
  [rx(`‹(?:صبح|سویرے|subah|subha|subh|subuh|sobah|savere)›(?:\\s*(?:کو|کے|ko|ke|sawere|سویرے))?`), 'morning'],
  [rx(`‹(?:سہ\\s*پہر|seh\\s*pehar|sehpahar|sehpehar)›(?:\\s*(?:کو|کے|ko|ke))?`), 'afternoon'],
  [rx(`‹(?:دوپہر|dopahar|dopehar|dophar|dopaher|dupehar|dopher)›(?:\\s*(?:کو|کے|ko|ke))?`), 'noon'],
  [rx(`‹(?:شام|shaam|sham(?=\\s*\\d))›(?:\\s*(?:کو|کے|ko|ke))?`), 'evening'],
  [rx(`‹(?:آج\\s*رات|رات|raat|rat(?=\\s*\\d))›(?:\\s*(?:کو|کے|ko|ke))?`), 'night'],
];

const BAJE = '(?:بجے|بجکر|baje|bje|bajay|bajey|bajy|baj)';
const HALF = { 'ساڑھے': 30, sarhe: 30, saarhe: 30, sadhe: 30, saade: 30, sarhay: 30, saray: 30, 'سوا': 15, sawa: 15, sava: 15 } as const;
const QUARTER_TO = /^(?:پونے|pone|paune|pauney)$/;

/** "5 بجے", "ساڑھے 5 بجے", "5:30 baje", "5 baj kar 20 minute", "5pm", "sawa 8". */
const CLOCK = rx(
  `(?:‹(ساڑھے|sarhe|saarhe|sadhe|saade|sarhay|saray|سوا|sawa|sava|پونے|pone|paune|pauney)\\s*)?` +
  `‹(\\d{1,2})(?:[:.](\\d{2}))?` +
  `(?:\\s*${BAJE}(?:\\s*(?:کر|kar|ke)\\s*(\\d{1,2})\\s*(?:منٹ|minute|mint|min)s?)?|\\s*(am|pm|a\\.m\\.|p\\.m\\.)›)`,
);
/** "سات بجے", "saat baje": an hour said in words, only with بجے/baje after it. */
const HOUR_WORDS: Record<string, number> = {
  'ایک': 1, 'دو': 2, 'تین': 3, 'چار': 4, 'پانچ': 5, 'چھ': 6, 'چھے': 6, 'سات': 7, 'آٹھ': 8, 'نو': 9, 'دس': 10, 'گیارہ': 11, 'بارہ': 12,
  ek: 1, do: 2, teen: 3, char: 4, chaar: 4, panch: 5, paanch: 5, chay: 6, chhe: 6, chhay: 6, che: 6, saat: 7, sat: 7, aath: 8, aat: 8,
  nau: 9, no: 9, das: 10, gyarah: 11, gyara: 11, giyarah: 11, barah: 12, bara: 12, baara: 12,
};
const WORD_CLOCK = rx(`‹(${Object.keys(HOUR_WORDS).join('|')})\\s*${BAJE}›`);
const FRACTION_CLOCK = rx(`‹(ڈیڑھ|derh|dedh|ڈھائی|dhai|dhaai|adhai)\\s*${BAJE}›`);

const COUNT_WORDS: Record<string, number> = {
  'ایک': 1, 'دو': 2, 'تین': 3, 'چار': 4, 'پانچ': 5, 'دس': 10, 'پندرہ': 15, 'بیس': 20, 'تیس': 30,
  ek: 1, do: 2, teen: 3, char: 4, chaar: 4, panch: 5, paanch: 5, das: 10, pandrah: 15, bees: 20, tees: 30,
};
const COUNT = `(\\d{1,3}|${Object.keys(COUNT_WORDS).join('|')})`;
const AFTER = '(?:بعد|میں|کے\\s*بعد|baad|bad|mein|main|me|ke\\s*baad)';
const HALF_HOUR_LATER = rx(`‹(?:آدھے|آدھا|aadhe|adhe|aadha|adha|aadhay)\\s*(?:گھنٹے|گھنٹہ|ghante|ghanta|ghantay)\\s*${AFTER}›`);
const UNITS_LATER = rx(`‹${COUNT}\\s*(منٹ|minute|minutes|mint|min|mins|گھنٹے|گھنٹوں|گھنٹہ|ghante|ghanton|ghanta|ghantay|hours?|دن|din|dino|dinon)\\s*${AFTER}›`);

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

function count(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : COUNT_WORDS[token] ?? 1;
}

/** The relative forms ("in half an hour" style): an exact instant from now. */
function takeRelative(work: Work, ctx: ParseContext): When | null {
  const half = firstMatch(HALF_HOUR_LATER, work.key);
  if (half) {
    work.blank(half.index, half.index + half[0].length);
    return { start: new Date(ctx.now.getTime() + 30 * 60_000), hasTime: true, hasDate: true };
  }
  const m = firstMatch(UNITS_LATER, work.key);
  if (!m) return null;
  const n = count(m[1] ?? '1');
  const unit = m[2] ?? '';
  work.blank(m.index, m.index + m[0].length);
  if (/^(?:دن|din|dino|dinon)$/.test(unit)) {
    return resolveWall(ctx, addDays(todayIn(ctx), n), null);
  }
  const minutes = /^(?:منٹ|min|mint|mins|minute|minutes)$/.test(unit) ? n : n * 60;
  return { start: new Date(ctx.now.getTime() + minutes * 60_000), hasTime: true, hasDate: true };
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
  for (const [re, p] of PARTS) {
    const m = firstMatch(re, key);
    if (m) { part = p; spans.push({ index: m.index, length: m[0].length }); break; }
  }
  let clock: { hour: number; minute: number; ambiguous: boolean } | null = null;
  const c = firstMatch(CLOCK, key);
  const f = c ? null : firstMatch(FRACTION_CLOCK, key);
  const w = c || f ? null : firstMatch(WORD_CLOCK, key);
  if (c) {
    let hour = Number(c[2]);
    let minute = Number(c[3] ?? c[4] ?? 0);
    const modifier = c[1] ?? '';
    if (modifier in HALF) minute = HALF[modifier as keyof typeof HALF];
    else if (QUARTER_TO.test(modifier)) { hour = (hour + 11) % 12 || 12; minute = 45; }
    const ampm = c[5] ? /^p/.test(c[5]) : null;
    if (hour <= 23 && minute <= 59) {
      clock = { hour: hourWithPart(hour, part, ampm), minute, ambiguous: ampm === null && !part && hour >= 8 && hour <= 11 };
      spans.push({ index: c.index, length: c[0].length });
    }
  } else if (f) {
    const two = /^(?:ڈھائی|dhai|dhaai|adhai)$/.test(f[1] ?? '');
    clock = { hour: hourWithPart(two ? 2 : 1, part, null), minute: 30, ambiguous: false };
    spans.push({ index: f.index, length: f[0].length });
  } else if (w) {
    const hour = HOUR_WORDS[w[1]!] ?? 0;
    clock = { hour: hourWithPart(hour, part, null), minute: 0, ambiguous: !part && hour >= 8 && hour <= 11 };
    spans.push({ index: w.index, length: w[0].length });
  }
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
