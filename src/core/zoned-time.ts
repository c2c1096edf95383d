/**
 * Wall-clock maths in IANA time zones with nothing but Intl, so "today", "tomorrow 9:00" and
 * "this week" mean the user's local calendar, across daylight-saving changes.
 */

/** Calendar fields of an instant as seen on a wall clock in some zone. */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', weekday: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** True when `timeZone` is an IANA name this runtime knows (e.g. "Asia/Karachi"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday!] ?? 0,
  };
}

/** Minutes east of UTC that `timeZone` observes at `instant` (Karachi: 300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall clock in `timeZone` shows the given fields. Month/day overflow rolls over
 * (day 32 → next month). A time skipped by spring-forward is moved forward by the gap's length; a repeated fall-back time resolves to its first occurrence.
 */
export function zonedToUtc(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  // Try the offsets in force a day either side; pick the earliest candidate whose wall time matches.
  const offsets = new Set([
    offsetMinutes(new Date(guess - 86_400_000), timeZone),
    offsetMinutes(new Date(guess), timeZone),
    offsetMinutes(new Date(guess + 86_400_000), timeZone),
  ]);
  const candidates = [...offsets].map((o) => new Date(guess - o * 60_000)).sort((a, b) => a.getTime() - b.getTime());
  for (const c of candidates) {
    const w = wallTime(c, timeZone);
    if (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === guess) return c;
  }
  // In a spring-forward gap: read the wall time with the offset in force before the gap, which lands
  // the same distance past the gap (02:30 on a 02:00→03:00 day becomes 03:30), as Temporal does.
  return new Date(guess - Math.min(...offsets) * 60_000);
}

/** Midnight at the start of the local day containing `instant`, plus `addDays` days. */
export function startOfLocalDay(instant: Date, timeZone: string, addDays = 0): Date {
  const w = wallTime(instant, timeZone);
  return zonedToUtc(timeZone, w.year, w.month, w.day + addDays);
}

/** Monday 00:00 of the local week containing `instant`. */
export function startOfLocalWeek(instant: Date, timeZone: string): Date {
  const w = wallTime(instant, timeZone);
  const back = (w.weekday + 6) % 7;
  return zonedToUtc(timeZone, w.year, w.month, w.day - back);
}

/** ISO 8601 with the zone's offset at that instant: `2026-11-21T17:00:00+05:00`. */
export function toZonedIso(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}
