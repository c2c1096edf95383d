/**
 * The words a repeating schedule is said with, in English, Roman Urdu and Urdu script: weekdays,
 * small numbers, ordinals, months and times of day. Written in the matching form of nlu/normalize's
 * `toKey` (lower case, ہ/ی/ک for their Arabic variants, ASCII digits), which is what the recurrence
 * parser matches on.
 */
import { toKey } from '../nlu/normalize.ts';

/** Word boundaries that also hold for Urdu script (JS `\b` only knows ASCII letters). */
export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';

/** Alternation of a table's words, longest first so "jumeraat" is not read as "jum…". */
export function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** Weekday words → sun..sat. "ہفتہ"/"hafta" is Saturday; "ہفتے"/"hafte" (a week) is not listed. */
export const DAYS: Record<string, string> = {
  sun: 'sun', sunday: 'sun', mon: 'mon', monday: 'mon', tue: 'tue', tues: 'tue', tuesday: 'tue', wed: 'wed', wednesday: 'wed',
  thu: 'thu', thur: 'thu', thurs: 'thu', thursday: 'thu', fri: 'fri', friday: 'fri', sat: 'sat', saturday: 'sat',
  itwar: 'sun', itwaar: 'sun', peer: 'mon', pir: 'mon', somwar: 'mon', somvar: 'mon', mangal: 'tue', budh: 'wed', budhwar: 'wed',
  jumeraat: 'thu', jumerat: 'thu', jumairat: 'thu', jumma: 'fri', juma: 'fri', jumme: 'fri', jummay: 'fri', jumay: 'fri', jummah: 'fri', hafta: 'sat',
  'اتوار': 'sun', 'پیر': 'mon', 'سوموار': 'mon', 'منگل': 'tue', 'بدھ': 'wed', 'جمعرات': 'thu', 'جمعہ': 'fri', 'جمعے': 'fri', 'ہفتہ': 'sat',
};
export const DAY_WORD = alternation(Object.keys(DAYS));
/** One or more weekdays: "monday and thursday", "peer aur jumma", "پیر اور جمعہ". */
export const DAY_LIST = `(?:${DAY_WORD})(?:\\s*(?:,|and|&|aur|اور)\\s*(?:${DAY_WORD}))*`;

/** The sun..sat codes of a day list, in the order said, without repeats. */
export function daysOf(list: string): string[] {
  return [...new Set(list.split(/\s*(?:,|and|&|aur|اور)\s*/u).map((d) => DAYS[d.trim()]).filter((d): d is string => !!d))];
}

/** Small numbers said as words. */
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
  ek: 1, do: 2, teen: 3, char: 4, chaar: 4, panch: 5, paanch: 5, chhe: 6, chay: 6, che: 6, saat: 7, aath: 8, nau: 9, das: 10, barah: 12, pandrah: 15, bees: 20, tees: 30,
  'ایک': 1, 'دو': 2, 'تین': 3, 'چار': 4, 'پانچ': 5, 'چھ': 6, 'سات': 7, 'آٹھ': 8, 'نو': 9, 'دس': 10, 'بارہ': 12, 'پندرہ': 15, 'بیس': 20, 'تیس': 30,
};
export const NUMBER = `(?:\\d{1,4}|${alternation(Object.keys(NUMBER_WORDS))})`;

/** A number written in digits or said as a word, or NaN. */
export function numberOf(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : NUMBER_WORDS[text] ?? Number.NaN;
}

/** Ordinals of "the first/last … of the month" → 1-4 or L. */
export const ORDINALS: Record<string, string> = {
  first: '1', '1st': '1', second: '2', '2nd': '2', third: '3', '3rd': '3', fourth: '4', '4th': '4', last: 'L',
  pehla: '1', pehli: '1', pehle: '1', pahla: '1', pahli: '1', pehlay: '1', doosra: '2', doosri: '2', dusra: '2', dusri: '2',
  teesra: '3', teesri: '3', chautha: '4', chauthi: '4', aakhri: 'L', akhri: 'L', aakhiri: 'L', akhiri: 'L',
  'پہلا': '1', 'پہلی': '1', 'پہلے': '1', 'دوسرا': '2', 'دوسری': '2', 'تیسرا': '3', 'تیسری': '3', 'چوتھا': '4', 'چوتھی': '4', 'آخری': 'L',
};
export const ORDINAL = alternation(Object.keys(ORDINALS));

