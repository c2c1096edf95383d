/**
 * Wall-clock time in an IANA zone without extra dependencies. The machine may run in any zone,
 * so nothing here uses the Date's local-time methods: offsets come from Intl.DateTimeFormat, which
 * knows the real daylight-saving rules (e.g. New York's jump from -05:00 to -04:00 on 2026-03-08).
 */

/** A calendar date and time as a person in some zone reads it off the wall. */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the zone; the CLI and set_timezone reject anything else. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || typeof timeZone !== 'string') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall time (and weekday, 0 = Sunday) at an instant in a zone. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime & { weekday: number } {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '0';
  return {
    year: Number(get('year')), month: Number(get('month')), day: Number(get('day')),
    hour: Number(get('hour')) % 24, minute: Number(get('minute')), second: Number(get('second')),
    weekday: WEEKDAYS[get('weekday')] ?? 0,
  };
}

const offsetCache = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

/**
 * Minutes east of UTC in effect in the zone at the instant (+300 for Karachi). Cached per
 * quarter hour: zones only change offset on quarter-hour boundaries, and Intl is the hot path.
 */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const cacheKey = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  const cached = offsetCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  const off = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(cacheKey, off);
  return off;
}

/**
 * The instant a wall time happens in a zone. In a spring-forward gap (02:30 that never happens)
 * the clock reading is pushed forward by the gap, as people and calendars do; in a fall-back
 * overlap the first (daylight) occurrence wins.
 */
export function instantOfWallTime(w: WallTime, timeZone: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  const t1 = guess - offsetMinutesAt(new Date(guess), timeZone) * 60_000;
  const t2 = guess - offsetMinutesAt(new Date(t1), timeZone) * 60_000;
  const reads = (t: number): boolean => t + offsetMinutesAt(new Date(t), timeZone) * 60_000 === guess;
  const valid = [t1, t2].filter(reads);
  return new Date(valid.length ? Math.min(...valid) : Math.max(t1, t2));
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-11-21T17:00:00+05:00. */
export function formatInZone(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  const off = offsetMinutesAt(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second ?? 0)}` +
    `${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** Calendar arithmetic on a wall date (month/year roll-over handled by Date.UTC). */
export function addDays(w: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Weekday (0 = Sunday) of a wall date. */
export function weekdayOf(w: WallTime): number {
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
}
