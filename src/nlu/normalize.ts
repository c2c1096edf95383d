/**
 * Input clean-up before any rule runs. Phones send emoji, bidi marks, zero-width joiners,
 * Arabic-Indic digits and typos; the rules should see one tidy form of all of that.
 *
 * Two strings come out: `clean` (what the user wrote, tidied, used for titles so the user's own
 * words and script survive) and `key` (a same-length lower-cased copy with Urdu letter variants and
 * digits unified, used for matching). Because both have the same length, an index found in `key`
 * cuts the same words out of `clean`.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad]/g;
const EMOJI = /[\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0e\ufe0f\u20e3]/gu;
const SPACES = /[\s\u00a0]+/g;

/** Longest text the parser reads; anything beyond is almost surely chat and only costs time. */
export const MAX_INPUT = 2000;

/**
 * Phone-typing misspellings of the words the rules depend on. Only unambiguous forms are listed
 * so a real word is never "corrected" into something else.
 */
const TYPOS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:tmrw|tmrow|tmr|tmorrow|tomorow|tommorow|tommorrow|tomorrw|tomoro|tomorro|2moro|2morrow|2mrw|tomm?oz)\b/gi, 'tomorrow'],
  [/\b(?:tonite|2nite|tonigt)\b/gi, 'tonight'],
  [/\b(?:tday|tdy|2day)\b/gi, 'today'],
  [/\b(?:remaind|remnd|remidn|reimnd|rmind|remid|remine|remindd)(?=\s|$|er)/gi, 'remind'],
  [/\b(?:reminde|remider|reminer|remindr)\b/gi, 'reminder'],
  [/\b(?:shedule|schedual|scedule|schdule)\b/gi, 'schedule'],
  [/\b(?:calender|calandar|calander)\b/gi, 'calendar'],
  [/\b(?:appointmnet|appoinment|apointment|appt)\b/gi, 'appointment'],
  [/\b(?:meetng|meting)\b/gi, 'meeting'],
  [/\b(?:wendesday|wensday|wednsday|weds)\b/gi, 'wednesday'],
  [/\b(?:thrusday|thursdy|thurs)\b/gi, 'thursday'],
  [/\b(?:tuseday|tuesdy|tues)\b/gi, 'tuesday'],
  [/\b(?:firday|fridy)\b/gi, 'friday'],
  [/\b(?:satuday|saturdy)\b/gi, 'saturday'],
  [/\b(?:mondy|monady)\b/gi, 'monday'],
  [/\b(?:sunady|sundy)\b/gi, 'sunday'],
  [/\b(?:mins?)\b/gi, 'minutes'],
  [/\b(?:hrs?)\b/gi, 'hours'],
  [/\b(?:pls|plz|plez|plese|pleas)\b/gi, 'please'],
  [/\bto-do\b/gi, 'todo'],
  [/\bto-dos\b/gi, 'todos'],
  [/\b(?:whats|wats|wat's)\b/gi, "what's"],
];

/**
 * Removes what can never be meaning (control chars, bidi marks, emoji), unifies width forms and
 * spaces, and fixes common typos. Never throws, whatever comes in.
 */
export function sanitize(raw: string): string {
  let s = typeof raw === 'string' ? raw : String(raw ?? '');
  if (s.length > MAX_INPUT) s = s.slice(0, MAX_INPUT);
  s = s.normalize('NFKC').replace(CONTROL, ' ').replace(INVISIBLE, '').replace(EMOJI, ' ');
  for (const [re, to] of TYPOS) s = s.replace(re, to);
  return s.replace(SPACES, ' ').trim();
}

const CHAR_MAP: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ه': 'ہ', 'ة': 'ہ', 'ۀ': 'ہ',
  '’': "'", '‘': "'", '`': "'", '“': '"', '”': '"', '،': ',', '؟': '?', '۔': '.',
};

/**
 * The matching form of `clean`: same length, lower case, Urdu/Arabic letter variants unified,
 * Urdu and Arabic-Indic digits as ASCII. Rules match here and cut titles from `clean`.
 */
export function toKey(clean: string): string {
  let out = '';
  for (const ch of clean) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else if (CHAR_MAP[ch] !== undefined) out += CHAR_MAP[ch];
    else {
      const low = ch.toLowerCase();
      out += low.length === ch.length ? low : ch;
    }
  }
  return out;
}
