/**
 * UTC offsets as people write them ("UTC+5", "GMT+05:45", "utc+5.5", "GMT-3", "UTC+0530") turned
 * into a zone ClawChat can store, or a refusal: an offset is never rounded to another one and never
 * read as a place ("GMT-14" is not London).
 *
 * Stored zones must be IANA names (Node 20's Intl, croner and the .ics export refuse "+05:30"), so:
 * - a whole-hour offset is its `Etc/GMT∓h` zone (IANA's Etc names invert the sign: UTC+5 is
 *   Etc/GMT-5), UTC+0 is UTC;
 * - a :30 or :45 offset is the IANA zone that keeps exactly that offset all year, with no daylight
 *   saving (UTC+05:30 is Asia/Kolkata, UTC+05:45 Asia/Kathmandu; test/nlu/utc-offset.test.ts checks
 *   that each one holds its offset for the next ten years), so the wall clock is the one asked for;
 * - an offset used only by zones with daylight saving (UTC-03:30, St John's) has no fixed zone: the
 *   person is asked for their city instead of getting a clock that is wrong half the year.
 * Real offsets run from UTC-12:00 to UTC+14:00 with minutes :00, :30 or :45; anything else is refused.
 */

/** A :30/:45 offset (minutes east of UTC) → the DST-free IANA zone that keeps it all year. */
const FIXED_FRACTIONAL_ZONES: ReadonlyMap<number, string> = new Map([
  [-570, 'Pacific/Marquesas'],
  [210, 'Asia/Tehran'],
  [270, 'Asia/Kabul'],
  [330, 'Asia/Kolkata'],
  [345, 'Asia/Kathmandu'],
  [390, 'Asia/Yangon'],
  [525, 'Australia/Eucla'],
  [570, 'Australia/Darwin'],
]);

/** Exported for the test that checks every entry against the runtime's zone data. */
export const FIXED_OFFSET_ZONES = FIXED_FRACTIONAL_ZONES;

/** Anything that looks like an offset: UTC or GMT, a sign and a digit, with what follows it. */
const OFFSET_LIKE = /(?<![\w/])(?:utc|gmt)\s*[+\-\u2212]\s*\d[\d:.,h]*/i;
/** A whole answer that is just an offset without UTC/GMT: "+5:30", "-03:00". */
const BARE_OFFSET_LIKE = /^[+\-\u2212]\s*\d[\d:.,h]*$/;
/** The forms read: "UTC+5", "gmt - 05:30", "UTC+5.5", "UTC+0530", "UTC−3" (a typographic minus too). */
const OFFSET = /^(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?:\s*(?::|h)?\s*(\d{2})|[.,](\d+))?$/i;

/** What an offset in the text comes to. `label` is the normal spelling, e.g. "UTC+05:30". */
export type OffsetReading =
  | { ok: true; zone: string; label: string }
  | { ok: false; reason: 'notReal' | 'noFixedZone'; text: string; label?: string };

/** The normal spelling of an offset in minutes: 330 → "UTC+05:30". */
export function offsetLabel(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The UTC offset written in `text`, or undefined when it names none. `whole` says the text is
 * only the zone (a /timezone argument), where a bare "+5:30" counts too.
 */
export function readUtcOffset(text: string, whole = false): OffsetReading | undefined {
  const like = OFFSET_LIKE.exec(text) ?? (whole ? BARE_OFFSET_LIKE.exec(text.trim()) : null);
  if (!like) return undefined;
  const written = like[0].trim().replace(/[.,:h]+$/i, '');
  const m = OFFSET.exec(written);
  if (!m) return { ok: false, reason: 'notReal', text: written };
  const hours = Number(m[2]);
  let minutes: number | undefined;
  if (m[3] !== undefined) minutes = Number(m[3]);
  else if (m[4] !== undefined) minutes = Math.round(Number(`0.${m[4]}`) * 60 * 1e6) / 1e6;
  else minutes = 0;
  if (!Number.isInteger(minutes) || ![0, 30, 45].includes(minutes)) return { ok: false, reason: 'notReal', text: written };
  const total = (m[1] === '+' ? 1 : -1) * (hours * 60 + minutes);
  if (total < -12 * 60 || total > 14 * 60) return { ok: false, reason: 'notReal', text: written };
  const label = offsetLabel(total);
  if (total === 0) return { ok: true, zone: 'UTC', label };
  if (minutes === 0) return { ok: true, zone: `Etc/GMT${total > 0 ? '-' : '+'}${hours}`, label };
  const zone = FIXED_FRACTIONAL_ZONES.get(total);
  return zone ? { ok: true, zone, label } : { ok: false, reason: 'noFixedZone', text: written, label };
}
