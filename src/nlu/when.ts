/**
 * The time a message talks about, in a form every date rule (English, Urdu, Roman Urdu) returns,
 * plus the README's resolution conventions that turn "a day without a time" or "evening" into
 * a concrete instant in the user's zone.
 */
import type { ParseContext } from './types.ts';
import { addDays, offsetMinutes, type CalendarDate } from '../core/zoned-time.ts';

/** A resolved time expression. `hasTime` is false when only a day was said (so 09:00 was used). */
export interface When {
  start: Date;
  end?: Date;
  hasTime: boolean;
  hasDate: boolean;
}

/** "A day without a time for a todo is 09:00" (README conventions). */
export const DEFAULT_HOUR = 9;

/** Hours the README assigns to parts of the day. */
export const PART_OF_DAY_HOUR = {
  morning: 9, noon: 12, afternoon: 15, evening: 18, night: 21, midnight: 0,
} as const;

/** A part of the day a person can name instead of a clock time. */
export type PartOfDay = keyof typeof PART_OF_DAY_HOUR;

/** Wall-clock fields of an instant in a zone. */
export interface Wall extends CalendarDate { hour: number; minute: number; second: number }

/**
 * The wall clock of `instant` in `timeZone`, from core's cached UTC offset: the same fields as
 * core's wallTime without an Intl formatting per call (the parser asks many times per message).
 */
export function wallIn(instant: Date, timeZone: string): Wall {
  const d = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

/** Today's date in the user's zone. */
export function todayIn(ctx: ParseContext): CalendarDate {
  const w = wallIn(ctx.now, ctx.timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/**
 * The instant `date` shows `hour:minute` on the user's wall clock, as core's zonedToUtc resolves
 * it (a time skipped by spring-forward moves forward by the gap, a repeated one is its first
 * occurrence), from cached offsets: a candidate is right when the zone's offset at it is the one
 * it was built from.
 */
export function atClock(ctx: ParseContext, date: CalendarDate, hour: number, minute: number): Date {
  const tz = ctx.timeZone;
  const guess = Date.UTC(date.year, date.month - 1, date.day, hour, minute, 0);
  const a = offsetMinutes(new Date(guess - 86_400_000), tz);
  const b = offsetMinutes(new Date(guess), tz);
  const c = offsetMinutes(new Date(guess + 86_400_000), tz);
  // Larger offset = earlier instant; try candidates earliest first.
  const offsets = [a, b, c].filter((o, i, all) => all.indexOf(o) === i).sort((x, y) => y - x);
  for (const o of offsets) {
    const at = new Date(guess - o * 60_000);
    if (offsetMinutes(at, tz) === o) return at;
  }
  return new Date(guess - Math.min(a, b, c) * 60_000);
}

/** ISO 8601 with the zone's offset at that instant (core's toZonedIso, from cached offsets). */
export function isoIn(instant: Date, timeZone: string): string {
  const off = offsetMinutes(instant, timeZone);
  const d = new Date(instant.getTime() + off * 60_000);
  const abs = Math.abs(off);
  return `${d.toISOString().slice(0, 19)}${off < 0 ? '-' : '+'}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Hour for a clock reading without am/pm. A part of day decides when given; otherwise people mean
 * the afternoon for 1-7 ("at 5") and the next future reading for 8-11 (see pickHour for "today").
 */
export function hourWithPart(hour: number, part: PartOfDay | null, pm: boolean | null): number {
  if (pm === true) return hour % 12 + 12;
  if (pm === false) return hour % 12;
  if (hour >= 12 && hour <= 23) {
    if (hour === 12 && (part === 'night' || part === 'midnight')) return 0;
    return hour;
  }
  switch (part) {
    case 'morning': return hour;
    case 'noon': case 'afternoon': return hour <= 7 ? hour + 12 : hour;
    case 'evening': return hour + 12;
    case 'night': return hour >= 5 ? hour + 12 : hour;
    case 'midnight': return hour;
    default: return hour >= 1 && hour <= 7 ? hour + 12 : hour;
  }
}

/**
 * Builds the instant for a day offset (or explicit date) plus an optional clock. When only a clock
 * is given and it has already passed today, the evening reading (for an ambiguous 8-11) or
 * tomorrow is used, so "at 9" said at 10:00 means 21:00.
 */
export function resolveWall(
  ctx: ParseContext,
  date: CalendarDate | null,
  clock: { hour: number; minute: number; ambiguous: boolean } | null,
): When {
  const today = todayIn(ctx);
  if (!clock) {
    const d = date ?? today;
    return { start: atClock(ctx, d, DEFAULT_HOUR, 0), hasTime: false, hasDate: true };
  }
  let d = date ?? today;
  let hour = clock.hour;
  let start = atClock(ctx, d, hour, clock.minute);
  if (!date && start.getTime() <= ctx.now.getTime()) {
    if (clock.ambiguous && hour < 12) {
      hour += 12;
      start = atClock(ctx, d, hour, clock.minute);
    }
    if (start.getTime() <= ctx.now.getTime()) {
      hour = clock.hour;
      d = addDays(today, 1);
      start = atClock(ctx, d, hour, clock.minute);
    }
  }
  return { start, hasTime: true, hasDate: date !== null };
}

/** The last day of the month `months` after the one `date` is in. */
export function lastDayOfMonth(date: CalendarDate, months = 0): CalendarDate {
  const first = new Date(Date.UTC(date.year, date.month - 1 + months + 1, 1));
  const last = new Date(first.getTime() - 86_400_000);
  return { year: last.getUTCFullYear(), month: last.getUTCMonth() + 1, day: last.getUTCDate() };
}
