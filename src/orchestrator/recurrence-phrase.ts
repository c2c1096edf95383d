import { isValidRule } from '../scheduler/next-run.ts';

/** A repeating schedule found in a message, and the message without it. */
export interface RecurrencePhrase {
  /** A scheduler rule: daily@HH:MM, weekdays@HH:MM, weekly@mon,thu@HH:MM, monthly@D@HH:MM or cron. */
  rule: string;
  /** The text with the schedule words removed. */
  rest: string;
}

const DAYS: Record<string, string> = {
  sun: 'sun', sunday: 'sun', mon: 'mon', monday: 'mon', tue: 'tue', tues: 'tue', tuesday: 'tue', wed: 'wed', wednesday: 'wed',
  thu: 'thu', thur: 'thu', thurs: 'thu', thursday: 'thu', fri: 'fri', friday: 'fri', sat: 'sat', saturday: 'sat',
  itwar: 'sun', peer: 'mon', somwar: 'mon', mangal: 'tue', budh: 'wed', jumeraat: 'thu', jumma: 'fri', juma: 'fri', hafta: 'sat',
};
const DAY_WORD = Object.keys(DAYS).sort((a, b) => b.length - a.length).join('|');

const CRON_FIELD = '[\\d*/,LW#?A-Za-z-]+';
const CRON_5 = new RegExp(`\\bcron\\s*[:=]?\\s*((?:${CRON_FIELD}\\s+){4}${CRON_FIELD})`, 'i');
const CRON_6 = new RegExp(`\\bcron\\s*[:=]?\\s*((?:${CRON_FIELD}\\s+){5}${CRON_FIELD})`, 'i');
const TIME = /\b(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|baje)\b|\bat\s+(\d{1,2})(?:[:.](\d{2}))?\b|\b(\d{1,2}):(\d{2})\b|(\d{1,2})\s*بجے/i;
/** Parts of the day: their default time, and whether an hour said with them is after noon. */
const PART_OF_DAY: [RegExp, string, boolean][] = [
  [/\b(morning|subah)\b|صبح/i, '09:00', false], [/\b(noon|dopahar)\b|دوپہر/i, '12:00', true], [/\b(afternoon)\b/i, '15:00', true],
  [/\b(evening|shaam|sham)\b|شام/i, '18:00', true], [/\b(night|tonight|raat)\b|رات/i, '21:00', true],
];

/**
 * Reads "at 9", "9:30pm", "17:30", "5 baje", "raat 9 baje" or a bare part of the day into HH:MM.
 * In order: am/pm as said; a 24-hour clock as written; a part of the day (morning → before noon,
 * noon to night → after); otherwise 1–7 is taken as afternoon/evening, like the parser does.
 */
function timeOf(text: string): { hhmm: string; match: string } | null {
  const part = PART_OF_DAY.find(([re]) => re.test(text));
  const m = TIME.exec(text);
  if (!m) return part ? { hhmm: part[1], match: part[0].exec(text)![0] } : null;
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
  return { hhmm: `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, match: m[0] };
}

const PATTERNS: { re: RegExp; rule: (m: RegExpExecArray, hhmm: string) => string | null }[] = [
  { re: /\b(?:every\s+weekday|on\s+weekdays|weekdays|har\s+kaam\s+ke\s+din)\b/i, rule: (_m, t) => `weekdays@${t}` },
  { re: new RegExp(`\\b(?:every|har)\\s+((?:${DAY_WORD})(?:\\s*(?:,|and|&|aur)\\s*(?:${DAY_WORD}))*)\\b`, 'i'),
    rule: (m, t) => `weekly@${[...new Set(m[1]!.toLowerCase().split(/\s*(?:,|and|&|aur)\s*/).map((d) => DAYS[d]).filter(Boolean))].join(',')}@${t}` },
  { re: /\b(?:every\s+month\s+on\s+the\s+|monthly\s+on\s+the\s+|on\s+the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?every\s+month\b|\b(?:every\s+month|monthly)\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)?\b/i,
    rule: (m, t) => { const d = Number(m[1] ?? m[2]); return d >= 1 && d <= 31 ? `monthly@${d}@${t}` : null; } },
  { re: /\b(?:every\s+day|everyday|daily|each\s+day|every\s+(?:morning|evening|night)|har\s+roz|rozana|roz)\b|ہر\s+روز|روزانہ/i, rule: (_m, t) => `daily@${t}` },
];

/**
 * Finds a repeating schedule in a request ("every weekday at 9", "every month on the 1st",
 * "har roz subah", "cron 0 9 * * 1-5"). Null when the message states none, so nothing repeats by
 * accident. The parser contract has no recurrence param, so this runs beside it.
 */
export function parseRecurrencePhrase(text: string): RecurrencePhrase | null {
  for (const re of [CRON_6, CRON_5]) {
    const cron = re.exec(text);
    if (cron && isValidRule(cron[1]!.trim())) return { rule: cron[1]!.trim(), rest: tidy(text.replace(cron[0], ' ')) };
  }
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const time = timeOf(text);
    const rule = p.rule(m, time?.hhmm ?? '09:00');
    if (!rule || !isValidRule(rule)) return null;
    let rest = text.replace(m[0], ' ');
    if (time) rest = rest.replace(time.match, ' ');
    for (const [re] of PART_OF_DAY) rest = rest.replace(re, ' ');
    return { rule, rest: tidy(rest) };
  }
  return null;
}

function tidy(s: string): string {
  return s.replace(/\b(at|on|baje|ko)\s*$/i, '').replace(/\s+/g, ' ').replace(/\s+([,.!?])/g, '$1').trim();
}