/** "every other / every third": ordinals that say how many periods apart. */
export const SPACING: Record<string, number> = {
  other: 2, second: 2, third: 3, fourth: 4, alternate: 2,
  doosre: 2, dusre: 2, doosray: 2, dusray: 2, teesre: 3, teesray: 3, chauthe: 4, 'دوسرے': 2, 'تیسرے': 3, 'چوتھے': 4,
};
export const SPACING_WORD = alternation(Object.keys(SPACING));

/** Month names → 1-12. */
export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
  janwari: 1, farwari: 2, aprail: 4, julai: 7, agast: 8, sitambar: 9, aktubar: 10, navambar: 11, nomber: 11, disambar: 12,
  'جنوری': 1, 'فروری': 2, 'مارچ': 3, 'اپریل': 4, 'مئی': 5, 'جون': 6, 'جولائی': 7, 'اگست': 8, 'ستمبر': 9, 'اکتوبر': 10, 'نومبر': 11, 'دسمبر': 12,
};
export const MONTH_WORD = alternation(Object.keys(MONTHS));

const TIME = /(?<![\p{L}\p{N}])(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|baje)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])at\s+(\d{1,2})(?:[:.](\d{2}))?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(\d{1,2}):(\d{2})(?![\p{L}\p{N}])|(\d{1,2})\s*بجے/iu;
/** Parts of the day: their default time, and whether an hour said with them is after noon. */
export const PART_OF_DAY: [RegExp, string, boolean][] = [
  [/(?<![\p{L}\p{N}])(morning|subah)(?![\p{L}\p{N}])|صبح/iu, '09:00', false], [/(?<![\p{L}\p{N}])(noon|dopahar)(?![\p{L}\p{N}])|دوپہر/iu, '12:00', true],
  [/(?<![\p{L}\p{N}])(afternoon)(?![\p{L}\p{N}])/iu, '15:00', true],
  [/(?<![\p{L}\p{N}])(evening|shaam|sham)(?![\p{L}\p{N}])|شام/iu, '18:00', true], [/(?<![\p{L}\p{N}])(night|tonight|raat)(?![\p{L}\p{N}])|رات/iu, '21:00', true],
];

/** A time of day found in a text: HH:MM and where it was said. */
export interface SaidTime {
  hhmm: string;
  index: number;
  length: number;
}

/**
 * Reads "at 9", "9:30pm", "17:30", "5 baje", "raat 9 baje" or a bare part of the day into HH:MM.
 * In order: am/pm as said; a 24-hour clock as written; a part of the day (morning → before noon,
 * noon to night → after); otherwise 1–7 is taken as afternoon/evening, like the parser does.
 */
export function timeOf(text: string): SaidTime | null {
  const part = PART_OF_DAY.find(([re]) => re.test(text));
  const m = TIME.exec(text);
  if (!m) {
    if (!part) return null;
    const pm = part[0].exec(text)!;
    return { hhmm: part[1], index: pm.index, length: pm[0].length };
  }
  const hour = Number(m[1] ?? m[4] ?? m[6] ?? m[8]);
  const minute = Number(m[2] ?? m[5] ?? m[7] ?? 0);
  const ampm = (m[3] ?? '').toLowerCase();
  let h: number;
  if (ampm === 'pm') h = (hour % 12) + 12;
  else if (ampm === 'am') h = hour % 12;
  else if (hour > 12 || hour === 0) h = hour;
  else if (part) h = part[2] ? (hour === 12 ? 12 : hour + 12) : hour % 12;
  else h = hour >= 1 && hour <= 7 ? hour + 12 : hour;
  if (h > 23 || minute > 59) return null;
  return { hhmm: `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, index: m.index, length: m[0].length };
}

/** The person's text with the ranges the parser used blanked out. */
export class PhraseCutter {
  private readonly used: boolean[];
  /** The matching form with used ranges blanked (same length as the text). */
  work: string;

  constructor(private readonly text: string) {
    this.work = toKey(text);
    this.used = new Array<boolean>(text.length).fill(false);
  }

  /** Marks `length` characters at `index` as used. */
  cut(index: number, length: number): void {
    for (let i = index; i < index + length && i < this.used.length; i++) this.used[i] = true;
    this.work = this.work.slice(0, index) + ' '.repeat(Math.min(length, this.work.length - index)) + this.work.slice(index + length);
  }

  /** The text without the used ranges. */
  rest(): string {
    let out = '';
    for (let i = 0; i < this.text.length; i++) out += this.used[i] ? ' ' : this.text[i];
    return out;
  }
}

