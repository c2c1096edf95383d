import type { EventRange } from '../core/list-filters.ts';
import { startOfLocalDay, startOfLocalWeek, wallTime, zonedToUtc } from '../core/zoned-time.ts';

/** Named windows of the calendar (core's EVENT_RANGES), in the user's local time. */
export type { EventRange };

/**
 * The [from, to) instants of a named range: today / tomorrow are local days; week runs from now to
 * the end of local Sunday; next_week is next local Monday..Sunday; month runs from now to the end of
 * the local month. With no range: the next 30 days from now.
 */
export function eventRange(range: EventRange | undefined, now: Date, timeZone: string): { from: Date; to: Date } {
  switch (range) {
    case 'today':
      return { from: startOfLocalDay(now, timeZone), to: startOfLocalDay(now, timeZone, 1) };
    case 'tomorrow':
      return { from: startOfLocalDay(now, timeZone, 1), to: startOfLocalDay(now, timeZone, 2) };
    case 'week':
      return { from: now, to: startOfLocalDay(startOfLocalWeek(now, timeZone), timeZone, 7) };
    case 'next_week': {
      const monday = startOfLocalDay(startOfLocalWeek(now, timeZone), timeZone, 7);
      return { from: monday, to: startOfLocalDay(monday, timeZone, 7) };
    }
    case 'month': {
      const w = wallTime(now, timeZone);
      return { from: now, to: zonedToUtc(timeZone, w.year, w.month + 1, 1) };
    }
    default:
      return { from: now, to: new Date(now.getTime() + 30 * 86_400_000) };
  }
}
