/**
 * When an event happens and when to remind about it, in the event's own zone. A repeating event
 * runs on the wall clock of the zone it was defined in (RRULE with TZID semantics): "Mondays 14:00
 * Europe/London" is 19:00 in Karachi in winter and 18:00 once London moves to summer time, never
 * "14:00 wherever the viewer is". Pure functions of (event, zones, instant), like recurrence/next-run.ts;
 * kept below the scheduler because the event service reads occurrences too.
 */
import { isValidTimeZone, wallTime, zonedToUtc } from '../core/zoned-time.ts';
import { nextOccurrence } from '../recurrence/next-run.ts';

/** The fields of an Event row these functions read. */
export interface EventTiming {
  startAt: Date;
  endAt: Date | null;
  recurrence: string | null;
  timeZone: string | null;
  allDay: boolean;
  reminderLeadMinutes: number | null;
}

/** Default minutes before a timed event's start, when the event does not say. */
export const DEFAULT_EVENT_LEAD_MINUTES = 15;

/**
 * Local time an all-day event's reminder goes out on its day (in the event's zone): a whole-day
 * item has no start to count back from, and midnight would wake people. An explicit lead moves it
 * earlier from here (a lead of 1440 minutes reminds at 09:00 the day before).
 */
export const ALL_DAY_REMINDER_TIME = { hour: 9, minute: 0 } as const;

/** The zone an event's rule and date are read in: its own, else (rows from before) the owner's. */
export function eventZone(event: Pick<EventTiming, 'timeZone'>, ownerZone: string): string {
  return event.timeZone && isValidTimeZone(event.timeZone) ? event.timeZone : ownerZone;
}

/**
 * The first start of `event` strictly after `after`: the stored start while it is still ahead,
 * else for a repeating event the rule's next run on the event zone's wall clock; null when over.
 */
export function nextEventStart(event: EventTiming, zone: string, after: Date): Date | null {
  if (event.startAt.getTime() > after.getTime()) return event.startAt;
  return event.recurrence ? nextOccurrence(event.recurrence, zone, after) : null;
}

/** The next `count` starts of `event` after `after` (one for a one-off still ahead, none when over). */
export function eventOccurrences(event: EventTiming, zone: string, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const next = nextEventStart(event, zone, cursor);
    if (!next) break;
    out.push(next);
    if (!event.recurrence) break;
    cursor = next;
  }
  return out;
}

/** Where an occurrence ends: the start plus the event's own length (none for an open-ended one). */
export function occurrenceEnd(event: EventTiming, start: Date): Date | null {
  return event.endAt ? new Date(start.getTime() + (event.endAt.getTime() - event.startAt.getTime())) : null;
}

/**
 * When to remind about the occurrence starting at `start`: `reminderLeadMinutes` (default 15)
 * before a timed start; for an all-day event ALL_DAY_REMINDER_TIME on its day in `zone`, minus an
 * explicit lead.
 */
export function eventReminderAt(event: EventTiming, start: Date, zone: string): Date {
  if (!event.allDay) return new Date(start.getTime() - Math.max(0, event.reminderLeadMinutes ?? DEFAULT_EVENT_LEAD_MINUTES) * 60_000);
  const day = wallTime(start, zone);
  const at = zonedToUtc(zone, day.year, day.month, day.day, ALL_DAY_REMINDER_TIME.hour, ALL_DAY_REMINDER_TIME.minute);
  return new Date(at.getTime() - Math.max(0, event.reminderLeadMinutes ?? 0) * 60_000);
}

/**
 * The first occurrence whose reminder time is after `now` (a one-off: its start, whatever the
 * time, so the caller can tell a past one). Looks back a day because an all-day reminder falls
 * after its midnight start.
 */
export function nextRemindedStart(event: EventTiming, zone: string, now: Date): Date | null {
  if (!event.recurrence || eventReminderAt(event, event.startAt, zone).getTime() > now.getTime()) return event.startAt;
  let cursor = new Date(now.getTime() - 36 * 3_600_000);
  for (let i = 0; i < 5_000; i++) {
    const next = nextEventStart(event, zone, cursor);
    if (!next) return null;
    if (eventReminderAt(event, next, zone).getTime() > now.getTime()) return next;
    cursor = next;
  }
  return null;
}
