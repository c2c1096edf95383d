/**
 * Wall-clock maths in IANA time zones with nothing but Intl, so "today", "tomorrow 9:00" and
 * "this week" mean the user's local calendar, across daylight-saving changes. The one place for
 * it: services, the scheduler, the LLM prompts, i18n, config and the offline parser all use it.
 * Nothing here reads the machine's own zone (no Date local-time methods).
 */

import { lruCache } from './lru.ts';

/** A calendar date with no zone attached, for day arithmetic before a time is resolved. */
export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** Calendar fields of an instant as seen on a wall clock in some zone. */
export interface WallTime extends CalendarDate {
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
  if (!timeZone || typeof timeZone !== 'string' || timeZone.length > 64) return false;
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
    hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday!] ?? 0,
  };
}

const offsetCache = lruCache<string, number>({ max: 10_000 });
const QUARTER_HOUR = 15 * 60_000;

/**
 * Minutes east of UTC that `timeZone` observes at `instant` (Karachi: 300). Cached per quarter
 * hour of UTC: zones change offset only on quarter-hour boundaries, and the parser and
 * `zonedToUtc` ask for the same few offsets over and over.
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const cacheKey = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  const cached = offsetCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const off = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  offsetCache.set(cacheKey, off);
  return off;
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

/** Midnight at the start of the local day containing `instant`, plus `days` days. */
export function startOfLocalDay(instant: Date, timeZone: string, days = 0): Date {
  const w = wallTime(instant, timeZone);
  return zonedToUtc(timeZone, w.year, w.month, w.day + days);
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

/** `date` moved by whole calendar days, rolling over months and years (other fields kept). */
export function addDays<T extends CalendarDate>(date: T, days: number): T {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { ...date, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Weekday of a calendar date, 0 = Sunday (a date has one weekday whatever the zone). */
export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
